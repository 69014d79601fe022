package io.otsoc.routes.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Warms a path up, then runs it {@code runs} times and keeps the medians. Each run starts after a full GC so that
 * one run's garbage is not charged to the next.
 *
 * <p>Warming up takes more than one run on a small machine: the JIT's C2 thread keeps compiling for several
 * runs (as long as the work itself, on two cores) and a run measured meanwhile shares the machine with it. So the
 * path is run again until two runs in a row compiled for less than {@value #SETTLED_SHARE} of their own time (one
 * quiet run can sit between two bursts of compilation), at most {@value #MAX_WARM_UPS} times or
 * {@value #MAX_WARM_UP_SECONDS} s.
 */
final class PathTimer {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean SYSTEM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final double SETTLED_SHARE = 0.05;
    private static final int MAX_WARM_UPS = 20;
    private static final int MAX_WARM_UP_SECONDS = 60;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

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
        int warmUps = warmUp(path, corpus);
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
                memory.peakHeapBytes(), memory.peakRssBytes(), warmUps, Measurement.spread(wall));
    }

    /** Runs the path until the JIT has settled on it; returns how many runs that took. */
    private static int warmUp(MeasuredPath path, Path corpus) {
        boolean jitTimed = JIT != null && JIT.isCompilationTimeMonitoringSupported();
        long deadline = System.nanoTime() + MAX_WARM_UP_SECONDS * 1_000_000_000L;
        int count = 0;
        int settled = 0;
        while (true) {
            long compiled0 = jitTimed ? JIT.getTotalCompilationTime() : 0;
            long start = System.nanoTime();
            path.run(corpus);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            count++;
            if (!jitTimed) {
                return count; // nothing tells when it settles: one run, as most benches do
            }
            long compiledMillis = JIT.getTotalCompilationTime() - compiled0;
            settled = compiledMillis <= SETTLED_SHARE * elapsedMillis ? settled + 1 : 0;
            if (settled == 2 || count >= MAX_WARM_UPS || System.nanoTime() > deadline) {
                return count;
            }
        }
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
