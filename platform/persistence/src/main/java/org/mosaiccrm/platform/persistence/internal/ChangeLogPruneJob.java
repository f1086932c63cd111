package org.mosaiccrm.platform.persistence.internal;

import java.time.Duration;
import java.time.Instant;

import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops change log entries older than the retention; a follower away longer rebuilds instead. */
@Component(service = Job.class)
public class ChangeLogPruneJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogPruneJob.class);

    @Reference
    private ChangeLog changeLog;

    @Override
    public String id() {
        return "platform.changelog.prune";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int pruned = changeLog.prune(Instant.now().minus(changeLog.retention()));
        if (pruned > 0) {
            LOG.info("Pruned {} change log entries older than {}", pruned, changeLog.retention());
        }
    }
}
