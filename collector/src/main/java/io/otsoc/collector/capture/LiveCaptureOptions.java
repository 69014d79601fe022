package io.otsoc.collector.capture;

/**
 * How to open a live interface.
 *
 * @param interfaceName  the interface, e.g. {@code eth0}
 * @param filter         a BPF filter expression (tcpdump syntax), or null for every frame
 * @param snapLength     bytes kept of each frame
 * @param promiscuous    whether the interface also passes frames addressed to other hosts (a SPAN port needs it)
 * @param bufferSize     the kernel capture buffer in bytes; a larger one drops less on bursts
 * @param timeoutMillis  the read timeout libpcap uses to batch frames
 */
public record LiveCaptureOptions(String interfaceName, String filter, int snapLength, boolean promiscuous,
                                 int bufferSize, int timeoutMillis) {

    public static final int DEFAULT_SNAP_LENGTH = 262_144;
    public static final int DEFAULT_BUFFER_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_TIMEOUT_MILLIS = 100;

    public LiveCaptureOptions {
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("interface name is required");
        }
        if (snapLength <= 0 || bufferSize <= 0 || timeoutMillis <= 0) {
            throw new IllegalArgumentException(interfaceName
                    + ": snap length, buffer size and timeout must be positive");
        }
    }

    /** Every frame of the interface, promiscuous, full frames, a 16 MiB buffer. */
    public static LiveCaptureOptions of(String interfaceName) {
        return new LiveCaptureOptions(interfaceName, null, DEFAULT_SNAP_LENGTH, true, DEFAULT_BUFFER_SIZE,
                DEFAULT_TIMEOUT_MILLIS);
    }

    public LiveCaptureOptions withFilter(String bpfFilter) {
        return new LiveCaptureOptions(interfaceName, bpfFilter, snapLength, promiscuous, bufferSize, timeoutMillis);
    }

    public LiveCaptureOptions withPromiscuous(boolean on) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, on, bufferSize, timeoutMillis);
    }

    public LiveCaptureOptions withSnapLength(int bytes) {
        return new LiveCaptureOptions(interfaceName, filter, bytes, promiscuous, bufferSize, timeoutMillis);
    }

    public LiveCaptureOptions withBufferSize(int bytes) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, bytes, timeoutMillis);
    }
}
