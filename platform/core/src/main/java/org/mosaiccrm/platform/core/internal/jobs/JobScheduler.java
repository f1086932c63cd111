package org.mosaiccrm.platform.core.internal.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every registered {@link Job} at its interval, on one node at a time (see
 * {@link JobLeases}). A job whose service goes away (its module disabled) stops at once;
 * a run in progress finishes.
 */
@Component(service = JobScheduler.class, immediate = true)
public class JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    /** A lease outlives a run by this much, so a slow run keeps its lease. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(5);

    private final String node = RecordIds.newId();
    private final Map<Job, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    /** Runs on this node since the start, per job id while the job is registered; for the metrics. */
    private final Map<String, RunCounts> counts = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "mosaic-job-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Reference
    private Persistence persistence;

    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    private volatile JobLeases leases;

    @Activate
    void activate() {
        leases = new JobLeases(persistence);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addJob(Job job) {
        long interval = Math.max(1000, job.interval().toMillis());
        // A random first delay spreads jobs, and nodes, over the interval.
        long first = ThreadLocalRandom.current().nextLong(Math.min(interval, 60_000));
        counts.putIfAbsent(job.id(), new RunCounts());
        scheduled.put(job, executor.scheduleWithFixedDelay(() -> runOnce(job), first, interval, TimeUnit.MILLISECONDS));
    }

    void removeJob(Job job) {
        ScheduledFuture<?> future = scheduled.remove(job);
        if (future != null) {
            future.cancel(false);
        }
        if (scheduled.keySet().stream().noneMatch(j -> j.id().equals(job.id()))) {
            counts.remove(job.id());
        }
    }

    /** How often a job ran on this node, how many of those runs failed, and how long the last one took (nanoseconds; -1 before the first). */
    record RunCounts(java.util.concurrent.atomic.AtomicLong ok, java.util.concurrent.atomic.AtomicLong failed,
            java.util.concurrent.atomic.AtomicLong lastNanos) {
        RunCounts() {
            this(new java.util.concurrent.atomic.AtomicLong(), new java.util.concurrent.atomic.AtomicLong(),
                    new java.util.concurrent.atomic.AtomicLong(-1));
        }
    }

    /** The jobs registered now, by id, with their runs on this node. */
    Map<String, RunCounts> runCounts() {
        return Map.copyOf(counts);
    }

    /** Jobs running on this node right now. */
    int running() {
        return running.get();
    }

    /** False once the scheduler stopped (its bundle stopping). */
    boolean active() {
        return !executor.isShutdown();
    }

    JobLeases leases() {
        return leases;
    }

    /** Runs the job if this node gets its lease; true when it ran. */
    boolean runOnce(Job job) {
        JobLeases l = leases;
        if (l == null || !l.acquire(job.id(), node, job.interval().plus(LEASE_MARGIN))) {
            return false;
        }
        String error = null;
        running.incrementAndGet();
        long started = System.nanoTime();
        try {
            job.run();
        } catch (Throwable e) {
            // Anything, an Error too: an error escaping would end the job's schedule for good, silently.
            error = e.toString();
            LOG.error("Job '{}' failed", job.id(), e);
        } finally {
            running.decrementAndGet();
            RunCounts c = counts.get(job.id());
            if (c != null) {
                (error == null ? c.ok() : c.failed()).incrementAndGet();
                c.lastNanos().set(System.nanoTime() - started);
            }
            try {
                l.release(job.id(), node, error);
            } catch (RuntimeException e) {
                LOG.warn("Job '{}': its lease could not be released; it expires by itself", job.id(), e);
            }
        }
        return true;
    }
}
