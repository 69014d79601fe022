package io.otsoc.collector.capture;

import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints how many frames per second {@link PcapFileSource} and pcap4j's {@code loop()} read from one capture
 * file. Both touch every frame's first byte so neither can skip work. A measurement to run by hand, not a test:
 * {@code java -cp ... io.otsoc.collector.capture.CaptureReadBench FILE [REPETITIONS] [MIN_FRAMES]}. Small files
 * are read again and again within one repetition until at least MIN_FRAMES (default 2,000,000) were read, so
 * that start-up costs do not dominate.
 */
public final class CaptureReadBench {

    private CaptureReadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CaptureReadBench FILE [REPETITIONS] [MIN_FRAMES]");
            System.exit(2);
        }
        // pcap4j logs every open and loop at INFO; that would be most of the output.
        System.setProperty("org.slf4j.simpleLogger.log.org.pcap4j", "warn");
        Path file = Path.of(args[0]);
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long minFrames = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000L;
        System.out.println("file " + file + ", " + repetitions + " repetitions of at least " + minFrames + " frames");
        for (int i = 1; i <= repetitions; i++) {
            Result plain = measure(minFrames, () -> readPlain(file));
            Result pcap4j = measure(minFrames, () -> readPcap4j(file));
            System.out.println(String.format(Locale.ROOT,
                    "run %d: PcapFileSource %,.0f frames/s (%,d frames)   pcap4j loop %,.0f frames/s (%,d frames)",
                    i, plain.framesPerSecond(), plain.frames(), pcap4j.framesPerSecond(), pcap4j.frames()));
        }
        System.out.println("checksum " + sink);
    }

    /** Keeps the JIT from dropping the reads. */
    private static long sink;

    private record Result(long frames, long nanos) {
        double framesPerSecond() {
            return frames * 1e9 / nanos;
        }
    }

    @FunctionalInterface
    private interface Pass {
        long read() throws Exception;
    }

    private static Result measure(long minFrames, Pass pass) throws Exception {
        long frames = 0;
        long start = System.nanoTime();
        while (frames < minFrames) {
            long read = pass.read();
            if (read == 0) {
                break;
            }
            frames += read;
        }
        return new Result(frames, System.nanoTime() - start);
    }

    static long readPlain(Path file) {
        long[] count = new long[2];
        try (PcapFileSource source = new PcapFileSource(file)) {
            source.run(frame -> {
                count[0]++;
                if (frame.capturedLength() > 0) {
                    count[1] += frame.data()[frame.offset()];
                }
            });
        }
        sink += count[1];
        return count[0];
    }

    static long readPcap4j(Path file) throws Exception {
        long[] count = new long[2];
        try (PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.MICRO)) {
            handle.loop(-1, (byte[] packet) -> {
                count[0]++;
                if (packet.length > 0) {
                    count[1] += packet[0];
                }
            });
        }
        sink += count[1];
        return count[0];
    }
}
