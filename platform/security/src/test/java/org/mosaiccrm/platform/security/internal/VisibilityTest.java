package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.junit.jupiter.api.Test;

class VisibilityTest {

    private static final UserPrincipal ANA = new UserPrincipal("u-ana", "ana", "team-sales", Set.of("user"), Set.of("notes.read"));
    private static final UserPrincipal ADMIN = new UserPrincipal("u-admin", "admin", "team-admins", Set.of("admin"), Set.of());

    @Test
    void usersReachTheirTeamsRecordsAndTheirOwnOnly() {
        assertTrue(Visibility.canAccess(ANA, "someone-else", "team-sales"), "team record");
        assertTrue(Visibility.canAccess(ANA, "u-ana", "team-support"), "own record in another team");
        assertFalse(Visibility.canAccess(ANA, "someone-else", "team-support"), "another team's record");
        assertFalse(Visibility.canAccess(ANA, null, null), "a record without owner and team");
    }

    @Test
    void administratorsReachEverything() {
        assertTrue(Visibility.canAccess(ADMIN, "someone-else", "team-support"));
        assertNull(Visibility.qualifier(ADMIN), "no restriction in queries");
    }

    @Test
    void theQueryQualifierIsTheSameRule() {
        Expression q = Visibility.qualifier(ANA);
        assertEquals("(teamId = \"team-sales\") or (ownerId = \"u-ana\")", q.toString());
    }

    @Test
    void thePartsAreTheSameRuleWithoutOverlap() {
        java.util.List<Expression> parts = Visibility.parts(ANA);
        String[][] records = {{"someone-else", "team-sales"}, {"u-ana", "team-support"}, {"someone-else", "team-support"},
                {"u-ana", "team-sales"}, {"u-ana", "team-alpha"}, {"someone-else", "team-alpha"}, {null, null}};
        for (String[] r : records) {
            java.util.Map<String, Object> record = new java.util.HashMap<>();
            record.put("ownerId", r[0]);
            record.put("teamId", r[1]);
            long matching = parts.stream().filter(p -> p.match(record)).count();
            assertEquals(Visibility.canAccess(ANA, r[0], r[1]) ? 1 : 0, matching, java.util.Arrays.toString(r));
        }
        assertTrue(Visibility.parts(ADMIN).isEmpty(), "administrators: no parts, everything");
    }

    @Test
    void permissionsComeFromRolesAndAdminsHoldAll() {
        assertTrue(ANA.hasPermission("notes.read"));
        assertFalse(ANA.hasPermission("notes.delete"));
        assertTrue(ADMIN.hasPermission("notes.delete"));
    }
}
