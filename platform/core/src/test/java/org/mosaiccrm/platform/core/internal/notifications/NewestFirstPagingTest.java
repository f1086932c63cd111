package org.mosaiccrm.platform.core.internal.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.persistence.SqlKeyset;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.core.internal.jobs.CoreData;
import org.mosaiccrm.platform.persistence.internal.Contribution;
import org.mosaiccrm.platform.persistence.internal.DatabaseSettings;
import org.mosaiccrm.platform.persistence.internal.PersistenceEngine;

/**
 * The notifications list's paging (SqlKeyset.newestFirst, which the audit log uses too): every
 * row once, newest first, ties broken by id, across pages; another user's rows never; the first
 * page's total carried by the cursors; a cursor of another list refused.
 */
class NewestFirstPagingTest {

    private static final Sort NEWEST = SqlKeyset.newestFirstBy("createdAt");

    private PersistenceEngine engine;
    /** The rows' ids, as the list must show them: newest first, the three of one instant by id descending. */
    private final List<String> expected = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = new PersistenceEngine(DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null),
                events -> { }, () -> null);
        try {
            engine.add(new Contribution(new CoreData(), getClass().getClassLoader()));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        LocalDateTime at = LocalDateTime.of(2026, 12, 1, 9, 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(org.mosaiccrm.platform.api.persistence.RecordIds.newId());
        }
        for (int i = 6; i >= 3; i--) {
            expected.add(ids.get(i));
        }
        expected.addAll(ids.subList(0, 3).stream().sorted(java.util.Comparator.reverseOrder()).toList());
        engine.write(ctx -> {
            for (int i = 0; i < 7; i++) {
                // Three share one instant: the order among them is by id, descending.
                LocalDateTime created = i < 3 ? at : at.plusMinutes(i);
                Sql.exec(ctx, "INSERT INTO MOSAIC_NOTIFICATION (ID, USER_ID, TITLE, CREATED_AT) VALUES (?, ?, ?, ?)", ids.get(i), "u1",
                        "title " + i, Sql.ts(created));
            }
            Sql.exec(ctx, "INSERT INTO MOSAIC_NOTIFICATION (ID, USER_ID, TITLE, CREATED_AT) VALUES (?, 'u2', 'other', ?)",
                    org.mosaiccrm.platform.api.persistence.RecordIds.newId(), Sql.ts(at));
            return null;
        });
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private ListPage<String> page(String cursor) {
        return engine.read(ctx -> SqlKeyset.newestFirst(ctx, PageRequest.parse(3, cursor), NEWEST, "MOSAIC_NOTIFICATION", "CREATED_AT",
                "ID, CREATED_AT", "USER_ID = ?", List.of("u1"), r -> Sql.str(r, "ID")));
    }

    @Test
    void everyRowOnceNewestFirstAcrossPages() {
        List<String> seen = new ArrayList<>();
        ListPage<String> page = page(null);
        assertEquals(7, page.total());
        assertTrue(page.totalExact());
        seen.addAll(page.items());
        while (page.next() != null) {
            page = page(page.next());
            assertEquals(7, page.total(), "later pages carry the first page's count");
            seen.addAll(page.items());
        }
        assertEquals(expected, seen);
        assertNull(page.next());
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        String next = page(null).next();
        ProblemException refused = assertThrows(ProblemException.class, () -> engine.read(ctx -> SqlKeyset.newestFirst(ctx,
                PageRequest.parse(3, next), SqlKeyset.newestFirstBy("occurredAt"), "MOSAIC_NOTIFICATION", "CREATED_AT", "ID, CREATED_AT",
                "USER_ID = ?", List.of("u1"), r -> Sql.str(r, "ID"))));
        assertEquals(400, refused.problem().status());
    }
}
