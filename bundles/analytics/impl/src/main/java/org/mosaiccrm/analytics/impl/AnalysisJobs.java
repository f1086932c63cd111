package org.mosaiccrm.analytics.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.jobs.RunStoppedException;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heavy customer analyses (basket rules, RFM, cohorts) computed by jobs of the platform
 * (kind {@value #KIND}) and kept in {@code AN_RESULT}: one row per analysis, canonical
 * parameters and reach. The reach is part of the key (everything for administrators, otherwise
 * the user and their team, which is what the record access rule looks at), so a result
 * computed for one user is never shown to another who may see other orders.
 *
 * <p>A result is current while no order, order line or product changed after it was computed,
 * as the database's change log (which every node writes and follows) says. A stale result is
 * still served, marked {@code stale} and naming the run that recomputes it (started by that
 * request): answering 202 instead would leave a company whose orders change every minute
 * without any answer. Without any result the caller gets 202 until the first one is done.
 * Starting is one transaction (the row claimed and
 * the run registered), and a unique key on the row makes concurrent starts on any node end in
 * one run; {@link JobRuns#claim} makes one node compute it, and a run left by a crash is
 * resumed at the next start (it simply computes again: the computation writes nothing until
 * its single commit).
 */
@Component(service = AnalysisJobs.class)
public class AnalysisJobs {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisJobs.class);

    static final String KIND = "analytics.compute";
    static final String BASKET = "basket";
    static final String RFM = "rfm";
    static final String COHORTS = "cohorts";
    /** Seconds a caller is asked to wait before asking again. */
    static final int RETRY_AFTER = 2;
    /** The funnel's permission its order history requires (checked again before a cached result is shown). */
    static final String FUNNEL_READ = "funnel.read";
    /** What the analyses read: a change to one of these records makes every result stale. */
    private static final String FUNNEL = "funnel";
    private static final Set<String> ORDER_TYPES = Set.of("order", "orderline", "product");
    /** A change log entry younger than this may still have an older sequence committing after it: the check is not advanced past it. */
    private static final Duration SETTLED = Duration.ofMinutes(1);
    private static final int LOG_PAGE = 1000;

    static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String COLUMNS = "ID, KIND, REACH, PARAMS, STATE, JOB_ID, REQUESTED_AT, COMPUTED_AT, CHECKED_SEQUENCE, RESULT, FAILURE_STATUS, MESSAGE";

    @Reference
    private Persistence persistence;

    @Reference
    private JobRuns runs;

    @Reference
    private AccessControl access;

    @Reference
    private ChangeLog changeLog;

    @Reference
    private OrderHistory orders;

    private volatile boolean stopping;
    /** The runs this node has taken on and not ended: asked for again, they are not queued twice. */
    private final Set<String> local = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mosaic-analytics");
        t.setDaemon(true);
        return t;
    });

    /**
     * The answer of a lookup: the latest result's JSON (null when there is none yet), when it was
     * computed, whether orders changed since, and the run computing a newer one (null for none).
     */
    record Lookup(String json, Instant computedAt, boolean stale, String jobId) {

        boolean ready() {
            return json != null;
        }
    }

    /** What a 202 says: the run to follow at {@code /api/v1/jobs/{job}}, and when the previous result was computed, if ever. */
    public record Computing(String state, String job, Instant previousComputedAt, int retryAfter) {
    }

    private record Stored(String id, String kind, String reach, String params, String state, String jobId, Instant requestedAt,
            Instant computedAt, long checked, String result, Integer failureStatus, String message) {

        static Stored of(DataRow row) {
            Object failure = row.get("FAILURE_STATUS");
            return new Stored(Sql.str(row, "ID"), Sql.str(row, "KIND"), Sql.str(row, "REACH"), Sql.str(row, "PARAMS"),
                    Sql.str(row, "STATE"), Sql.str(row, "JOB_ID"), Sql.instant(row.get("REQUESTED_AT")), Sql.instant(row.get("COMPUTED_AT")),
                    ((Number) row.get("CHECKED_SEQUENCE")).longValue(), text(row.get("RESULT")),
                    failure == null ? null : ((Number) failure).intValue(), Sql.str(row, "MESSAGE"));
        }
    }

    /** This node started, or the funnel came back: computations left unfinished run again. */
    @Activate
    void activate() {
        worker.submit(() -> runs.unfinished(KIND).forEach(this::submit));
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        worker.shutdown();
    }

    /** Everything for administrators; otherwise the user and their team, the two things the access rule reads. */
    static String reach(UserPrincipal user) {
        return user.isAdmin() ? "all" : "user " + user.id() + " team " + user.teamId();
    }

    /** The parameters in one order, without the ones left out: the same question is always the same text. */
    static String canonical(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
            if (v != null) {
                out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        return out.toString();
    }

    static Map<String, String> parameters(String canonical) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!canonical.isEmpty()) {
            for (String pair : canonical.split("&")) {
                int eq = pair.indexOf('=');
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    static String key(String kind, String reach, String params) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + "\n" + reach + "\n" + params).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The latest result of the analysis for the user, with a new computation started when orders
     * changed since (or when there is none yet, or the last one crashed). A computation that
     * failed on the question itself (two currencies and none chosen) answers that problem until
     * the orders change.
     */
    Lookup latest(UserPrincipal user, String kind, Map<String, String> params) {
        requireFunnel(user);
        String reach = reach(user);
        String canonical = canonical(params);
        Stored s = find(key(kind, reach, canonical));
        String running = s != null && "running".equals(s.state()) && alive(s.jobId()) ? s.jobId() : null;
        if (running != null) {
            submit(running);
        }
        if (s != null && s.result() != null) {
            boolean current = current(s);
            if (!current && running == null) {
                running = start(user, kind, reach, canonical, s);
            }
            return new Lookup(s.result(), s.computedAt(), !current, running);
        }
        if (running != null) {
            return new Lookup(null, null, false, running);
        }
        if (s != null && "failed".equals(s.state()) && s.failureStatus() != null && s.failureStatus() < 500 && current(s)) {
            throw Problems.badRequest(s.message());
        }
        return new Lookup(null, null, false, start(user, kind, reach, canonical, s));
    }

    /**
     * The latest result of the analysis for the user as it is (null JSON when there is none),
     * starting nothing and not asking whether orders changed since (its {@code stale} is always
     * false): for views that use it either way, on every request (a person's page), where reading
     * the change log each time would be wasted.
     */
    Lookup stored(UserPrincipal user, String kind, Map<String, String> params) {
        requireFunnel(user);
        Stored s = find(key(kind, reach(user), canonical(params)));
        return s == null || s.result() == null ? new Lookup(null, null, false, null) : new Lookup(s.result(), s.computedAt(), false, null);
    }

    /** Starts a new computation of the analysis for the user, unless one is under way; the run computing it. */
    Lookup refresh(UserPrincipal user, String kind, Map<String, String> params) {
        requireFunnel(user);
        String reach = reach(user);
        String canonical = canonical(params);
        Stored s = find(key(kind, reach, canonical));
        Instant computedAt = s == null ? null : s.computedAt();
        if (s != null && "running".equals(s.state()) && alive(s.jobId())) {
            submit(s.jobId());
            return new Lookup(null, computedAt, false, s.jobId());
        }
        return new Lookup(null, computedAt, false, start(user, kind, reach, canonical, s));
    }

    /** 202 with Retry-After, naming the run. */
    static Response pending(Lookup lookup) {
        return Response.status(202).header("Retry-After", RETRY_AFTER)
                .entity(new Computing("computing", lookup.jobId(), lookup.computedAt(), RETRY_AFTER)).build();
    }

    static <T> T read(Lookup lookup, Class<T> type) {
        try {
            return JSON.readValue(lookup.json(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored analysis could not be read", e);
        }
    }

    private static void requireFunnel(UserPrincipal user) {
        if (!user.hasPermission(FUNNEL_READ)) {
            throw Problems.missingPermission(FUNNEL_READ, "See the funnel's deals and orders");
        }
    }

    private Stored find(String key) {
        return persistence.read(ctx -> {
            DataRow row = Sql.row(ctx, "SELECT " + COLUMNS + " FROM AN_RESULT WHERE KEY_HASH = ?", key);
            return row == null ? null : Stored.of(row);
        });
    }

    /** A run that may still finish: queued or running. One that ended without storing its result (a crash, a cancel) is not. */
    private boolean alive(String jobId) {
        return jobId != null && runs.find(jobId).map(p -> JobProgress.QUEUED.equals(p.state()) || JobProgress.RUNNING.equals(p.state()))
                .orElse(false);
    }

    /**
     * True when no order, order line or product changed since the result was computed. The log
     * is read from where the last check ended; entries that have settled are not read again.
     */
    private boolean current(Stored s) {
        Instant since = s.computedAt() != null ? s.computedAt() : s.requestedAt();
        if (Duration.between(since, Sql.instant()).compareTo(changeLog.retention()) > 0) {
            return false;
        }
        long from = s.checked();
        long settledUpTo = from;
        Instant settled = Sql.instant().minus(SETTLED);
        boolean young = false;
        while (true) {
            List<ChangeLog.Entry> entries = changeLog.after(from, LOG_PAGE);
            for (ChangeLog.Entry e : entries) {
                if (FUNNEL.equals(e.module()) && ORDER_TYPES.contains(e.type())) {
                    return false;
                }
                if (!young && e.at().isBefore(settled)) {
                    settledUpTo = e.sequence();
                } else {
                    young = true;
                }
            }
            if (entries.size() < LOG_PAGE) {
                break;
            }
            from = entries.get(entries.size() - 1).sequence();
        }
        if (settledUpTo > s.checked()) {
            long upTo = settledUpTo;
            persistence.write(ctx -> Sql.exec(ctx, "UPDATE AN_RESULT SET CHECKED_SEQUENCE = ? WHERE ID = ? AND CHECKED_SEQUENCE < ?", upTo,
                    s.id(), upTo));
        }
        return true;
    }

    /**
     * Registers a run and points the row at it in one transaction; when another request (on any
     * node) did so first, its run is the answer.
     */
    private String start(UserPrincipal user, String kind, String reach, String canonical, Stored before) {
        String key = key(kind, reach, canonical);
        String jobId;
        try {
            jobId = persistence.write(ctx -> {
                String id = before == null ? RecordIds.newId() : before.id();
                String run = runs.create(ctx, KIND, user.id(), id);
                if (before == null) {
                    Sql.exec(ctx, "INSERT INTO AN_RESULT (ID, KEY_HASH, KIND, REACH, PARAMS, STATE, JOB_ID, REQUESTED_AT, CHECKED_SEQUENCE)"
                            + " VALUES (?, ?, ?, ?, ?, 'running', ?, ?, 0)", id, key, kind, reach, canonical, run, Sql.ts(Sql.now()));
                } else if (Sql.exec(ctx, "UPDATE AN_RESULT SET STATE = 'running', JOB_ID = ?, REQUESTED_AT = ? WHERE ID = ? AND JOB_ID = ?", run,
                        Sql.ts(Sql.now()), id, before.jobId()) != 1) {
                    throw new StartedElsewhere();
                }
                return run;
            });
        } catch (RuntimeException e) {
            // The same question was started at the same moment (the row's unique key, or its run replaced): that run answers.
            Stored now = find(key);
            if (now == null || now.jobId() == null || (before != null && now.jobId().equals(before.jobId()))) {
                throw e;
            }
            return now.jobId();
        }
        submit(jobId);
        return jobId;
    }

    /** Rolls back a start that lost the race to another. */
    private static final class StartedElsewhere extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StartedElsewhere() {
            super("started by another request", null, false, false);
        }
    }

    /**
     * Queues a run on this node unless it is queued here already. Also for a run found under way:
     * {@link JobRuns#claim} leaves it to the node that holds it, and takes it over from a node that
     * stopped (a run is computed again from the start; nothing of it was stored).
     */
    private void submit(String jobId) {
        if (stopping || !local.add(jobId)) {
            return;
        }
        try {
            worker.submit(() -> {
                try {
                    run(jobId);
                } finally {
                    local.remove(jobId);
                }
            });
        } catch (RejectedExecutionException e) {
            local.remove(jobId);
        }
    }

    private void run(String jobId) {
        if (stopping || runs.claim(jobId).isEmpty()) {
            return;
        }
        try {
            Stored s = persistence.read(ctx -> {
                DataRow row = Sql.row(ctx, "SELECT " + COLUMNS + " FROM AN_RESULT WHERE JOB_ID = ?", jobId);
                return row == null ? null : Stored.of(row);
            });
            if (s == null) {
                runs.finish(jobId, JobProgress.FAILED, "A newer computation of the same analysis replaced this one.");
                return;
            }
            UserPrincipal user = access.findUser(runs.owner(jobId)).orElse(null);
            if (user == null || !reach(user).equals(s.reach())) {
                fail(jobId, 403, "The user who asked is gone, or their team changed: the analysis is asked again in their new reach.");
                return;
            }
            // Read before the orders are: a change committed after this is seen as newer than the result.
            long sequence = changeLog.lastSequence();
            String result = access.runAs(user, () -> compute(user, s.kind(), parameters(s.params())));
            if (stopping) {
                runs.release(jobId, "Waiting for analytics or the funnel, switched off during the computation.");
                return;
            }
            persistence.write(ctx -> {
                int stored = Sql.exec(ctx, "UPDATE AN_RESULT SET STATE = 'done', RESULT = ?, COMPUTED_AT = ?, CHECKED_SEQUENCE = ?,"
                        + " FAILURE_STATUS = NULL, MESSAGE = NULL WHERE JOB_ID = ?", result, Sql.ts(Sql.now()), sequence, jobId);
                BatchResult batch = new BatchResult();
                if (stored == 1) {
                    batch.created();
                }
                runs.checkpoint(ctx, jobId, 1, 1, batch);
                return null;
            });
            runs.finish(jobId, JobProgress.DONE, null);
        } catch (RunStoppedException e) {
            // Cancelled, or taken over by another node: nothing was stored.
        } catch (ProblemException e) {
            // The question has no answer over these orders (two currencies and none chosen): said as the request would have.
            StringBuilder why = new StringBuilder(e.problem().detail() != null ? e.problem().detail() : e.getMessage());
            e.errors().forEach(f -> why.append(why.isEmpty() ? "" : " ").append(f.field()).append(' ').append(f.message()));
            fail(jobId, e.status(), why.toString());
        } catch (Throwable e) {
            if (stopping) {
                try {
                    runs.release(jobId, "Waiting for analytics or the funnel, switched off during the computation.");
                } catch (RuntimeException again) {
                    LOG.debug("Analysis run {} stays running until the next start: {}", jobId, again.getMessage());
                }
                return;
            }
            LOG.error("Analysis run {} failed", jobId, e);
            fail(jobId, 500, "The computation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
        }
    }

    /** Ends a run that could not compute: its question has no answer now, so the previous result (stale or being refreshed) goes too. */
    private void fail(String jobId, int status, String message) {
        String text = message == null ? null : message.length() > 1000 ? message.substring(0, 1000) : message;
        long sequence = changeLog.lastSequence();
        persistence.write(ctx -> Sql.exec(ctx, "UPDATE AN_RESULT SET STATE = 'failed', FAILURE_STATUS = ?, MESSAGE = ?, RESULT = NULL,"
                + " COMPUTED_AT = NULL, REQUESTED_AT = ?, CHECKED_SEQUENCE = ? WHERE JOB_ID = ?", status, text, Sql.ts(Sql.now()), sequence,
                jobId));
        runs.finish(jobId, JobProgress.FAILED, text);
    }

    /** The analysis itself, as the user, in the time zone its parameters name; its result as JSON. */
    private String compute(UserPrincipal user, String kind, Map<String, String> params) {
        Object result = switch (kind) {
            case BASKET -> HeavyAnalyses.basket(orders, user, params);
            case RFM -> HeavyAnalyses.rfm(orders, user, params);
            case COHORTS -> HeavyAnalyses.cohorts(orders, user, params);
            default -> throw new IllegalStateException("unknown analysis " + kind);
        };
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CLOB on Derby, TEXT on PostgreSQL. */
    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value == null ? null : value.toString();
    }
}
