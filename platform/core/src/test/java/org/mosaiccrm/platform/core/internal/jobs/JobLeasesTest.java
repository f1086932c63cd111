package org.mosaiccrm.platform.core.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.persistence.internal.Contribution;
import org.mosaiccrm.platform.persistence.internal.DatabaseSettings;
import org.mosaiccrm.platform.persistence.internal.PersistenceEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobLeasesTest {

    private PersistenceEngine engine;
    private JobLeases leases;

    @BeforeEach
    void start() throws Exception {
        engine = new PersistenceEngine(DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null),
                events -> { }, () -> null);
        engine.add(new Contribution(new CoreData(), getClass().getClassLoader()));
        leases = new JobLeases(engine);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void oneNodeAtATimeHoldsAJobUntilItReleasesOrTheLeaseExpires() throws Exception {
        assertTrue(leases.acquire("contacts.reminders", "node-a", Duration.ofMinutes(5)));
        assertFalse(leases.acquire("contacts.reminders", "node-b", Duration.ofMinutes(5)), "held by node-a");
        assertTrue(leases.acquire("other.job", "node-b", Duration.ofMinutes(5)), "leases are per job");

        leases.release("contacts.reminders", "node-a", null);
        // Given back, the lease is free for a node whose clock is a day behind (or the same millisecond) as well.
        LocalDateTime until = engine.read(ctx -> Sql.time(Sql.rows(ctx,
                "SELECT LEASED_UNTIL FROM MOSAIC_JOB_LEASE WHERE JOB_ID = 'contacts.reminders'").get(0).get("LEASED_UNTIL")));
        assertTrue(until.isBefore(Sql.now().minusDays(1)), until.toString());
        assertTrue(leases.acquire("contacts.reminders", "node-b", Duration.ofMillis(1)));
        Thread.sleep(20);
        assertTrue(leases.acquire("contacts.reminders", "node-a", Duration.ofMinutes(5)), "an expired lease is free");
    }
}
