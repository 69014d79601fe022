package io.otsoc.routes.bench;

/**
 * What a read-only path counts: frames and captured bytes, and one byte of every frame summed into a checksum that
 * is published at the end, so the JIT cannot drop the reads.
 */
final class FrameTally {

    /** Keeps the JIT from dropping the reads. */
    static volatile long checksum;

    private long frames;
    private long bytes;
    private long firstBytes;

    void add(byte[] data, int offset, int length) {
        frames++;
        bytes += length;
        if (length > 0) {
            firstBytes += data[offset];
        }
    }

    /** The run's figures; publishes the checksum. */
    PathRun run() {
        checksum += firstBytes;
        return new PathRun(frames, bytes, -1, -1, -1);
    }
}
