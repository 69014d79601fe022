package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.opcua.UaMessage.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through a real Collector against ICSNPP's opcua_binary logs (icsnpp-opcua-binary efca88a3, btests
 * {@code data-gap} and {@code data-gap_with-handshake}). The logs were cut by {@code zeek-cut -n} (the link-id
 * columns removed, headers dropped), so the columns are named here from the log record of that version: one row per
 * request/response pair (or lone message), the request's and the response's headers side by side.
 *
 * <p>Excluded, not compared: what Zeek never delivered to ICSNPP. ICSNPP's analyzer sets {@code had_gap} in
 * {@code Undelivered} and from then on returns early from {@code DeliverStream} for both directions
 * (src/OPCUA_Binary.cc), so it logs nothing more on that connection. In both captures the connection
 * 192.168.11.33:60952 has no hole at all: the server's 13990-byte CreateSessionResponse (stream bytes 164-14153,
 * frames 12-30) is whole, but frame 25 (1700066893.204278) is the client's ACK of 11844 while the bytes 10384-11843
 * only arrive in frame 26 (Wireshark: "TCP Spurious Retransmission"). Zeek's reassembler takes an ACK above a hole
 * as lost data and reports it undelivered there; our reassembler waits for the segment. So, on that connection,
 * our events that begin after frame 25 (the ActivateSession and 140 Reads that Wireshark decodes whole) have no
 * oracle row, and for the CreateSession in flight the oracle has only the request: its response fields are not
 * compared.
 */
class OpcuaOracleTest {

    /** Where Zeek declared a content gap (the ACK above the hole, frame 25), per connection. */
    static final Map<String, Long> ZEEK_GAP_MICROS = Map.of("192.168.11.33:60952>192.168.11.34:4840", 1700066893204278L);

    /** Our event as ICSNPP could have seen it: null when it began after Zeek's gap, without a late response. */
    static OpcuaDetail asZeekSaw(OtEvent e) {
        OpcuaDetail d = (OpcuaDetail) e.detail();
        Long gap = ZEEK_GAP_MICROS.get(OpcuaCaptureRun.key(e.flow()));
        if (gap == null) {
            return d;
        }
        if (e.timestampMicros() >= gap) {
            return null;
        }
        if (d.response() != null && d.response().completedMicros >= gap) {
            return d.request() != null ? new OpcuaDetail(d.request(), null) : null;
        }
        return d;
    }

    /** The columns of opcua_binary.log as the btests cut it. */
    static final List<String> MAIN_COLUMNS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
            "msg_type", "is_final", "msg_size", "error", "reason", "version", "rcv_buf_size", "snd_buf_size",
            "max_msg_size", "max_chunk_cnt", "endpoint_url", "sec_channel_id", "sec_policy_uri_len", "sec_policy_uri",
            "snd_cert_len", "snd_cert", "rcv_cert_len", "rcv_cert", "seq_number", "req_msg_size",
            "req_request_id", "req_encoding_mask", "req_namespace_idx", "req_identifier", "req_identifier_str",
            "req_hdr_node_id_type", "req_hdr_node_id_namespace_idx", "req_hdr_node_id_numeric",
            "req_hdr_node_id_string", "req_hdr_node_id_guid", "req_hdr_node_id_opaque", "req_hdr_timestamp",
            "req_hdr_request_handle", "req_hdr_return_diag", "req_hdr_audit_entry_id", "req_hdr_timeout_hint",
            "req_hdr_add_hdr_type_id", "req_hdr_add_hdr_enc_mask", "res_msg_size", "res_seq_number",
            "res_encoding_mask", "res_namespace_idx", "res_identifier", "res_identifier_str", "res_hdr_timestamp",
            "res_hdr_request_handle", "res_hdr_service_diag_encoding", "res_hdr_add_hdr_type_id",
            "res_hdr_add_hdr_enc_mask");

    /** The fields compared in opcua_binary.log. */
    static final List<String> MAIN_COMPARED = List.of("msg_type", "is_final", "msg_size", "error", "reason", "version",
            "rcv_buf_size", "snd_buf_size", "max_msg_size", "max_chunk_cnt", "endpoint_url", "sec_channel_id",
            "sec_policy_uri", "snd_cert_len", "seq_number", "req_msg_size", "req_request_id",
            "req_encoding_mask", "req_namespace_idx", "req_identifier", "req_identifier_str",
            "req_hdr_request_handle", "req_hdr_timeout_hint", "res_msg_size", "res_seq_number", "res_encoding_mask",
            "res_namespace_idx", "res_identifier", "res_identifier_str", "res_hdr_request_handle");

    static String conn(ZeekLog.Row row) {
        return row.raw("id.orig_h") + ":" + row.raw("id.orig_p") + ">" + row.raw("id.resp_h") + ":"
                + row.raw("id.resp_p");
    }

    static String n(long v) {
        return v == ABSENT ? "-" : Long.toString(v);
    }

    static String s(String v) {
        return v == null ? "-" : v.isEmpty() ? "(empty)" : v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"opcua_with-gap.pcap:data-gap", "opcua_with-gap_with-handshake.pcap:data-gap_with-handshake",
            "open62541_client-server_mainloop.pcap:basic",
            "open62541_client-server_mainloop-no-handshake.pcap:no-handshake"})
    void agreesWithIcsnppOpcuaBinaryLog(String pair) {
        String capture = pair.substring(0, pair.indexOf(':'));
        String test = pair.substring(pair.indexOf(':') + 1);
        String log = capture + ".icsnpp." + test + ".opcua_binary.log";
        List<OracleTable.Rec> oracle = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ZeekLog.Row row : ZeekLog.read(SharedFixtures.pcap("opcua/" + log), MAIN_COLUMNS).rows()) {
            String id = identity(conn(row), row.raw("msg_type"), row.raw("req_request_id"), seen);
            List<String> kv = new ArrayList<>();
            for (String f : MAIN_COMPARED) {
                kv.add(f);
                kv.add(row.raw(f));
            }
            oracle.add(OracleTable.rec(id, kv.toArray(String[]::new)));
        }
        OpcuaCaptureRun run = OpcuaCaptureRun.of(capture);
        List<OracleTable.Rec> ours = new ArrayList<>();
        seen.clear();
        int excluded = 0;
        for (OtEvent e : run.events) {
            OpcuaDetail d = asZeekSaw(e);
            if (d == null) {
                excluded++;
                continue;
            }
            ours.add(mainRecord(e, d, seen));
        }
        OracleTable t = new OracleTable(log).compare(oracle, ours);
        t.print();
        System.out.println("    (" + excluded + " of our events after Zeek's content gap not compared)");
        assertThat(t.oracleRecords).isPositive();
        assertThat(t.agreement()).isGreaterThanOrEqualTo(0.99);
    }

    static String identity(String conn, String type, String requestId, Map<String, Integer> seen) {
        String base = conn + " " + type + " " + requestId;
        int k = seen.merge(base, 1, Integer::sum);
        return base + " #" + k;
    }

    static OracleTable.Rec mainRecord(OtEvent e, OpcuaDetail d, Map<String, Integer> seen) {
        UaMessage q = d.request();
        UaMessage p = d.response();
        UaMessage a = d.first();
        String type = a.messageType;
        String conn = OpcuaCaptureRun.key(e.flow());
        String channel;
        if ("OPN".equals(type) && q != null && p != null) {
            channel = n(q.secureChannelId) + "," + n(p.tokenChannelId);
        } else {
            channel = n(a.secureChannelId);
        }
        String reqId = q != null ? n(q.requestId) : "-";
        return OracleTable.rec(identity(conn, type, reqId, seen),
                "msg_type", type,
                "is_final", String.valueOf(a.chunkType),
                "msg_size", n(d.messageSize()),
                "error", n(a.errorCode),
                "reason", s(a.reason),
                "version", n(a.protocolVersion),
                "rcv_buf_size", n(a.receiveBufferSize),
                "snd_buf_size", n(a.sendBufferSize),
                "max_msg_size", n(a.maxMessageSize),
                "max_chunk_cnt", n(a.maxChunkCount),
                "endpoint_url", "HEL".equals(type) ? s(a.endpointUrl) : "-",
                "sec_channel_id", channel,
                "sec_policy_uri", s(a.securityPolicyUri),
                "snd_cert_len", "OPN".equals(type) ? Long.toString(a.senderCertificateLength) : "-",
                // the sequence number of the message that opened the record: the request's, or a lone response's
                "seq_number", n(a.sequenceNumber),
                "req_msg_size", q != null && q.sequenceNumber != ABSENT ? n(q.size) : "-",
                "req_request_id", reqId,
                "req_encoding_mask", q != null && q.encoding != null ? n(q.encoding.encodingMask()) : "-",
                "req_namespace_idx", q != null && q.encoding != null ? n(q.encoding.namespace()) : "-",
                "req_identifier", q != null && q.encoding != null ? n(q.encoding.numeric()) : "-",
                "req_identifier_str", q != null ? s(q.serviceName()) : "-",
                "req_hdr_request_handle", q != null ? n(q.requestHandle) : "-",
                "req_hdr_timeout_hint", q != null ? n(q.timeoutHint) : "-",
                "res_msg_size", p != null && p.sequenceNumber != ABSENT ? n(p.size) : "-",
                "res_seq_number", p != null ? n(p.sequenceNumber) : "-",
                "res_encoding_mask", p != null && p.encoding != null ? n(p.encoding.encodingMask()) : "-",
                "res_namespace_idx", p != null && p.encoding != null ? n(p.encoding.namespace()) : "-",
                "res_identifier", p != null && p.encoding != null ? n(p.encoding.numeric()) : "-",
                "res_identifier_str", p != null ? s(p.serviceName()) : "-",
                "res_hdr_request_handle", p != null ? n(p.requestHandle) : "-");
    }
}
