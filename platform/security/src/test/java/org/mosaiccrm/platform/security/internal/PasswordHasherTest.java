package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void storesPbkdf2Sha256WithOwaspIterationsAndARandom16ByteSalt() {
        String stored = hasher.hash("correct horse battery staple");
        String[] parts = stored.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 600_000, "at least 600,000 iterations");
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void samePasswordGetsADifferentSaltAndHashEachTime() {
        assertNotEquals(hasher.hash("same password here"), hasher.hash("same password here"));
    }

    @Test
    void verifiesTheRightPasswordOnlyAndRejectsForeignHashes() {
        String stored = hasher.hash("right password 123");
        assertTrue(hasher.verify("right password 123", stored));
        assertFalse(hasher.verify("right password 124", stored));
        assertFalse(hasher.verify("right password 123", "plain:right password 123"));
        assertFalse(hasher.verify("right password 123", null));
        assertFalse(hasher.verify("x", "pbkdf2-sha256$1$!!!$???"));
    }

    @Test
    void verifiesHashesWrittenWithAnotherWorkFactor() {
        String older = new PasswordHasher(1000).hash("kept from before");
        assertTrue(hasher.verify("kept from before", older));
    }
}
