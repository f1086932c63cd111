package org.mosaiccrm.platform.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    /** The import's own rules for an email address and a phone number. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>(),;:]+@[^@\\s\"<>(),;:]+\\.[^@\\s\"<>(),;:]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^[+0-9()\\-./ xXextEXT#*]{3,40}$");

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnotherOne() throws Exception {
        byte[] first = digest(Workload.small(7));
        assertArrayEquals(first, digest(Workload.small(7)));
        assertFalse(java.util.Arrays.equals(first, digest(Workload.small(8))));
        assertEquals(Workload.small(7).person(4321), Workload.small(7).person(4321), "a record made on its own equals the same record again");
    }

    @Test
    void aboutTwoPercentOfPeopleAreNearDuplicatesThatShareAnEarlierEmailIgnoringCase() {
        Workload w = Workload.small(Workload.DEFAULT_SEED);
        Map<String, Integer> firstWithEmail = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < w.people(); i++) {
            Workload.Person p = w.person(i);
            String key = p.primaryEmail().toLowerCase(Locale.ROOT);
            Integer earlier = firstWithEmail.putIfAbsent(key, i);
            if (p.duplicateOf() >= 0) {
                duplicates++;
                assertEquals(p.duplicateOf(), earlier, "a near-duplicate shares its original's email, ignoring case");
                Workload.Person original = w.person(p.duplicateOf());
                assertTrue(original.duplicateOf() < 0);
                assertNotEquals(java.util.List.of(original.firstName(), original.lastName(), original.emails(), original.phones()),
                        java.util.List.of(p.firstName(), p.lastName(), p.emails(), p.phones()), "a near-duplicate differs from its original");
            } else {
                assertEquals(null, earlier, "only near-duplicates repeat an email: " + key);
            }
        }
        assertTrue(duplicates >= 150 && duplicates <= 250, duplicates + " of 10,000 people are near-duplicates");
    }

    @Test
    void theCsvHasTheImportColumnsAndValuesItAccepts() throws IOException {
        Workload w = Workload.of(3, 200, 3_000);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(w.peopleCsv(), StandardCharsets.UTF_8))) {
            assertEquals(Workload.PEOPLE_HEADER, in.readLine());
            int rows = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                assertFalse(line.isBlank());
                rows++;
            }
            assertEquals(3_000, rows);
        }
        Set<Workload.Language> languages = EnumSet.noneOf(Workload.Language.class);
        boolean cyrillic = false;
        boolean diacritics = false;
        for (int i = 0; i < w.people(); i++) {
            Workload.Person p = w.person(i);
            languages.add(p.language());
            p.emails().forEach(e -> assertTrue(EMAIL.matcher(e).matches(), e));
            p.phones().forEach(n -> assertTrue(PHONE.matcher(n).matches(), n));
            String name = p.firstName() + p.lastName();
            cyrillic |= name.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
            diacritics |= name.chars().anyMatch(c -> c > 127 && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
            assertTrue(p.organization() >= 0 && p.organization() < w.organizations());
        }
        assertEquals(Workload.Language.values().length, languages.size());
        assertTrue(cyrillic && diacritics);
    }

    @Test
    void aShareOfTheCsvHoldsExactlyThePeopleItIncludesInOrderEvenAfterLongRunsOfOthers() throws IOException {
        Workload w = Workload.of(3, 100, 5_000);
        // Team 7 owns about 2% of the rows: most are left out, the last ones included may be far from the end.
        java.util.function.IntPredicate team7 = i -> Workload.team(w.owner(i)) == 7;
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < w.people(); i++) {
            if (team7.test(i)) {
                expected.add(Workload.csvRow(w.person(i), w.organization(w.person(i).organization())));
            }
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(w.peopleCsv(team7), StandardCharsets.UTF_8))) {
            assertEquals(Workload.PEOPLE_HEADER, in.readLine());
            assertEquals(expected, in.lines().toList());
        }
        assertTrue(!expected.isEmpty() && expected.size() < 500, expected.size() + " rows");
    }

    @Test
    void organizationNamesAreDistinct() {
        Workload w = Workload.of(1, 50_000, 0);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < w.organizations(); i++) {
            assertTrue(names.add(w.organization(i).name().toLowerCase(Locale.ROOT)), w.organization(i).name());
        }
    }

    @Test
    void ownershipIsSkewedAcrossFiftyUsersInEightTeams() {
        Workload w = Workload.small(Workload.DEFAULT_SEED);
        int[] perUser = new int[Workload.USERS];
        int[] perTeam = new int[Workload.TEAMS];
        for (int row = 0; row < w.people(); row++) {
            int user = w.owner(row);
            perUser[user]++;
            perTeam[Workload.team(user)]++;
        }
        assertTrue(perUser[0] > 10 * perUser[Workload.USERS - 1], "the first user owns far more than the last");
        for (int team = 0; team < Workload.TEAMS; team++) {
            assertTrue(perTeam[team] > 0, "every team owns records");
        }
        assertEquals(w.owner(77), Workload.small(Workload.DEFAULT_SEED).owner(77));
    }

    private static byte[] digest(Workload w) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = w.peopleCsv()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        }
        return md.digest();
    }
}
