package io.otsoc.collector;

import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.EtherTypes;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.dissect.SkipReason;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link CollectorStats} from a dissector's counts and the counts of one or more flow back ends. */
final class CollectorStatsBuilder {

    private CollectorStatsBuilder() {
    }

    static CollectorStats of(long frames, long bytes, Dissector dissector, List<FlowBackend> backends,
                             long assetsEmitted, SourceReport report, long elapsedNanos) {
        Map<String, Long> skipped = new HashMap<>();
        for (SkipReason r : SkipReason.values()) {
            long n = dissector.skipped(r);
            if (n != 0) {
                skipped.put(r.label(), n);
            }
        }
        Map<String, Long> etherTypes = new HashMap<>();
        dissector.forEachNonIp((type, n) -> etherTypes.put(EtherTypes.label(type), n));
        long created = 0;
        long evicted = 0;
        long expired = 0;
        long finished = 0;
        long peak = 0;
        long gaps = 0;
        long gapBytes = 0;
        Map<String, Long> events = Map.of();
        Map<String, Long> malformed = Map.of();
        Map<String, Long> notThis = Map.of();
        Map<String, Long> errors = Map.of();
        for (FlowBackend b : backends) {
            created += b.flows().flowsCreated();
            evicted += b.flows().flowsEvicted();
            expired += b.flows().flowsExpired();
            finished += b.flows().flowsFinished();
            // shards hold disjoint flows: their peaks add up to at most the true peak's upper bound
            peak += b.flows().peakActiveFlows();
            gaps += b.flows().tcp().gaps();
            gapBytes += b.flows().tcp().gapBytes();
            events = FlowBackend.merged(events, b.events());
            malformed = FlowBackend.merged(malformed, b.malformed());
            notThis = FlowBackend.merged(notThis, b.notThisProtocol());
            errors = FlowBackend.merged(errors, b.decoderErrors());
        }
        return new CollectorStats(frames, bytes, skipped, dissector.ipv4(), dissector.ipv6(),
                dissector.count(PacketKind.TCP), dissector.count(PacketKind.UDP),
                dissector.count(PacketKind.OTHER_IP), dissector.count(PacketKind.NON_IP), etherTypes,
                dissector.fragmentFrames(), dissector.count(PacketKind.FRAGMENT),
                dissector.fragments().completedDatagrams(), dissector.truncatedPayloads(), created, evicted, expired,
                finished, peak, gaps, gapBytes, events, malformed, notThis, errors, assetsEmitted, report,
                elapsedNanos);
    }
}
