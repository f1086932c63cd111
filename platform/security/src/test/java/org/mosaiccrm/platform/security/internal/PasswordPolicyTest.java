package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesShortCommonAndUsernameBasedPasswords() {
        assertTrue(policy.check("short", "ana").isPresent());
        assertTrue(policy.check("password1234", "ana").isPresent(), "common password");
        assertTrue(policy.check("Password123!", "ana").isPresent(), "common password with a suffix");
        assertTrue(policy.check("ana-is-the-best-2026", "ana").isPresent(), "contains the user name");
        assertTrue(policy.check("aaaaaaaaaaaaaaaa", "ana").isPresent(), "too few distinct characters");
        assertTrue(policy.check("x".repeat(129) + "yz1", "ana").isPresent(), "too long");
        assertTrue(policy.check(null, "ana").isPresent());
    }

    @Test
    void acceptsLongUncommonPassphrasesInAnyScript() {
        assertTrue(policy.check("violet tram at dawn", "ana").isEmpty());
        assertEquals("passwordTooShort", policy.check("short", "ana").orElseThrow().code(), "a code the server translates");
        assertEquals(java.util.Map.of("min", 12), policy.check("short", "ana").orElseThrow().at("password").params());
        assertTrue(policy.check("Čebašek gre v Ljubljano", "ana").isEmpty());
        assertTrue(policy.check("зелёный трамвай утром", "ana").isEmpty());
    }
}
