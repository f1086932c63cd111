package org.mosaiccrm.platform.api.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ProblemException;

/** Custom field values: coercion of each type from JSON and from text, storage, filters and CSV cells. */
class FieldSchemaTest {

    private static final CustomField TEXT = new CustomField("region", "Region", FieldType.TEXT, null, false);
    private static final CustomField NUMBER = new CustomField("size", "Size", FieldType.NUMBER, null, false);
    private static final CustomField DATE = new CustomField("since", "Since", FieldType.DATE, null, false);
    private static final CustomField FLAG = new CustomField("vip", "VIP", FieldType.BOOLEAN, null, false);
    private static final CustomField CHOICE = new CustomField("tier", "Tier", FieldType.CHOICE, List.of("gold", "silver"), true);
    private static final FieldSchema SCHEMA = new FieldSchema("people", List.of(TEXT, NUMBER, DATE, FLAG, CHOICE));

    private static String refusal(CustomField field, Object raw, boolean fromText) {
        return assertThrows(IllegalArgumentException.class, () -> field.value(raw, fromText)).getMessage();
    }

    @Test
    void numbersAreDecimalsWithinNumericBoundsNeverFloatingPoint() {
        assertEquals(new BigDecimal("12.5"), NUMBER.value(12.50, false));
        assertEquals(new BigDecimal("1200"), NUMBER.value("1.2E+3", true), "stored plain, without an exponent");
        assertEquals(new BigDecimal("0.1"), NUMBER.value("0.10", true));
        assertEquals("must be a number", refusal(NUMBER, "12", false), "JSON strings are not numbers");
        assertEquals("must be a number such as 12.5", refusal(NUMBER, "twelve", true));
        assertTrue(refusal(NUMBER, "1234567890123456789", true).startsWith("must have at most 18 digits"));
        assertTrue(refusal(NUMBER, "0.12345678901", true).startsWith("must have at most 18 digits"));
        assertEquals("must be a number", refusal(NUMBER, Double.NaN, false));
    }

    @Test
    void textDatesFlagsAndChoicesAreCheckedTheSameFromJsonAndFromText() {
        assertEquals("EMEA", TEXT.value("  EMEA ", false));
        assertNull(TEXT.value("   ", false), "blank text is no value");
        assertTrue(refusal(TEXT, "x".repeat(CustomField.MAX_TEXT + 1), false).contains("longer than"));
        assertEquals("2026-02-03", DATE.value("2026-02-03", true));
        assertEquals("must be a date such as 2026-11-29", refusal(DATE, "03/02/2026", true));
        assertEquals("must be a string such as 2026-11-29", refusal(DATE, 20260203, false));
        assertEquals(Boolean.TRUE, FLAG.value(true, false));
        assertEquals(Boolean.FALSE, FLAG.value(" FALSE ", true));
        assertEquals("must be true or false", refusal(FLAG, "yes", true));
        assertEquals("must be true or false", refusal(FLAG, "true", false), "JSON wants a real boolean");
        assertEquals("gold", CHOICE.value("gold", false));
        assertEquals("gold", CHOICE.value(" GOLD ", true), "matched ignoring case, stored as the choice is written");
        assertEquals("must be one of [gold, silver]", refusal(CHOICE, "bronze", false));
        assertNull(CHOICE.value("", true), "an empty cell is no value");
    }

    @Test
    void applyingABodyMergesIntoTheStoredValuesCanonicallyAndNamesEachBadField() {
        Map<String, Object> body = new HashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("size", 3);
        custom.put("region", null);
        custom.put("since", "2026-13-01");
        custom.put("colour", "red");
        body.put(FieldSchema.FIELD, custom);
        FieldReader in = new FieldReader(body);
        String stored = SCHEMA.apply(in, "{\"region\":\"EMEA\",\"tier\":\"gold\",\"old\":1}", false);
        assertEquals("{\"old\":1,\"size\":3,\"tier\":\"gold\"}", stored, "keys sorted; null clears; others stay");
        assertEquals(List.of("customFields.colour", "customFields.since"), in.errors().stream().map(FieldError::field).sorted().toList());

        FieldReader creating = new FieldReader(Map.of(FieldSchema.FIELD, Map.of("vip", true)));
        SCHEMA.apply(creating, null, true);
        assertEquals(List.of(FieldError.of("customFields.tier", "required", "is required", "label", "Tier")), creating.errors(),
                "coded, with the label messages name the field by");

        FieldReader notAnObject = new FieldReader(Map.of(FieldSchema.FIELD, List.of(1)));
        SCHEMA.apply(notAnObject, null, false);
        assertEquals("customFields", notAnObject.errors().get(0).field());
    }

    @Test
    void theViewShowsActiveFieldsInOrderAndArchivedValuesStayStored() {
        String stored = "{\"archived\":\"kept\",\"tier\":\"gold\",\"region\":\"EMEA\"}";
        assertEquals(List.of("region", "tier"), List.copyOf(SCHEMA.view(stored).keySet()));
        assertEquals("kept", FieldSchema.read(stored).get("archived"));
        assertEquals("{\"a\":1,\"b\":2}", FieldSchema.unite("{\"b\":2}", "{\"a\":1,\"b\":9}"), "the survivor's value wins");
    }

    @Test
    void csvCellsRoundTripAndBadCellsAreNamed() {
        String stored = "{\"size\":1200,\"tier\":\"gold\",\"vip\":true}";
        assertEquals(List.of("cf.region", "cf.size", "cf.since", "cf.vip", "cf.tier"), SCHEMA.columns());
        assertEquals(List.of("", "1200", "", "true", "gold"), SCHEMA.cells(stored));
        assertTrue(SCHEMA.hasColumn("cf.tier"));
        assertTrue(!SCHEMA.hasColumn("cf.colour") && !SCHEMA.hasColumn("tier"));
        FieldReader errors = new FieldReader(Map.of());
        Map<String, Object> values = SCHEMA.fromCells(Map.of("cf.size", "1200", "cf.vip", "true", "cf.since", "soon"), errors);
        assertEquals(Map.of("size", new BigDecimal("1200"), "vip", true), values);
        assertEquals("customFields.since", errors.errors().get(0).field());
    }

    @Test
    void filtersRefuseUnknownFieldsAndBadValuesNamingTheParameter() {
        ProblemException bad = assertThrows(ProblemException.class, () -> SCHEMA.filter(
                org.apache.cayenne.exp.property.PropertyFactory.createString("customJson", String.class),
                Map.of("cf.colour", List.of("red"), "cf.size", List.of("big"), "q", List.of("x"))));
        assertEquals(List.of("cf.colour", "cf.size"), bad.problem().errors().stream().map(FieldError::field).sorted().toList());
        assertNull(SCHEMA.filter(org.apache.cayenne.exp.property.PropertyFactory.createString("customJson", String.class),
                Map.of("q", List.of("x"))), "no cf. parameter, no condition");
    }
}
