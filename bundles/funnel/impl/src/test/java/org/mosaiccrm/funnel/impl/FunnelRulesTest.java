package org.mosaiccrm.funnel.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.FieldReader;

/** The funnel's arithmetic and rules that need no database. */
class FunnelRulesTest {

    @Test
    void aLineIsQuantityTimesPriceLessItsDiscount() {
        assertEquals(new BigDecimal("45.0000"), DealLine.total(new BigDecimal("1"), new BigDecimal("50"), new BigDecimal("10")));
        assertEquals(new BigDecimal("300.0000"), DealLine.total(new BigDecimal("3"), new BigDecimal("100.00"), null));
        assertEquals(new BigDecimal("0.3333"), DealLine.total(new BigDecimal("1"), new BigDecimal("0.99"), new BigDecimal("66.33")),
                "0.99 − 0.656667 = 0.333333, kept at four decimals half-even");
    }

    @Test
    void assignmentRulesMatchIgnoringCaseAndByEmailDomain() {
        Lead lead = new Lead();
        lead.setSource("Fair");
        lead.setEmail("Ana@Kovac.SI");
        assertTrue(LeadAssignment.matches(rule("source", " fair "), lead));
        assertTrue(LeadAssignment.matches(rule("emailDomain", "kovac.si"), lead));
        assertFalse(LeadAssignment.matches(rule("company", "Kovač"), lead), "a lead without the field does not match");
        assertTrue(LeadAssignment.matches(rule(null, null), lead), "a rule without a field matches every lead");
    }

    private static AssignmentRule rule(String field, String value) {
        AssignmentRule r = new AssignmentRule();
        r.setField(field);
        r.setValue(value);
        return r;
    }

    @Test
    void pricesAreOnePerCurrencyAndNeverFloats() {
        Map<String, Object> body = new HashMap<>();
        body.put("prices", List.of(Map.of("currency", "eur", "amount", "10.5"), Map.of("currency", "EUR", "amount", "11"),
                Map.of("currency", "USD", "amount", 12.25), Map.of("currency", "GBP", "amount", "9", "vat", "20")));
        FieldReader in = new FieldReader(body);
        Map<String, BigDecimal> prices = Prices.read(in, "prices");
        assertEquals(Map.of("EUR", new BigDecimal("10.5000")), prices);
        assertEquals(List.of("prices[1].currency", "prices[2].amount", "prices[3]"), in.errors().stream().map(e -> e.field()).toList());
        assertEquals("{\"EUR\":\"10.5000\"}", Prices.write(prices));
        assertEquals("10.50", Prices.view(Prices.write(prices)).get(0).amount());
    }
}
