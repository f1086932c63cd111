package org.mosaiccrm.platform.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.fields.CustomField;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.fields.FieldType;

/** Header cells of people's files matched to a form's columns. */
class CsvFormTest {

    private static final CsvForm FORM = new CsvForm(List.of("firstName", "lastName", "email", "jobTitle"), Map.of(), Map.of());
    private static final FieldSchema CUSTOM = new FieldSchema("people",
            List.of(new CustomField("region", "Sales region", FieldType.TEXT, null, false)));

    @Test
    void headersMatchByNameKeyOrLabelIgnoringCaseSpacesAndPunctuation() {
        assertEquals(List.of("firstName", "lastName", "email", "jobTitle", "cf.region", "cf.region", "cf.region", "nickname"),
                FORM.canonical(List.of("First Name", "last_name", "E-mail", "JOB TITLE", "cf.region", "Region", "Sales Region", "nickname"),
                        CUSTOM));
    }
}
