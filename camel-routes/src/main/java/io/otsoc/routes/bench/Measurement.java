package io.otsoc.routes.bench;

/**
 * One row of the bench table: the median run of a path or a reference tool.
 *
 * @param label             what was measured
 * @param run               what the median run went through and produced
 * @param wallNanos         median wall-clock time of a run
 * @param cpuNanos          median CPU time of the process during a run (all its threads), or -1 when unknown
 * @param allocatedPerFrame median bytes allocated per frame by the measuring thread, or NaN when the work runs
 *                          elsewhere
 * @param peakHeapBytes     peak heap use over the path's runs (sum of the heap pools' peaks), or -1
 * @param peakRssBytes      peak resident set size over the path's runs ({@code VmHWM}), or -1
 * @param warmUps           runs before the measured ones
 * @param spread            (slowest - fastest run) / median run, wall-clock; how steady the machine was; NaN for
 *                          fewer than two runs
 */
record Measurement(String label, PathRun run, long wallNanos, long cpuNanos, double allocatedPerFrame,
                   long peakHeapBytes, long peakRssBytes, int warmUps, double spread) {

    /** The spread of a path's run times around their median: NaN for fewer than two runs. */
    static double spread(long[] wallNanos) {
        if (wallNanos.length < 2) {
            return Double.NaN;
        }
        long fastest = Long.MAX_VALUE;
        long slowest = Long.MIN_VALUE;
        for (long w : wallNanos) {
            fastest = Math.min(fastest, w);
            slowest = Math.max(slowest, w);
        }
        long median = PathTimer.median(wallNanos);
        return median <= 0 ? Double.NaN : (double) (slowest - fastest) / median;
    }

    double framesPerSecond() {
        return wallNanos <= 0 ? 0 : run.frames() * 1e9 / wallNanos;
    }

    /** Megabytes (10^6) of captured frame bytes per second. */
    double megabytesPerSecond() {
        return wallNanos <= 0 ? 0 : run.bytes() * 1e3 / wallNanos;
    }

    /** Frames per second of CPU time, i.e. per busy core; -1 when the CPU time is unknown. */
    double framesPerCpuSecond() {
        return cpuNanos <= 0 ? -1 : run.frames() * 1e9 / cpuNanos;
    }
}
