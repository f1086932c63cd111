package org.mosaiccrm.platform.web.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

import org.mosaiccrm.platform.api.monitoring.MetricsWriter;

/** The Java virtual machine's memory, garbage collection and threads, named as Prometheus' JVM exporters name them. */
final class JvmMetrics {

    private JvmMetrics() {
    }

    static void write(MetricsWriter out) {
        var memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.gauge("jvm_memory_used_bytes", "Memory in use, by area.")
                .sample(heap.getUsed(), "area", "heap").sample(nonHeap.getUsed(), "area", "nonheap");
        out.gauge("jvm_memory_committed_bytes", "Memory the JVM holds from the system, by area.")
                .sample(heap.getCommitted(), "area", "heap").sample(nonHeap.getCommitted(), "area", "nonheap");
        // -1 where the area has no limit, as the JVM says it.
        out.gauge("jvm_memory_max_bytes", "The most memory the area may grow to (-1: no limit).")
                .sample(heap.getMax(), "area", "heap").sample(nonHeap.getMax(), "area", "nonheap");

        var collectors = ManagementFactory.getGarbageCollectorMXBeans();
        var collections = out.counter("jvm_gc_collections", "Garbage collections since the start, by collector.");
        for (GarbageCollectorMXBean gc : collectors) {
            collections.sample(Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
        }
        var collectionTime = out.counter("jvm_gc_collection_seconds", "Time spent in garbage collection since the start, by collector.");
        for (GarbageCollectorMXBean gc : collectors) {
            collectionTime.sample(Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.gauge("jvm_threads_current", "Live threads.").sample(threads.getThreadCount());
        out.gauge("jvm_threads_daemon", "Live daemon threads.").sample(threads.getDaemonThreadCount());
        out.gauge("jvm_threads_peak", "The most live threads at once since the start.").sample(threads.getPeakThreadCount());

        var runtime = ManagementFactory.getRuntimeMXBean();
        out.gauge("process_start_time_seconds", "When the process started, in seconds since the epoch.")
                .sample(runtime.getStartTime() / 1000.0);
        out.gauge("process_uptime_seconds", "Seconds since the process started.").sample(runtime.getUptime() / 1000.0);
    }
}
