package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which of Cayenne's statements get Derby's index override, and which keep Derby's own plan. */
class DerbyIndexHintsTest {

    private static final Map<String, List<DerbyIndexHints.Index>> INDEXES = Map.of("CT_PERSON", List.of(
            new DerbyIndexHints.Index("CT_PERSON_ORG", List.of("ORGANIZATION_ID")),
            new DerbyIndexHints.Index("CT_PERSON_LAST", List.of("LAST_NAME_KEY", "ID")),
            new DerbyIndexHints.Index("CT_PERSON_LAST_D", List.of("LAST_NAME_KEY DESC", "ID DESC")),
            new DerbyIndexHints.Index("CT_PERSON_LAST_T", List.of("TEAM_ID", "LAST_NAME_KEY", "ID")),
            new DerbyIndexHints.Index("CT_PERSON_REACH", List.of("OWNER_ID", "TEAM_ID"))));

    private static String hint(String sql) {
        return DerbyIndexHints.hint(sql, table -> INDEXES.getOrDefault(table, List.of()));
    }

    @Test
    void anOrderedPageReadsTheIndexOfItsOrder() {
        assertEquals("SELECT t0.ID, t0.LAST_NAME FROM CT_PERSON t0 --DERBY-PROPERTIES index=CT_PERSON_LAST\n"
                + " WHERE (t0.TEAM_ID = ?) OR (t0.OWNER_ID = ?) ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY",
                hint("SELECT t0.ID, t0.LAST_NAME FROM CT_PERSON t0 WHERE (t0.TEAM_ID = ?) OR (t0.OWNER_ID = ?)"
                        + " ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY"));
        assertEquals("SELECT t0.ID FROM CT_PERSON t0 --DERBY-PROPERTIES index=CT_PERSON_LAST_D\n"
                + " ORDER BY t0.LAST_NAME_KEY DESC, t0.ID DESC OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY",
                hint("SELECT t0.ID FROM CT_PERSON t0 ORDER BY t0.LAST_NAME_KEY DESC, t0.ID DESC OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY"));
    }

    @Test
    void aTeamsPageReadsTheTeamsRangeOfTheOrder() {
        assertEquals("SELECT t0.ID FROM CT_PERSON t0 --DERBY-PROPERTIES index=CT_PERSON_LAST_T\n"
                + " WHERE ( t0.SEARCH_TEXT LIKE ? ) AND ( t0.TEAM_ID = ? ) ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY",
                hint("SELECT t0.ID FROM CT_PERSON t0 WHERE ( t0.SEARCH_TEXT LIKE ? ) AND ( t0.TEAM_ID = ? )"
                        + " ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY"));
        // The user's own records of other teams: few, found through the owner's index, Derby's own plan.
        String own = "SELECT t0.ID FROM CT_PERSON t0 WHERE ( t0.OWNER_ID = ? ) AND ( t0.TEAM_ID <> ? )"
                + " ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY";
        assertEquals(own, hint(own));
    }

    @Test
    void leavesAloneWhatAnOverrideWouldMakeSlowerOrCannotServe() {
        // An equality on another index's leading column narrows more than the order: Derby's plan.
        String byOrganization = "SELECT t0.ID FROM CT_PERSON t0 WHERE (t0.ORGANIZATION_ID = ?) AND ((t0.TEAM_ID = ?) OR (t0.OWNER_ID = ?))"
                + " ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY";
        assertEquals(byOrganization, hint(byOrganization));
        // Inside an OR the same equality narrows nothing for certain: the override stays.
        String either = "SELECT t0.ID FROM CT_PERSON t0 WHERE (t0.ORGANIZATION_ID = ?) OR (t0.TEAM_ID = ?)"
                + " ORDER BY t0.LAST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY";
        assertEquals(true, hint(either).contains("index=CT_PERSON_LAST\n"));
        // No limit (an export), no index for the order, mixed directions, another table: untouched.
        for (String sql : List.of("SELECT t0.ID FROM CT_PERSON t0 ORDER BY t0.LAST_NAME_KEY, t0.ID",
                "SELECT t0.ID FROM CT_PERSON t0 ORDER BY t0.FIRST_NAME_KEY, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY",
                "SELECT t0.ID FROM CT_PERSON t0 ORDER BY t0.LAST_NAME_KEY, t0.ID DESC OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY",
                "SELECT t0.ID FROM CT_TASK t0 ORDER BY t0.DUE_AT, t0.ID OFFSET 0 ROWS FETCH NEXT 21 ROWS ONLY")) {
            assertEquals(sql, hint(sql));
        }
    }

    @Test
    void findsTheConjunctsOutsideParentheses() {
        assertEquals(List.of("t0.A = ?", "(t0.B = ?) OR (t0.C = ?)"), DerbyIndexHints.topLevelConjuncts("(t0.A = ?) AND ((t0.B = ?) OR (t0.C = ?))"));
        assertEquals(List.of("t0.A = ?", "t0.B = ?"), DerbyIndexHints.topLevelConjuncts("((t0.A = ?) AND (t0.B = ?))"));
        assertEquals(List.of(), DerbyIndexHints.topLevelConjuncts("(t0.A = ?) OR (t0.B = ?)"));
        assertEquals(List.of("t0.A = ?", "t0.S = ') AND ('"), DerbyIndexHints.topLevelConjuncts("t0.A = ? AND t0.S = ') AND ('"));
    }
}
