package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.FieldReader;

/** The field spec on its own, without a server: what a body sets and what it is refused for. */
class RecordFieldsTest {

    @Test
    void aNameIsTakenTrimmed() {
        ${moduleClass}Record record = new ${moduleClass}Record();
        FieldReader in = new FieldReader(Map.of("name", "  First one  "));
        RecordFields.apply(in, record);
        assertTrue(in.errors().isEmpty(), in.errors().toString());
        assertEquals("First one", record.getName());
    }

    @Test
    void aMissingOrTooLongNameIsAFieldError() {
        FieldReader missing = new FieldReader(Map.of());
        ${moduleClass}Record record = new ${moduleClass}Record();
        RecordFields.apply(missing, record);
        assertEquals("name", missing.errors().get(0).field());
        assertNull(record.getName());

        FieldReader tooLong = new FieldReader(Map.of("name", "x".repeat(${moduleClass}Record.NAME_MAX + 1)));
        RecordFields.apply(tooLong, record);
        assertEquals("name", tooLong.errors().get(0).field());
    }
}
