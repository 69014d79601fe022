package io.otsoc.routes.pipeline;

import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureSetSource;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.PcapFileSource;
import io.otsoc.collector.capture.SourceReport;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collector's side of a run as the summary shows it. A count the source does not report is {@link #UNKNOWN}
 * and shown as such, never as zero; a per-key map leaves out keys whose count is zero.
 *
 * @param source            the source's name (file, directory or interface)
 * @param captureFiles      capture files actually read (a directory counts its files), or {@link #UNKNOWN}
 * @param frames            frames read
 * @param bytes             captured bytes read
 * @param dropped           frames lost before the collector saw them (live capture)
 * @param flows             TCP/UDP conversations tracked, or {@link #UNKNOWN}
 * @param tcpGaps           holes in TCP streams (bytes never captured), or {@link #UNKNOWN}
 * @param tcpGapBytes       bytes missing in those holes
 * @param truncatedPayloads TCP/UDP payloads the capture's snap length cut short
 * @param malformed         protocol messages that could not be decoded, per protocol
 * @param notThisProtocol   flows on a protocol's port whose decoder found other traffic, per protocol
 * @param decoderErrors     decoders that failed and were detached, per protocol
 * @param skippedFrames     frames not dissected, per reason (e.g. {@code ipv4_bad_total_length})
 * @param warnings          one line each, e.g. a capture truncated mid-record
 */
public record CollectorFigures(
        String source,
        long captureFiles,
        long frames,
        long bytes,
        long dropped,
        long flows,
        long tcpGaps,
        long tcpGapBytes,
        long truncatedPayloads,
        Map<String, Long> malformed,
        Map<String, Long> notThisProtocol,
        Map<String, Long> decoderErrors,
        Map<String, Long> skippedFrames,
        List<String> warnings) {

    public static final long UNKNOWN = -1;

    public CollectorFigures {
        malformed = sorted(malformed);
        notThisProtocol = sorted(notThisProtocol);
        decoderErrors = sorted(decoderErrors);
        skippedFrames = sorted(skippedFrames);
        warnings = List.copyOf(warnings);
    }

    /** Figures of a source that reports only what it read: every decoding figure unknown or empty. */
    public static CollectorFigures readOnly(String source, long captureFiles, long frames, long bytes,
                                            List<String> warnings) {
        return new CollectorFigures(source, captureFiles, frames, bytes, 0, UNKNOWN, UNKNOWN, 0, 0, Map.of(),
                Map.of(), Map.of(), Map.of(), warnings);
    }

    /**
     * The one place that reads {@link CollectorStats}: the run's statistics and the packet source's own report
     * (read after the run, so that counts and warnings are final).
     */
    public static CollectorFigures of(PacketSource packets, CollectorStats stats, SourceReport report) {
        return new CollectorFigures(
                packets.name(),
                captureFilesRead(packets),
                stats.frames(),
                report.bytes(),
                report.dropped(),
                stats.flowsCreated(),
                stats.tcpGaps(),
                stats.tcpGapBytes(),
                stats.truncatedPayloads(),
                stats.malformed(),
                stats.notThisProtocol(),
                stats.decoderErrors(),
                stats.skipped(),
                report.warnings());
    }

    /** A file source read its one file (it was checked when opened); a set counts the files it got to read. */
    private static long captureFilesRead(PacketSource packets) {
        if (packets instanceof CaptureSetSource set) {
            return set.filesRead();
        }
        if (packets instanceof PcapFileSource) {
            return 1;
        }
        return UNKNOWN;
    }

    /** False for a source that only reads (a stand-in): its per-protocol and per-reason maps mean nothing. */
    public boolean decodingKnown() {
        return flows != UNKNOWN;
    }

    public long totalMalformed() {
        return sum(malformed);
    }

    public long totalNotThisProtocol() {
        return sum(notThisProtocol);
    }

    public long totalDecoderErrors() {
        return sum(decoderErrors);
    }

    public long totalSkippedFrames() {
        return sum(skippedFrames);
    }

    private static long sum(Map<String, Long> counts) {
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        return total;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> kept = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (n != 0) {
                kept.put(key, n);
            }
        });
        return Collections.unmodifiableMap(kept);
    }
}
