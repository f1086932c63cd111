package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
