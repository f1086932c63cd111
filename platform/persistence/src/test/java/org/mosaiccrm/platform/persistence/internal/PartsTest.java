package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.events.RecordChange;

class PartsTest {

    private static CommitEvent order(RecordChange change) {
        return new CommitEvent("funnel", "Order", "o1", change, List.of("number"), Map.of("number", Arrays.asList(null, "SO-1")), "u1",
                "SO-1");
    }

    private static CommitEvent line(String id, RecordChange change, String orderId) {
        return new CommitEvent("funnel", "OrderLine", id, change, List.of("quantity", "version"),
                Map.of("quantity", Arrays.asList(null, "2"), "version", Arrays.asList(null, "1")), "u1", null,
                new CommitEvent.Whole("Order", orderId, "SO-" + orderId));
    }

    @Test
    void recordsThatStandAloneAreLeftAsTheyAre() {
        List<CommitEvent> events = List.of(order(RecordChange.CREATED));
        assertSame(events, Parts.fold(events));
    }

    @Test
    void partsFoldIntoTheirWholesChangeWithTheirValuesUnderTheirPath() {
        List<CommitEvent> folded = Parts.fold(List.of(line("l1", RecordChange.CREATED, "o1"), order(RecordChange.CREATED),
                line("l2", RecordChange.CREATED, "o1")));
        assertEquals(1, folded.size(), "one change for the order and its two lines: " + folded);
        CommitEvent o = folded.get(0);
        assertEquals(RecordChange.CREATED, o.change());
        assertEquals("SO-1", o.name());
        assertEquals(List.of("number", "orderLine[l1]", "orderLine[l2]"), o.changedFields());
        assertEquals(Arrays.asList(null, "2"), o.values().get("orderLine[l2].quantity"));
        assertEquals(Arrays.asList(null, "l1"), o.values().get("orderLine[l1]"), "a new part without a name is named by its id");
        assertEquals(null, o.values().get("orderLine[l1].version"), "bookkeeping is left out as for any record");
    }

    @Test
    void aWholeNotChangedItselfGetsAnUpdateForItsParts() {
        CommitEvent other = new CommitEvent("funnel", "Product", "p1", RecordChange.CREATED, List.of(), Map.of(), "u1", "Widget");
        List<CommitEvent> folded = Parts.fold(List.of(other, line("l3", RecordChange.DELETED, "o2"), line("l4", RecordChange.UPDATED, "o3")));
        assertEquals(3, folded.size(), folded.toString());
        assertSame(other, folded.get(0));
        CommitEvent o2 = folded.get(1);
        assertEquals("Order", o2.type());
        assertEquals("o2", o2.id());
        assertEquals(RecordChange.UPDATED, o2.change());
        assertEquals("SO-o2", o2.name(), "the whole's name as the context knew it");
        assertEquals(Arrays.asList("l3", null), o2.values().get("orderLine[l3]"), "a removed part says so");
        CommitEvent o3 = folded.get(2);
        assertEquals("o3", o3.id());
        assertEquals(null, o3.values().get("orderLine[l4]"), "a changed part has only its changed values");
        assertEquals(Arrays.asList(null, "2"), o3.values().get("orderLine[l4].quantity"));
    }

    @Test
    void aPartsValuesItsWholeAlreadySaysAreNotRepeated() {
        CommitEvent order = new CommitEvent("funnel", "Order", "o1", RecordChange.CREATED, List.of("number", "ownerId"),
                Map.of("number", Arrays.asList(null, "SO-1"), "ownerId", Arrays.asList(null, "u1")), "u1", "SO-1");
        CommitEvent line = new CommitEvent("funnel", "OrderLine", "l1", RecordChange.CREATED, List.of("orderId", "ownerId", "teamId", "sku"),
                Map.of("orderId", Arrays.asList(null, "o1"), "ownerId", Arrays.asList(null, "u1"), "teamId", Arrays.asList(null, "t9"),
                        "sku", Arrays.asList(null, "A-1")),
                "u1", null, new CommitEvent.Whole("Order", "o1", "SO-1"));
        CommitEvent o = Parts.fold(List.of(order, line)).get(0);
        assertEquals(null, o.values().get("orderLine[l1].orderId"), "the link to the whole is the whole itself");
        assertEquals(null, o.values().get("orderLine[l1].ownerId"), "the same owner as the order, given in the same change");
        assertEquals(Arrays.asList(null, "t9"), o.values().get("orderLine[l1].teamId"), "a team the order does not say stays");
        assertEquals(Arrays.asList(null, "A-1"), o.values().get("orderLine[l1].sku"));

        CommitEvent moved = new CommitEvent("funnel", "OrderLine", "l2", RecordChange.UPDATED, List.of("orderId"),
                Map.of("orderId", Arrays.asList("o7", "o1")), "u1", null, new CommitEvent.Whole("Order", "o1", "SO-1"));
        assertEquals(Arrays.asList("o7", "o1"), Parts.fold(List.of(moved)).get(0).values().get("orderLine[l2].orderId"),
                "a part moved from another whole says from where");
    }
}
