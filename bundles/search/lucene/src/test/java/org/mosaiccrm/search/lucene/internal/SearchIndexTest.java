package org.mosaiccrm.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaiccrm.search.api.SearchDocument;

class SearchIndexTest {

    @TempDir
    Path folder;

    private final SearchAnalyzer analyzer = new SearchAnalyzer();
    private final QueryBuilder queries = new QueryBuilder(analyzer);
    private SearchIndex index;

    private static final Set<String> TYPES = Set.of("person", "organization");
    private static final QueryBuilder.Reach TEAM_A = new QueryBuilder.Reach("ua", "ta");
    private static final QueryBuilder.Reach TEAM_B = new QueryBuilder.Reach("ub", "tb");

    @BeforeEach
    void fill() throws IOException {
        index = SearchIndex.open(folder, analyzer);
        person("1", "Jože Čebašek", "joze@cebasek.si", "+386 1 234 5678", "ua", "ta");
        person("2", "Hans Mueller", "hans@mueller.de", "+49 30 1234567", "ua", "ta");
        person("3", "Иван Петров", "ivan@example.ru", "+7 495 123 4567", "ub", "tb");
        person("4", "Jana Novak", "jana@firma.si", "041 555 666", "ub", "tb");
        index.put("organization", new SearchDocument("o1", "Firma d.o.o.", "Software", List.of(), List.of(), List.of("firma.si"),
                Map.of(), "ub", "tb"), "0");
        index.refresh();
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private void person(String id, String name, String email, String phone, String owner, String team) throws IOException {
        index.put("person", new SearchDocument(id, name, "", List.of(email), List.of(phone), List.of(), Map.of(), owner, team), "0");
    }

    private List<String> ids(String q, QueryBuilder.Reach reach) throws IOException {
        return index.search(queries.plan(q, TYPES, reach), 10).hits().stream().map(SearchIndex.Hit::id).toList();
    }

    @Test
    void findsByFoldedPrefixTypoCyrillicAndLookups() throws IOException {
        assertEquals(List.of("1"), ids("cebasek", null));
        assertEquals(List.of("1"), ids("ceba", null), "prefix while typing");
        assertEquals(List.of("1"), ids("cebasak", null), "one typo");
        assertEquals(List.of("2"), ids("müller", null));
        assertEquals(List.of("3"), ids("петров", null));
        assertEquals(List.of("3"), ids("Петр", null));
        assertEquals(List.of("4"), ids("jana@firma.si", null));
        assertEquals(List.of("4"), ids("+386 41 555 666", null), "phone in another spelling");
        assertTrue(ids("firma.si", null).containsAll(List.of("4", "o1")), "domain of an email and of an organization");
        assertEquals(List.of("4"), ids("jana nov", null), "two words, the last one typed half");
    }

    @Test
    void typoMatchesFillThePageOnlyWhenExactOnesDoNot() throws IOException {
        person("6", "Jože Čebašak", "joze@elsewhere.si", "+386 1 222 333", "ua", "ta");
        index.refresh();
        assertEquals(List.of("1", "6"), ids("cebasek", null), "the exact spelling first, then the one a typo away");
        assertEquals(List.of("6", "1"), ids("cebasak", null));
        SearchIndex.Result page = index.search(queries.plan("cebasek", TYPES, null), 1);
        assertEquals(List.of("1"), page.hits().stream().map(SearchIndex.Hit::id).toList());
        assertEquals(1, page.total(), "a full page of exact matches counts exact matches only");
    }

    @Test
    void accessIsFilteredInsideTheQueryIncludingCounts() throws IOException {
        assertEquals(List.of(), ids("петров", TEAM_A));
        assertEquals(List.of("3"), ids("петров", TEAM_B));
        SearchIndex.Result r = index.search(queries.plan("firma", TYPES, TEAM_A), 10);
        assertEquals(0, r.total());
        assertEquals(Map.of(), r.facets());
        SearchIndex.Result admin = index.search(queries.plan("firma", TYPES, null), 10);
        assertEquals(Map.of("organization", 1L, "person", 1L), admin.facets());
        assertEquals(2, admin.total());
    }

    @Test
    void typesOutsideTheListAreNeverHits() throws IOException {
        assertEquals(List.of(), index.search(queries.plan("firma", Set.of("activity"), null), 10).hits());
        assertEquals(List.of("o1"), index.search(queries.plan("firma", Set.of("organization"), null), 10).hits().stream()
                .map(SearchIndex.Hit::id).toList());
    }

    @Test
    void snippetsMarkTheMatchAndEscapeMarkup() throws IOException {
        index.put("person", new SearchDocument("5", "<b>Evil</b> Čebašek", "", List.of(), List.of(), List.of(), Map.of(), "ua", "ta"), "0");
        index.refresh();
        SearchIndex.Hit hit = index.search(queries.plan("evil", TYPES, null), 1).hits().get(0);
        assertTrue(hit.snippet().contains("<mark>Evil</mark>"), hit.snippet());
        assertTrue(hit.snippet().contains("&lt;b&gt;"), hit.snippet());
    }

    @Test
    void commitsCarryTheChangeLogPositionAcrossReopening() throws IOException {
        index.commit(Map.of(SearchIndex.SEQUENCE, "42"));
        index.close();
        index = SearchIndex.open(folder, analyzer);
        assertEquals("42", index.committedData().get(SearchIndex.SEQUENCE));
        assertEquals(5, index.documents());
    }

    @Test
    void replacedDocumentsAreMergedAwayAndTheCompactionSurvivesReopening() throws IOException {
        index.close(); // without a commit: the index starts empty again
        index = SearchIndex.open(folder, analyzer, false);
        for (int i = 0; i < 3000; i++) {
            person("p" + i, "Person " + i, "p" + i + "@example.com", "", "ua", "ta");
        }
        index.commit(Map.of(SearchIndex.SEQUENCE, "1"));
        index.refresh();
        assertFalse(index.worthCompacting(), "nothing replaced yet");
        // A rebuild puts documents again: here half of them.
        for (int i = 0; i < 1500; i++) {
            person("p" + i, "Person " + i, "p" + i + "@example.com", "", "ua", "ta");
        }
        index.commit(Map.of(SearchIndex.SEQUENCE, "2"));
        index.refresh();
        assertTrue(index.worthCompacting(), "a third of the index are deleted documents");

        index.compact();
        index.refresh();
        assertFalse(index.worthCompacting());
        assertEquals(3000, index.documents());
        assertEquals("p7", ids("p7@example.com", TEAM_A).get(0), "the exact address first");
        index.commit(Map.of(SearchIndex.SEQUENCE, "3"));
        index.close();
        index = SearchIndex.open(folder, analyzer);
        assertFalse(index.worthCompacting(), "the commit kept the merged segments");
        assertEquals(3000, index.documents());
    }

    @Test
    void mergingDownLeavesOneSegmentWithTheSameHits() throws IOException {
        index.close(); // without a commit: the index starts empty again
        index = SearchIndex.open(folder, analyzer, false);
        for (int commit = 0; commit < 5; commit++) {
            QueryBuilder.Reach owner = commit % 2 == 0 ? TEAM_A : TEAM_B;
            for (int i = 0; i < 100; i++) {
                person("k" + commit + "-" + i, "Mara Kovač " + i, "mara" + commit + i + "@kovac.si", "", owner.userId(), owner.teamId());
            }
            index.commit(Map.of(SearchIndex.SEQUENCE, Integer.toString(commit)));
            index.refresh();
        }
        assertTrue(index.segments() >= 5, "one segment a commit: " + index.segments());
        List<String> before = ids("kov", TEAM_A);
        assertEquals(10, before.size());

        index.mergeDown();
        index.refresh();
        assertEquals(1, index.segments());
        assertEquals(500, index.documents());
        assertEquals(before.stream().sorted().toList(), ids("kov", TEAM_A).stream().sorted().toList());
        assertEquals(300, index.search(queries.plan("kov", TYPES, TEAM_A), 10).total(), "team a's documents, counted");
    }

    @Test
    void aMergeDownOwedAtACommitIsStillOwedAfterARestartUntilItIsDone() throws IOException {
        assertFalse(index.mergeDownOwed());
        index.oweMergeDown();
        index.commit(Map.of(SearchIndex.SEQUENCE, "1"));
        index.close(); // as a shutdown in the middle of the merge: it never finished
        index = SearchIndex.open(folder, analyzer);
        assertTrue(index.mergeDownOwed(), "the next start must know the merge is still owed");
        index.commit(Map.of(SearchIndex.SEQUENCE, "2"));
        index.close();
        index = SearchIndex.open(folder, analyzer);
        assertTrue(index.mergeDownOwed(), "commits before the merge keep it owed");

        index.mergeDown();
        assertFalse(index.mergeDownOwed());
        index.commit(Map.of(SearchIndex.SEQUENCE, "3"));
        index.close();
        index = SearchIndex.open(folder, analyzer);
        assertFalse(index.mergeDownOwed(), "once merged and committed, nothing is owed");
        assertEquals(1, index.segments());
    }

    @Test
    void closingKeepsOnlyWhatWasCommitted() throws IOException {
        index.commit(Map.of(SearchIndex.SEQUENCE, "7"));
        person("9", "Ana Horvat", "ana@horvat.si", "01 222 333", "ua", "ta");
        index.close();
        index = SearchIndex.open(folder, analyzer);
        assertEquals("7", index.committedData().get(SearchIndex.SEQUENCE));
        assertEquals(5, index.documents(), "the document put after the commit comes back from the change log, not from the index");
    }

    @Test
    void anUnreadableIndexIsDiscarded() throws IOException {
        index.commit(Map.of(SearchIndex.SEQUENCE, "42"));
        index.close();
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }
        index = SearchIndex.open(folder, analyzer);
        assertEquals(Map.of(), index.committedData());
        assertEquals(0, index.documents());
    }
}
