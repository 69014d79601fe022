package io.otsoc.collector.capture;

import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The oracle: a capture read by libpcap through pcap4j, microsecond precision. */
final class Pcap4jFrames {

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
