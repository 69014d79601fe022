package io.otsoc.routes.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a path once to warm it up (JIT, page cache), then {@code runs} times, and keeps the medians. Each run starts
 * after a full GC so that one run's garbage is not charged to the next.
 */
final class PathTimer {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean SYSTEM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int runs;
    private final MemoryPeaks memory = new MemoryPeaks();

    PathTimer(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        }
        this.runs = runs;
    }

    Measurement measure(MeasuredPath path, Path corpus) {
        System.gc();
        memory.reset();
        path.run(corpus);
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        double[] allocated = new double[runs];
        PathRun last = null;
        for (int i = 0; i < runs; i++) {
            System.gc();
            long cpu0 = SYSTEM.getProcessCpuTime();
            long allocated0 = THREADS.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            last = path.run(corpus);
            wall[i] = System.nanoTime() - start;
            long allocatedNow = THREADS.getCurrentThreadAllocatedBytes();
            long cpuNow = SYSTEM.getProcessCpuTime();
            cpu[i] = cpu0 < 0 || cpuNow < 0 ? -1 : cpuNow - cpu0;
            allocated[i] = path.onCallingThread() && allocated0 >= 0 && last.frames() > 0
                    ? (double) (allocatedNow - allocated0) / last.frames() : Double.NaN;
        }
        return new Measurement(path.label(), last, median(wall), median(cpu), median(allocated),
                memory.peakHeapBytes(), memory.peakRssBytes(), true);
    }

    boolean rssPerPath() {
        return memory.rssSinceReset();
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
