package org.mosaiccrm.platform.core.internal.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.monitoring.HealthCheck;
import org.mosaiccrm.platform.api.monitoring.MetricsSource;
import org.mosaiccrm.platform.api.monitoring.MetricsWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The scheduler's jobs and the job runs (imports, assignments) in the metrics and the health
 * answer. Per-job figures cover the jobs registered now: a module switched off takes its jobs,
 * and so their series, with it.
 */
@Component(service = {MetricsSource.class, HealthCheck.class})
public class JobsMonitoring implements MetricsSource, HealthCheck {

    @Reference
    private JobScheduler scheduler;

    @Reference
    private JobRuns runs;

    @Override
    public void collect(MetricsWriter metrics) {
        Map<String, JobScheduler.RunCounts> counts = new java.util.TreeMap<>(scheduler.runCounts());
        Set<String> failing = scheduler.leases() == null ? Set.of() : scheduler.leases().failing();
        metrics.gauge("mosaic_jobs_scheduled", "Scheduled jobs registered on this node.").sample(counts.size());
        metrics.gauge("mosaic_jobs_running", "Scheduled jobs running on this node now.").sample(scheduler.running());
        var ran = metrics.counter("mosaic_job_runs", "Runs of each scheduled job on this node since the start, by outcome.");
        counts.forEach((id, c) -> ran.sample(c.ok().get(), "job", id, "outcome", "ok").sample(c.failed().get(), "job", id, "outcome", "failed"));
        // How long each job's last run took: a job whose runs grow towards its interval needs looking at.
        var lastSeconds = metrics.gauge("mosaic_job_last_run_seconds", "How long the job's last run on this node took.");
        counts.forEach((id, c) -> {
            long nanos = c.lastNanos().get();
            if (nanos >= 0) {
                lastSeconds.sample(nanos / 1e9, "job", id);
            }
        });
        var lastFailed = metrics.gauge("mosaic_job_last_run_failed", "1 when the job's last run, on any node, failed.");
        counts.keySet().forEach(id -> lastFailed.sample(failing.contains(id) ? 1 : 0, "job", id));
        if (runs instanceof JobRunsImpl impl) {
            var work = metrics.gauge("mosaic_job_runs_by_state", "Job runs (imports, assignments) queued, running or failed, by kind and state.");
            for (Map.Entry<List<String>, Long> e : impl.unfinishedOrFailed().entrySet()) {
                work.sample(e.getValue(), "kind", e.getKey().get(0), "state", e.getKey().get(1));
            }
        }
    }

    @Override
    public String component() {
        return "jobs";
    }

    /** Down when the scheduler stopped or a registered job's last run failed; the counts say which. */
    @Override
    public Status check() {
        Set<String> registered = scheduler.runCounts().keySet();
        long failing = scheduler.leases() == null ? 0 : scheduler.leases().failing().stream().filter(registered::contains).count();
        Map<String, Object> details = Map.of("scheduled", registered.size(), "running", scheduler.running(), "failing", failing);
        return scheduler.active() && failing == 0 ? Status.up(details) : Status.down(details);
    }
}
