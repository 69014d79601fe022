package io.otsoc.collector.protocol.profinet.dcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the PROFINET real-time frames that are not DCP, per (source MAC, destination MAC, FrameID): cyclic IO data
 * (FrameID 0x0100-0xFBFF) arrives every few milliseconds per stream and alarms, time synchronisation (PTCP) and
 * fragments are frequent too. Their content is process data whose layout only the connection's configuration
 * (the Connect's IOCR blocks) gives, so one event per frame would flood the SIEM with nothing decodable; a summary
 * per stream at the end of the session (frames, first and last time) says which devices exchange cyclic data
 * with whom, which is what matters for the inventory and for spotting a new stream. Streams beyond
 * {@link #MAX_STREAMS} are counted in {@link #untracked()} only.
 */
final class RtStreams {

    static final int MAX_STREAMS = 1024;

    record Key(long srcMac, long dstMac, int frameId, int vlanId) {
    }

    static final class Stream {
        final String srcMac;
        final String dstMac;
        long packets;
        long firstMicros;
        long lastMicros;

        Stream(String srcMac, String dstMac, long micros) {
            this.srcMac = srcMac;
            this.dstMac = dstMac;
            this.firstMicros = micros;
            this.lastMicros = micros;
        }
    }

    private final Map<Key, Stream> streams = new LinkedHashMap<>();
    private long untracked;

    void count(long srcMac, long dstMac, String srcText, String dstText, int frameId, int vlanId, long micros) {
        Key key = new Key(srcMac, dstMac, frameId, vlanId);
        Stream s = streams.get(key);
        if (s == null) {
            if (streams.size() >= MAX_STREAMS) {
                untracked++;
                return;
            }
            s = new Stream(srcText, dstText, micros);
            streams.put(key, s);
        }
        s.packets++;
        s.lastMicros = Math.max(s.lastMicros, micros);
    }

    Map<Key, Stream> streams() {
        return streams;
    }

    long untracked() {
        return untracked;
    }

    int size() {
        return streams.size();
    }

    void clear() {
        streams.clear();
    }

    /** The kind of a non-DCP FrameID, as the summary's action. */
    static String kind(int frameId) {
        if (frameId >= 0x0100 && frameId <= 0xFBFF) {
            return "rt_cyclic";
        }
        if (frameId == 0xFC01 || frameId == 0xFE01) {
            return "rt_alarm";
        }
        if (frameId >= 0xFF80 && frameId <= 0xFF8F) {
            return "rt_fragment";
        }
        if (frameId <= 0x00FF || frameId >= 0xFF00) {
            return "ptcp";
        }
        return "rt_other";
    }
}
