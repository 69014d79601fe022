package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;

import java.util.ArrayList;
import java.util.List;

import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;

/**
 * One real collector run over a shared Modbus capture (default configuration, the decoders found on the class
 * path), with the Modbus events it emitted and its statistics, and our events seen message by message as Zeek
 * counts them.
 */
record CaptureRun(String capture, List<OtEvent> events, CollectorStats stats) {

    static CaptureRun of(String capture) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("modbus/" + capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(ModbusDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return new CaptureRun(capture, List.copyOf(events), stats);
    }

    /**
     * One ADU behind one of our events: a transaction gives its request if the request was seen and its response
     * if the response was seen (a pair gives both, an unanswered request only the request, a response whose
     * request was not captured only the response).
     */
    record Message(OtEvent event, ModbusDetail detail, boolean request) {

        /** {@code client:port>server:port}, as Zeek's {@code orig_h:orig_p>resp_h:resp_p}. */
        String conn() {
            return CaptureRun.conn(event);
        }

        /** The function code on the wire: an exception response carries the exception bit. */
        int functionCode() {
            return detail.functionCode() | (!request && detail.exceptionCode() != ABSENT ? 0x80 : 0);
        }

        /** The MBAP length field (unit id and PDU bytes). */
        int length() {
            return request ? detail.requestLength() : detail.responseLength();
        }

        String side() {
            return request ? "request" : "response";
        }

        @Override
        public String toString() {
            return side() + " tid=" + detail.transactionId() + " uid=" + detail.unitId() + " fc=" + functionCode()
                    + " len=" + length() + " of " + event.action() + " " + event.outcome()
                    + (event.errorMessage() == null ? "" : " (" + event.errorMessage() + ")");
        }
    }

    static String conn(OtEvent e) {
        return e.flow().clientIp() + ":" + e.flow().clientPort() + ">" + e.flow().serverIp() + ":" + e.flow().serverPort();
    }

    /** Our events as messages, in event order. */
    List<Message> messages() {
        List<Message> out = new ArrayList<>();
        for (OtEvent e : events) {
            if (e.detail() instanceof ModbusDetail d) {
                if (d.requestLength() != ABSENT) {
                    out.add(new Message(e, d, true));
                }
                if (d.responseLength() != ABSENT) {
                    out.add(new Message(e, d, false));
                }
            }
        }
        return out;
    }

    /** Malformed reports that name no transaction (an invalid MBAP header): none of Zeek's records can match them. */
    List<OtEvent> unframed() {
        return events.stream().filter(e -> !(e.detail() instanceof ModbusDetail)).toList();
    }

    /** Events that carry a transaction. */
    List<OtEvent> transactions() {
        return events.stream().filter(e -> e.detail() instanceof ModbusDetail).toList();
    }
}
