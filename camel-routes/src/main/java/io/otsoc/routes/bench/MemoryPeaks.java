package io.otsoc.routes.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM between a {@link #reset()} and a reading: heap from the memory pools' peaks (their sum,
 * an upper bound, since the pools need not peak at once), resident set size from {@code VmHWM} in
 * {@code /proc/self/status}, which Linux resets when {@code 5} is written to {@code /proc/self/clear_refs}.
 */
final class MemoryPeaks {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private boolean rssSinceReset;

    /** Starts a new peak; says whether the RSS peak could be reset (else it counts from the JVM's start). */
    boolean reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(CLEAR_REFS, "5");
            rssSinceReset = true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            rssSinceReset = false;
        }
        return rssSinceReset;
    }

    boolean rssSinceReset() {
        return rssSinceReset;
    }

    long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Peak RSS in bytes, or -1 where {@code /proc/self/status} cannot be read. */
    long peakRssBytes() {
        return statusKilobytes("VmHWM:");
    }

    static long statusKilobytes(String key) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    String value = line.substring(key.length()).strip();
                    int space = value.indexOf(' ');
                    return Long.parseLong(space < 0 ? value : value.substring(0, space)) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
