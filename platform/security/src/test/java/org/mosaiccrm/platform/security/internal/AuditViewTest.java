package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Audit entries read with the record's name and field labels, never internal attributes. */
class AuditViewTest {

    private static final Map<String, String> LABELS = Map.of("firstName", "Ime", "ownerId", "Lastnik");

    @Test
    void aRecordChangeShowsItsNameAndLabelledFieldsWithoutInternalOnes() {
        String stored = "{\"name\":\"Ana Novak\",\"fields\":[\"firstName\",\"searchText\",\"lastNameKey\",\"version\"],"
                + "\"changes\":{\"firstName\":[\"Anna\",\"Ana\"],\"searchText\":[\"anna\",\"ana\"],\"lastNameKey\":[\"x\",\"y\"],"
                + "\"version\":[\"1\",\"2\"],\"updatedAt\":[\"a\",\"b\"],\"ownerId\":[null,\"u1\"]}}";
        AuditView.Shown shown = AuditView.of(stored, LABELS::get);
        assertEquals("Ana Novak", shown.name());
        assertEquals(List.of(new AuditView.Change("firstName", "Ime", "Anna", "Ana"), new AuditView.Change("ownerId", "Lastnik", null, "u1")),
                shown.changes());
        assertFalse(shown.detail().contains("searchText"), shown.detail());
        assertFalse(shown.detail().contains("Key"), shown.detail());
        assertFalse(shown.detail().contains("version"), shown.detail());
    }

    @Test
    void aFieldWithoutALabelIsShownByItsNameAndOtherDetailsStayAsStored() {
        assertEquals(List.of(new AuditView.Change("jobTitle", "jobTitle", null, null)),
                AuditView.of("{\"fields\":[\"jobTitle\"]}", f -> null).changes());
        AuditView.Shown login = AuditView.of(null, f -> null);
        assertNull(login.name());
        assertEquals(List.of(), login.changes());
        assertEquals("{\"module\":\"contacts\"}", AuditView.of("{\"module\":\"contacts\"}", f -> null).detail());
    }

    @Test
    void aChangeTooLargeForTheColumnKeepsItsFirstValuesAsValidJsonAndSaysHowManyItLeftOut() {
        Map<String, Object> changes = new java.util.LinkedHashMap<>();
        List<String> fields = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String path = "recipient[" + java.util.UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()) + "].email";
            changes.put(path, java.util.Arrays.asList(null, "person" + i + "@example.com"));
            fields.add(path);
        }
        String stored = AuditLogImpl.fitted(Map.of("name", "Spring campaign", "fields", fields, "changes", changes));
        assertTrue(stored.length() <= AuditLogImpl.MAX_DETAIL, "within the column: " + stored.length());
        AuditView.Shown shown = AuditView.of(stored, f -> null);
        assertEquals("Spring campaign", shown.name(), "still JSON, read as a record change");
        List<AuditView.Change> kept = shown.changes();
        AuditView.Change last = kept.get(kept.size() - 1);
        int omitted = Integer.parseInt(last.after().substring(1));
        assertEquals(400, kept.size() - 1 + omitted, "every value is either kept or counted: " + last);
        assertTrue(omitted > 0 && kept.size() > 50, "as many as fit are kept: " + kept.size());
        assertEquals("person0@example.com", kept.get(0).after(), "the first values first");

        Map<String, Object> small = Map.of("name", "Ana", "changes", Map.of("firstName", java.util.Arrays.asList(null, "Ana")));
        assertFalse(AuditLogImpl.fitted(small).contains("omitted"), "a detail that fits is kept whole");
    }
}
