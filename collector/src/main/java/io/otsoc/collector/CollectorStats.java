package io.otsoc.collector;

import io.otsoc.collector.capture.SourceReport;

import java.util.Map;

/**
 * What one collector run saw and did. Every frame ends in exactly one of {@code tcp}, {@code udp}, {@code otherIp},
 * {@code nonIp}, {@code fragmentsHeld} or one reason of {@code skipped}.
 *
 * @param frames            frames received
 * @param bytes             captured bytes received
 * @param skipped           frames not dissected, per reason (e.g. {@code ipv4_bad_total_length})
 * @param ipv4              frames with a valid IPv4 header (fragments included)
 * @param ipv6              frames with a valid IPv6 header (fragments included)
 * @param tcp               TCP segments (a reassembled datagram counts once)
 * @param udp               UDP datagrams (a reassembled datagram counts once)
 * @param otherIp           IP packets of other transports (ICMP, SCTP...)
 * @param nonIp             non-IP frames
 * @param nonIpEtherTypes   non-IP frames per EtherType, e.g. {@code 0x88cc lldp}
 * @param ipFragments       IP fragment frames seen
 * @param fragmentsHeld     fragment frames that did not complete a datagram (yet)
 * @param ipReassembled     datagrams reassembled from fragments
 * @param truncatedPayloads TCP/UDP payloads the capture cut short (snap length)
 * @param flowsCreated      TCP/UDP flows created
 * @param flowsEvicted      flows pushed out of the full table (least recently seen)
 * @param flowsExpired      flows closed by the idle timeout
 * @param flowsFinished     flows closed by FIN/RST
 * @param peakActiveFlows   most flows tracked at once
 * @param tcpGaps           holes in TCP streams reported to decoders
 * @param tcpGapBytes       bytes missing in those holes
 * @param events            events per protocol (malformed-message events included)
 * @param malformed         malformed messages per protocol
 * @param notThisProtocol   flows whose decoder disowned them, per protocol
 * @param decoderErrors     decoders that threw (and were detached), per protocol
 * @param assets            asset records emitted
 * @param source            the source's own report
 * @param elapsedNanos      wall-clock time of the run
 */
public record CollectorStats(
        long frames,
        long bytes,
        Map<String, Long> skipped,
        long ipv4,
        long ipv6,
        long tcp,
        long udp,
        long otherIp,
        long nonIp,
        Map<String, Long> nonIpEtherTypes,
        long ipFragments,
        long fragmentsHeld,
        long ipReassembled,
        long truncatedPayloads,
        long flowsCreated,
        long flowsEvicted,
        long flowsExpired,
        long flowsFinished,
        long peakActiveFlows,
        long tcpGaps,
        long tcpGapBytes,
        Map<String, Long> events,
        Map<String, Long> malformed,
        Map<String, Long> notThisProtocol,
        Map<String, Long> decoderErrors,
        long assets,
        SourceReport source,
        long elapsedNanos) {

    public CollectorStats {
        skipped = Map.copyOf(skipped);
        nonIpEtherTypes = Map.copyOf(nonIpEtherTypes);
        events = Map.copyOf(events);
        malformed = Map.copyOf(malformed);
        notThisProtocol = Map.copyOf(notThisProtocol);
        decoderErrors = Map.copyOf(decoderErrors);
    }

    /** Frames per second of wall-clock time, 0 when no time elapsed. */
    public double framesPerSecond() {
        return elapsedNanos <= 0 ? 0 : frames * 1e9 / elapsedNanos;
    }

    public long skippedFrames() {
        return sum(skipped);
    }

    public long totalEvents() {
        return sum(events);
    }

    public long totalMalformed() {
        return sum(malformed);
    }

    public long totalDecoderErrors() {
        return sum(decoderErrors);
    }

    private static long sum(Map<String, Long> m) {
        long n = 0;
        for (long v : m.values()) {
            n += v;
        }
        return n;
    }

    /** A few lines for a summary, e.g. at the end of a command-line run. */
    public String summary() {
        return String.format("%d frames (%d bytes) in %.3f s, %.0f frames/s%n"
                        + "ipv4 %d, ipv6 %d, tcp %d, udp %d, other ip %d, non-ip %d %s%n"
                        + "skipped %d %s%n"
                        + "fragments %d (held %d), reassembled %d, truncated payloads %d%n"
                        + "flows %d created, %d finished, %d expired, %d evicted, peak %d; tcp gaps %d (%d bytes)%n"
                        + "events %s, malformed %s, not this protocol %s, decoder errors %s; assets %d",
                frames, bytes, elapsedNanos / 1e9, framesPerSecond(), ipv4, ipv6, tcp, udp, otherIp, nonIp,
                new java.util.TreeMap<>(nonIpEtherTypes), skippedFrames(), new java.util.TreeMap<>(skipped),
                ipFragments, fragmentsHeld, ipReassembled, truncatedPayloads, flowsCreated, flowsFinished,
                flowsExpired, flowsEvicted, peakActiveFlows, tcpGaps, tcpGapBytes, new java.util.TreeMap<>(events),
                new java.util.TreeMap<>(malformed), new java.util.TreeMap<>(notThisProtocol),
                new java.util.TreeMap<>(decoderErrors), assets);
    }
}
