package org.mosaiccrm.platform.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.fields.CustomField;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.fields.FieldType;
import org.mosaiccrm.platform.api.rest.FieldReader;

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

    /** The field labels of a module's pages in the five languages, as its messages would hold them. */
    private static final Labels LABELS = Labels.of(Map.of(
            "en", Map.of("x.field.firstName", "First name", "x.field.lastName", "Last name", "x.field.email", "Email",
                    "x.field.jobTitle", "Job title", "x.field.stage", "Lifecycle stage", "x.stage.lead", "Lead",
                    "x.stage.customer", "Customer"),
            "es", Map.of("x.field.firstName", "Nombre", "x.field.lastName", "Apellidos", "x.field.email", "Correo electrónico",
                    "x.stage.lead", "Prospecto"),
            "ru", Map.of("x.field.firstName", "Имя", "x.field.lastName", "Фамилия", "x.field.email", "Эл. почта", "x.stage.lead", "Лид"),
            "sl", Map.of("x.field.firstName", "Ime", "x.field.lastName", "Priimek", "x.field.email", "E-pošta", "x.stage.lead", "Potencialna stranka"),
            "tl", Map.of("x.field.firstName", "Pangalan", "x.field.lastName", "Apelyido", "x.field.email", "Email")));
    private static final CsvForm LABELLED = new CsvForm(List.of("firstName", "lastName", "email", "jobTitle", "stage"), Map.of(), Map.of())
            .labelled(LABELS, "x.field.").choice("stage", Set.of("lead", "customer"), "x.stage.").required("lastName");

    @Test
    void headersMatchTheFieldsLabelsInEveryLanguageIgnoringCaseSpacesAndPunctuation() {
        assertEquals(List.of("firstName", "lastName", "email", "jobTitle", "stage"),
                LABELLED.canonical(List.of("FIRST NAME", "Last-name", "e-mail", "Job title", "Lifecycle Stage"), CUSTOM));
        assertEquals(List.of("firstName", "lastName", "email"), LABELLED.canonical(List.of("Nombre", "apellidos", "Correo Electrónico"), CUSTOM));
        assertEquals(List.of("firstName", "lastName", "email"), LABELLED.canonical(List.of("Имя", "ФАМИЛИЯ", "эл.почта"), CUSTOM));
        assertEquals(List.of("firstName", "lastName", "email"), LABELLED.canonical(List.of("Ime", "priimek", "E-pošta"), CUSTOM));
        assertEquals(List.of("firstName", "lastName"), LABELLED.canonical(List.of("Pangalan", "Apelyido"), CUSTOM));
        assertEquals("cf.region", LABELLED.match("Sales region", CUSTOM), "custom fields by their label");
        assertEquals(null, LABELLED.match("Nickname", CUSTOM));
    }

    @Test
    void aChoiceCellMatchesAValueOrItsLabelInAnyLanguageIgnoringCase() {
        for (String cell : List.of("lead", "LEAD", "Lead", "Prospecto", "лид", "potencialna stranka")) {
            assertEquals("lead", LABELLED.fields(List.of("stage"), List.of(cell), CUSTOM, new FieldReader(Map.of())).get("stage"), cell);
        }
        assertEquals("Customer", LABELLED.fields(List.of("jobTitle"), List.of("Customer"), CUSTOM, new FieldReader(Map.of())).get("jobTitle"),
                "only choice columns are translated");
        assertEquals("Partner", LABELLED.fields(List.of("stage"), List.of("Partner"), CUSTOM, new FieldReader(Map.of())).get("stage"),
                "an unknown choice stays as typed, for the record's rules to refuse");
    }

    @Test
    void theFieldsAColumnCanFillAreLabelledInTheLanguageAskedFor() {
        List<CsvField> fields = LABELLED.fields(CUSTOM, "es");
        assertEquals(new CsvField("firstName", "Nombre", false), fields.get(0));
        assertEquals(new CsvField("lastName", "Apellidos", true), fields.get(1));
        assertEquals(new CsvField("jobTitle", "Job title", false), fields.get(3), "English where the language has no label");
        assertEquals(new CsvField("cf.region", "Sales region", false), fields.get(5));
    }

    @Test
    void listCellsFollowTheOneListRule() {
        CsvForm form = new CsvForm(List.of("tags"), Map.of("tags", "tags"), Map.of());
        assertEquals(List.of("vip", "newsletter"), form.fields(List.of("tags"), List.of("vip,newsletter"), CUSTOM, new FieldReader(Map.of()))
                .get("tags"));
    }
}
