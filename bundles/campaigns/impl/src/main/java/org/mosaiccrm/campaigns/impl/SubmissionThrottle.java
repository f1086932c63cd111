package org.mosaiccrm.campaigns.impl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} submissions per address in a sliding window, on this node: a public form
 * must not let one address fill the database. Addresses idle for a window are forgotten.
 */
final class SubmissionThrottle {

    private final int limit;
    private final long windowNanos;
    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();

    SubmissionThrottle(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** 0 when the address may submit now (and counts it), else the seconds until it may. */
    long admit(String address) {
        long now = System.nanoTime();
        if (recent.size() > 10_000) {
            forgetIdle(now);
        }
        Deque<Long> times = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return Math.max(1, (windowNanos - (now - times.peekFirst())) / 1_000_000_000L);
            }
            times.addLast(now);
            return 0;
        }
    }

    private void forgetIdle(long now) {
        for (Iterator<Deque<Long>> it = recent.values().iterator(); it.hasNext();) {
            Deque<Long> times = it.next();
            synchronized (times) {
                if (times.isEmpty() || now - times.peekLast() >= windowNanos) {
                    it.remove();
                }
            }
        }
    }
}
