package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One real collector run over a shared capture (default configuration, the decoders found on the class path), with
 * the SNMP events it emitted, its statistics, and our events taken apart into the messages behind them.
 */
record SnmpCaptureRun(String capture, List<OtEvent> events, CollectorStats stats) {

    static SnmpCaptureRun of(String capture) {
        return of(SharedFixtures.pcap(capture), capture);
    }

    static SnmpCaptureRun of(Path path, String name) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(path))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(SnmpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return new SnmpCaptureRun(name, List.copyOf(events), stats);
    }

    /**
     * One datagram behind one of our events: an exchange gives its request and its response, a trap or unanswered
     * request only itself, a response alone only the response. {@code fromClient} is Zeek's {@code is_orig}.
     */
    record Message(OtEvent event, SnmpMessage message, boolean fromClient) {

        String conn() {
            return SnmpCaptureRun.conn(event);
        }

        /** Suricata's {@code snmp.pdu_type}. */
        String pduType() {
            return message.encrypted() ? "encrypted" : message.pdu().type().actionName;
        }

        /** Suricata's {@code snmp.vars}: the OIDs of the variable bindings. */
        List<String> vars() {
            return message.encrypted() ? List.of() : message.pdu().varbinds().stream().map(VarBind::oid).toList();
        }
    }

    static String conn(OtEvent e) {
        return e.flow().clientIp() + ":" + e.flow().clientPort() + ">" + e.flow().serverIp() + ":" + e.flow().serverPort();
    }

    /** Our events as messages, in event order. */
    List<Message> messages() {
        List<Message> out = new ArrayList<>();
        for (OtEvent e : events) {
            if (e.detail() instanceof SnmpDetail d) {
                if (d.request() != null) {
                    out.add(new Message(e, d.request(), true));
                }
                if (d.response() != null) {
                    out.add(new Message(e, d.response(), !d.responseToClient()));
                }
            }
        }
        return out;
    }
}
