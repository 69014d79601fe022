package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One real collector run over a shared BACnet capture (default configuration, the decoders found on the class
 * path), kept per capture so that the oracle tests of one capture share it, with our events seen message by
 * message as ICSNPP logs them.
 */
record BacnetCapture(String capture, List<OtEvent> events, CollectorStats stats) {

    private static final Map<String, BacnetCapture> RUNS = new ConcurrentHashMap<>();

    static BacnetCapture of(String capture) {
        return RUNS.computeIfAbsent(capture, BacnetCapture::run);
    }

    private static BacnetCapture run(String capture) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("bacnet/" + capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(BacnetDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return new BacnetCapture(capture, List.copyOf(events), stats);
    }

    /** One datagram behind one of our events, with who sent it to whom. */
    record Message(OtEvent event, BacnetMessage message, BacnetMessage request) {

        String source() {
            return message.fromClient() ? event.flow().clientIp() : event.flow().serverIp();
        }

        String destination() {
            return message.fromClient() ? event.flow().serverIp() : event.flow().clientIp();
        }

        String conn() {
            return source() + ">" + destination();
        }

        /** The service the message belongs to: its own, else its request's. */
        int serviceChoice() {
            return message.serviceChoice() != -1 ? message.serviceChoice()
                    : request != null ? request.serviceChoice() : -1;
        }
    }

    /** Our events as datagrams, request before response. */
    List<Message> messages() {
        List<Message> out = new ArrayList<>();
        for (OtEvent e : events) {
            if (e.detail() instanceof BacnetDetail d) {
                if (d.request() != null) {
                    out.add(new Message(e, d.request(), null));
                }
                if (d.response() != null) {
                    out.add(new Message(e, d.response(), d.request()));
                }
            }
        }
        return out;
    }

    /** Malformed reports without a BACnet message (headers that could not be read). */
    List<OtEvent> unframed() {
        return events.stream().filter(e -> !(e.detail() instanceof BacnetDetail)).toList();
    }
}
