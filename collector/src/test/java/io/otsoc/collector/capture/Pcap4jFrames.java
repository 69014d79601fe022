package io.otsoc.collector.capture;

import org.junit.jupiter.api.Assumptions;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The oracle: a capture read by libpcap through pcap4j, microsecond precision. */
final class Pcap4jFrames {

    static {
        // pcap4j logs every open, loop and close at INFO: hundreds of lines that hide the test output.
        System.setProperty("org.slf4j.simpleLogger.log.org.pcap4j", "warn");
    }

    private Pcap4jFrames() {
    }

    /** True when libpcap can be loaded here. */
    static boolean available() {
        try {
            return Pcaps.libVersion() != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Skips the calling test where libpcap is missing, except under CI ({@code CI=true}), where the oracle's
     * absence fails it: the comparison with libpcap is the proof of the file reader and must not go quiet.
     */
    static void require() {
        if (available()) {
            return;
        }
        String message = "libpcap is not installed (apt-get install -y libpcap0.8)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }

    static List<FrameCopy> read(Path file) throws Exception {
        List<FrameCopy> frames = new ArrayList<>();
        try (PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.MICRO)) {
            int linkType = handle.getDlt().value();
            while (true) {
                byte[] packet;
                try {
                    packet = handle.getNextRawPacketEx();
                } catch (EOFException end) {
                    break;
                }
                Timestamp time = handle.getTimestamp();
                long micros = Math.floorDiv(time.getTime(), 1000L) * 1_000_000L + time.getNanos() / 1000;
                frames.add(new FrameCopy(frames.size() + 1, micros, packet.length, handle.getOriginalLength(),
                        linkType, packet));
            }
        }
        return frames;
    }
}
