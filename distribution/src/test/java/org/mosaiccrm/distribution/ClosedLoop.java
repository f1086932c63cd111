package org.mosaiccrm.distribution;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.mosaiccrm.platform.testing.LightHttpClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * A closed-loop load generator, as wrk is one: {@code clients} threads, each with a connection of
 * its own, each sending its next request as soon as the previous one is answered; a warm-up whose
 * requests are thrown away, then a measured period whose latencies go into HdrHistogram. A request
 * counts when it started in the measured period, even if it ends after it, so that a request
 * slower than the whole period is still measured: such a row runs on until {@code minRequests}
 * have been measured, and its throughput is over the time it really took. Every request that fails
 * (an answer outside 2xx, a timeout, a closed connection) is counted as an error and its latency
 * kept like any other; the first failure is kept to be shown.
 */
final class ClosedLoop {

    /** One client's side of the loop: its connection and how it makes request number {@code i}. */
    interface Worker extends AutoCloseable {

        /** Makes one request; false (or an exception) when it failed. */
        boolean call(long i) throws Exception;

        /** What the last failed call answered, for the report. */
        default String lastFailure() {
            return null;
        }

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    interface Workers {
        /** Opens client number {@code client} (connections, sign-in): not timed. */
        Worker open(int client) throws Exception;
    }

    /** One HTTP request of client {@code client}, its {@code i}th, on its own connection. */
    @FunctionalInterface
    interface HttpCall {
        LightHttpClient.Answer call(LightHttpClient http, int client, long i) throws IOException;
    }

    /** What a row measured: latencies in microseconds. */
    record Result(int clients, long requests, long errors, double seconds, Histogram micros, String firstError) {

        double perSecond() {
            return requests / seconds;
        }

        /** A percentile of the latencies in milliseconds. */
        double millis(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return micros.getMaxValue() / 1000.0;
        }
    }

    private final Duration warmUp;
    private final Duration measured;
    private final long minRequests;
    private final Duration timeout;

    /** A request not answered within {@code timeout} fails (an error, on a new connection next time). */
    ClosedLoop(Duration warmUp, Duration measured, long minRequests, Duration timeout) {
        this.warmUp = warmUp;
        this.measured = measured;
        this.minRequests = minRequests;
        this.timeout = timeout;
    }

    /** The loop's settings, for a report. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "closed loop, each client on a kept-alive connection of its own; per row %d s warm-up, then"
                + " %d s measured (at least %d requests); requests time out after %d s; latencies in HdrHistogram", warmUp.toSeconds(),
                measured.toSeconds(), minRequests, timeout.toSeconds());
    }

    /** HTTP clients, each on a kept-alive connection of its own, with the bearer token (none when null). */
    Workers http(MosaicServer server, String token, HttpCall call) {
        return client -> new Worker() {
            private final LightHttpClient http = new LightHttpClient(server, token, (int) timeout.toMillis());
            private String failure;

            @Override
            public boolean call(long i) throws Exception {
                LightHttpClient.Answer answer = call.call(http, client, i);
                if (!answer.ok()) {
                    String body = answer.text();
                    failure = "HTTP " + answer.status() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
                }
                return answer.ok();
            }

            @Override
            public String lastFailure() {
                return failure;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    Result run(int clients, Workers workers) throws Exception {
        List<Worker> opened = new ArrayList<>(clients);
        try {
            for (int c = 0; c < clients; c++) {
                opened.add(workers.open(c));
            }
            return run(opened);
        } finally {
            for (Worker w : opened) {
                w.close();
            }
        }
    }

    private Result run(List<Worker> workers) throws InterruptedException {
        int clients = workers.size();
        Histogram[] histograms = new Histogram[clients];
        long[] errors = new long[clients];
        AtomicLong measuredCount = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            histograms[c] = new Histogram(3);
            Thread t = new Thread(() -> {
                Worker worker = workers.get(client);
                Histogram h = histograms[client];
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long measureStart = window[0];
                long measureEnd = window[1];
                for (long i = 0; ; i++) {
                    long start = System.nanoTime();
                    if (start >= measureEnd && measuredCount.get() >= minRequests) {
                        break;
                    }
                    String failure = null;
                    try {
                        if (!worker.call(i)) {
                            failure = java.util.Objects.requireNonNullElse(worker.lastFailure(), "failed");
                        }
                    } catch (Exception e) {
                        failure = e.toString();
                    }
                    long end = System.nanoTime();
                    if (start >= measureStart) {
                        h.recordValue(Math.max(1, (end - start) / 1_000));
                        measuredCount.incrementAndGet();
                        lastEnd.accumulateAndGet(end, Math::max);
                        if (failure != null) {
                            errors[client]++;
                            firstError.compareAndSet(null, failure);
                        }
                    }
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        window[0] = t0 + warmUp.toNanos();
        window[1] = window[0] + measured.toNanos();
        go.countDown(); // the latch's happens-before hands the window to every thread
        for (Thread t : threads) {
            t.join();
        }
        Histogram all = new Histogram(3);
        long errorCount = 0;
        for (int c = 0; c < clients; c++) {
            all.add(histograms[c]);
            errorCount += errors[c];
        }
        double seconds = (Math.max(window[1], lastEnd.get()) - window[0]) / 1e9;
        return new Result(clients, all.getTotalCount(), errorCount, seconds, all, firstError.get());
    }
}
