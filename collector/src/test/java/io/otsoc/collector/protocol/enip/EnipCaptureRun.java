package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;

import java.util.ArrayList;
import java.util.List;

/** One shared capture through a real collector run: its enip and cip events, in order, and the run's figures. */
record EnipCaptureRun(List<OtEvent> events, CollectorStats stats) {

    static EnipCaptureRun of(String capture) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("enip/" + capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && (e.protocol().equals(EnipDecoder.PROTOCOL)
                        || e.protocol().equals(EnipDecoder.CIP))) {
                    events.add(e);
                }
            });
        }
        return new EnipCaptureRun(events, stats);
    }

    long malformed() {
        return events.stream().filter(OtEvent::malformed).count();
    }
}
