package org.mosaiccrm.platform.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases persistence tests run on: always a fresh in-memory Derby, and PostgreSQL when
 * {@code MOSAIC_TEST_PG_URL} (with {@code MOSAIC_TEST_PG_USER}/{@code _PASSWORD}) names one,
 * as {@code .ci/run} does.
 */
final class TestDatabases {

    private TestDatabases() {
    }

    static List<DatabaseSettings> all() {
        List<DatabaseSettings> list = new ArrayList<>();
        list.add(DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null));
        String pg = System.getenv("MOSAIC_TEST_PG_URL");
        if (pg != null && !pg.isBlank()) {
            list.add(DatabaseSettings.of(pg, System.getenv("MOSAIC_TEST_PG_USER"), System.getenv("MOSAIC_TEST_PG_PASSWORD")));
        }
        return list;
    }
}
