package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.opcua.OpcuaWire.FLOW;
import static io.otsoc.collector.protocol.opcua.OpcuaWire.NONE;
import static io.otsoc.collector.protocol.opcua.OpcuaWire.concat;
import static io.otsoc.collector.protocol.opcua.OpcuaWire.msg;
import static org.assertj.core.api.Assertions.assertThat;

class OpcuaDecoderTest {

    private final Recording out = new Recording();
    private final OpcuaDecoder decoder = new OpcuaDecoder(FLOW, out);
    private long clock = 1_700_000_000_000_000L;

    private void client(byte[] b) {
        decoder.onData(Direction.TO_SERVER, b, 0, b.length, clock += 1000);
    }

    private void server(byte[] b) {
        decoder.onData(Direction.TO_CLIENT, b, 0, b.length, clock += 1000);
    }

    private void handshake() {
        client(OpcuaWire.hello("opc.tcp://plc:4840"));
        server(OpcuaWire.ack());
        client(OpcuaWire.openRequest(NONE, 1, 1));
        server(OpcuaWire.openResponse(1, 7, 1));
    }

    private static Map<String, Object> fields(OtEvent e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        e.detail().writeFields(new io.otsoc.collector.model.DetailWriter() {
            public void number(String f, long v) { m.put(f, v); }
            public void decimal(String f, double v) { m.put(f, v); }
            public void text(String f, String v) { m.put(f, v); }
            public void flag(String f, boolean v) { m.put(f, v); }
            public void numbers(String f, int[] v, int c) { m.put(f, java.util.Arrays.copyOf(v, c)); }
            public void texts(String f, List<String> v) { m.put(f, v); }
        });
        return m;
    }

    @Test
    void helloAcknowledgeAndOpenSecureChannel() {
        handshake();
        assertThat(out.events).extracting(OtEvent::action)
                .containsExactly("hello", "acknowledge", "open_secure_channel");
        Map<String, Object> hel = fields(out.events.get(0));
        assertThat(hel).containsEntry("message_type", "HEL").containsEntry("endpoint_url", "opc.tcp://plc:4840")
                .containsEntry("receive_buffer_size", 65536L);
        OtEvent opn = out.events.get(2);
        assertThat(opn.category()).isEqualTo(EventCategory.AUTH);
        assertThat(opn.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(opn.durationMicros()).isEqualTo(1000);
        assertThat(fields(opn)).containsEntry("secure_channel_id", 7L).containsEntry("security_token_id", 1L)
                .containsEntry("request_type", "issue").containsEntry("security_mode", "none")
                .containsEntry("security_policy_uri", NONE).containsEntry("sender_certificate_length", -1L)
                .containsEntry("requested_lifetime", 3600000L).containsEntry("revised_lifetime", 3600000L);
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void readRequestPairsWithItsResponse() {
        handshake();
        client(msg('F', 7, 2, OpcuaWire.readRequest(42, 3)));
        server(msg('F', 7, 2, OpcuaWire.readResponse(42, 0)));
        OtEvent read = out.events.get(3);
        assertThat(read.action()).isEqualTo("read");
        assertThat(read.category()).isEqualTo(EventCategory.READ);
        assertThat(read.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(fields(read)).containsEntry("service", "ReadRequest").containsEntry("response_service", "ReadResponse")
                .containsEntry("request_handle", 42L).containsEntry("item_count", 3L).containsEntry("status_code", 0L)
                .containsEntry("request_id", 2L).containsEntry("service_node_id", 631L);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void badServiceResultAndServiceFaultAreFailures() {
        handshake();
        client(msg('F', 7, 2, OpcuaWire.readRequest(1, 1)));
        server(msg('F', 7, 2, OpcuaWire.readResponse(1, 0x80340000L)));
        client(msg('F', 7, 3, OpcuaWire.readRequest(2, 1)));
        server(msg('F', 7, 3, OpcuaWire.serviceFault(2, 0x800B0000L)));
        assertThat(out.events.get(3).outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(out.events.get(3).errorMessage()).contains("0x80340000").contains("BadNodeIdUnknown");
        OtEvent fault = out.events.get(4);
        assertThat(fault.action()).isEqualTo("read");
        assertThat(fault.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(fault.errorMessage()).startsWith("service fault 0x800B0000");
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void splitByteByByteAndCoalescedDecodeTheSame() {
        byte[] all = concat(OpcuaWire.hello("opc.tcp://x"), OpcuaWire.openRequest(NONE, 1, 1),
                msg('F', 7, 2, OpcuaWire.readRequest(9, 2)));
        for (byte b : all) {
            client(new byte[] {b});
        }
        Recording coalesced = new Recording();
        OpcuaDecoder other = new OpcuaDecoder(FLOW, coalesced);
        other.onData(Direction.TO_SERVER, all, 0, all.length, clock);
        decoder.onClose(clock);
        other.onClose(clock);
        assertThat(out.events).extracting(OtEvent::action).containsExactly("hello", "open_secure_channel", "read");
        assertThat(coalesced.events).extracting(OtEvent::action).containsExactly("hello", "open_secure_channel", "read");
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void multiChunkMessageIsReassembledAndAbortIsReported() {
        handshake();
        byte[] request = OpcuaWire.readRequest(5, 4);
        int cut = 20;
        client(msg('C', 7, 2, java.util.Arrays.copyOfRange(request, 0, cut)));
        client(msg('F', 7, 2, java.util.Arrays.copyOfRange(request, cut, request.length)));
        server(msg('F', 7, 2, OpcuaWire.readResponse(5, 0)));
        OtEvent read = out.events.get(3);
        assertThat(read.action()).isEqualTo("read");
        assertThat(fields(read)).containsEntry("item_count", 4L).containsEntry("chunk_count", 3L);

        client(msg('C', 7, 3, java.util.Arrays.copyOfRange(request, 0, cut)));
        client(msg('A', 7, 3, OpcuaWire.body().u32(0x80820000L).string("too large").build()));
        OtEvent abort = out.events.get(4);
        assertThat(abort.action()).isEqualTo("abort");
        assertThat(abort.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(abort.errorMessage()).contains("BadTcpMessageTooLarge").contains("too large");
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void signedOrEncryptedChannelIsReportedWithoutParsingBodies() {
        client(OpcuaWire.hello("opc.tcp://x"));
        client(OpcuaWire.openRequest(OpcuaWire.BASIC256, 1, 3));
        byte[] garbage = new byte[80];
        new java.util.Random(1).nextBytes(garbage);
        client(OpcuaWire.chunk("MSG", 'F', concat(OpcuaWire.body().u32(9).u32(1).build(), garbage)));
        assertThat(out.events).extracting(OtEvent::action)
                .containsExactly("hello", "open_secure_channel", "secured_message");
        assertThat(fields(out.events.get(2))).containsEntry("secured", true).containsEntry("secure_channel_id", 9L);
        assertThat(fields(out.events.get(1))).containsEntry("security_policy_uri", OpcuaWire.BASIC256);
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void activateSessionKeepsTokenTypeNeverTheCredentials() {
        handshake();
        client(msg('F', 7, 2, OpcuaWire.activateUserName(3, "operator", "s3cret")));
        decoder.onClose(clock);
        OtEvent e = out.events.get(3);
        assertThat(e.action()).isEqualTo("activate_session");
        assertThat(e.category()).isEqualTo(EventCategory.AUTH);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        Map<String, Object> f = fields(e);
        assertThat(f).containsEntry("identity_token_type", "username").containsEntry("user_name_present", true);
        assertThat(f.values().toString()).doesNotContain("s3cret").doesNotContain("operator");
    }

    @Test
    void truncatedChunkAtCloseIsMalformed() {
        handshake();
        byte[] m = msg('F', 7, 2, OpcuaWire.readRequest(1, 1));
        decoder.onData(Direction.TO_SERVER, m, 0, m.length - 5, clock);
        decoder.onClose(clock);
        assertThat(out.malformed).singleElement().asString().startsWith("chunk truncated");
    }

    @Test
    void oversizedChunkIsRejectedAndTheStreamResynchronises() {
        handshake();
        byte[] bad = OpcuaWire.chunk("MSG", 'F', new byte[8]);
        bad[4] = 0;
        bad[5] = 0;
        bad[6] = 0;
        bad[7] = 0x02; // 32 MiB
        client(concat(bad, msg('F', 7, 2, OpcuaWire.readRequest(1, 1))));
        decoder.onClose(clock);
        assertThat(out.malformed).singleElement().asString().contains("exceeds the 16777216-byte chunk bound");
        assertThat(out.events).extracting(OtEvent::action).contains("read");
    }

    @Test
    void gapThenResynchronisationOnTheNextChunk() {
        handshake();
        byte[] first = msg('F', 7, 2, OpcuaWire.readRequest(1, 1));
        decoder.onData(Direction.TO_SERVER, first, 0, 30, clock);
        decoder.onGap(Direction.TO_SERVER, 100, clock);
        byte[] tail = new byte[] {1, 2, 3, 4, 5};
        byte[] next = msg('F', 7, 3, OpcuaWire.readRequest(2, 1));
        client(concat(tail, next));
        server(msg('F', 7, 3, OpcuaWire.readResponse(2, 0)));
        assertThat(out.malformed).isEmpty();
        assertThat(out.events.get(out.events.size() - 1).action()).isEqualTo("read");
        assertThat(fields(out.events.get(out.events.size() - 1))).containsEntry("request_handle", 2L);
    }

    @Test
    void notOpcuaAtTheStartDetaches() {
        client("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.notThisProtocol).singleElement().asString().contains("is not HEL");
        client(OpcuaWire.hello("opc.tcp://x"));
        assertThat(out.events).isEmpty();
    }

    @Test
    void unknownServiceAndUnknownTypeAfterStart() {
        handshake();
        client(msg('F', 7, 2, OpcuaWire.body().node(9999).build()));
        assertThat(out.events.get(4 - 1).action()).isEqualTo("unknown_service");
        client("XYZF\u0010\0\0\0abcdefgh".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(out.malformed).singleElement().asString().contains("'XYZ' is not HEL");
    }

    @Test
    void errAndTruncatedBodies() {
        client(OpcuaWire.hello("opc.tcp://x"));
        server(OpcuaWire.chunk("ERR", 'F', OpcuaWire.body().u32(0x807F0000L).string("busy").build()));
        OtEvent err = out.events.get(1);
        assertThat(err.action()).isEqualTo("error");
        assertThat(err.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(err.errorMessage()).contains("BadTcpServerTooBusy").contains("busy");
        // a HEL whose endpoint URL length runs past the chunk
        client(OpcuaWire.chunk("HEL", 'F', OpcuaWire.body().u32(0).u32(1).u32(1).u32(0).u32(0).u32(500).build()));
        assertThat(out.malformed).singleElement().asString().contains("HEL endpointUrl needs 500 bytes");
    }

    @Test
    void pendingRequestsAreBoundedAndReportedAtClose() {
        Recording r = new Recording();
        OpcuaDecoder d = new OpcuaDecoder(FLOW, r, 4);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] m = msg('F', 7, i + 2, OpcuaWire.readRequest(i, 1));
            sent.add(m);
            d.onData(Direction.TO_SERVER, m, 0, m.length, clock + i);
        }
        assertThat(d.pendingCount()).isEqualTo(4);
        assertThat(r.events).hasSize(6);
        d.onClose(clock + 100);
        assertThat(d.pendingCount()).isZero();
        assertThat(r.events).hasSize(10).allMatch(e -> e.outcome() == Outcome.UNKNOWN);
    }

    @Test
    void factoryRecognisesOpcuaByContentOnly() {
        OpcuaDecoderFactory f = new OpcuaDecoderFactory();
        byte[] hel = OpcuaWire.hello("opc.tcp://x:4841");
        assertThat(f.recognizes(true, Direction.TO_SERVER, hel, 0, hel.length)).isTrue();
        assertThat(f.recognizes(false, Direction.TO_SERVER, hel, 0, hel.length)).isFalse();
        byte[] opn = OpcuaWire.openRequest(NONE, 1, 1);
        assertThat(f.recognizes(true, Direction.TO_SERVER, opn, 0, opn.length)).isTrue();
        byte[] read = msg('F', 7, 2, OpcuaWire.readRequest(1, 1));
        assertThat(f.recognizes(true, Direction.TO_SERVER, read, 0, read.length)).isTrue();
        byte[] http = "HELLO world, this is not OPC UA at all".getBytes(StandardCharsets.US_ASCII);
        assertThat(f.recognizes(true, Direction.TO_SERVER, http, 0, http.length)).isFalse();
        byte[] unknown = msg('F', 7, 2, OpcuaWire.body().node(9999).build());
        assertThat(f.recognizes(true, Direction.TO_SERVER, unknown, 0, unknown.length)).isFalse();
        assertThat(f.tcpPorts()).containsExactly(4840);
    }

    @Test
    void midConnectionEncryptedBodiesAreSecuredMessagesNotMalformed() {
        byte[] garbage = new byte[64];
        new java.util.Random(7).nextBytes(garbage);
        garbage[16] = (byte) 0x3F; // not a NodeId encoding
        client(OpcuaWire.chunk("MSG", 'F', concat(OpcuaWire.body().u32(9).u32(4).build(), garbage)));
        assertThat(out.events).extracting(OtEvent::action).containsExactly("secured_message");
        assertThat(out.malformed).isEmpty();
        // a body that does decode as a known service is read even without the OPN
        client(msg('F', 9, 2, OpcuaWire.readRequest(1, 1)));
        server(msg('F', 9, 2, OpcuaWire.readResponse(1, 0)));
        assertThat(out.events.get(1).action()).isEqualTo("read");
    }

    @Test
    void getEndpointsResponseNamesTheServer() {
        handshake();
        byte[] app = OpcuaWire.body().string("urn:plc").string("urn:vendor:product").u8(2).string("Line 3 PLC")
                .u32(0).string(null).string(null).u32(0).build();
        byte[] endpoint = OpcuaWire.body().string("opc.tcp://plc:4840").bytes(app).u32(0xFFFFFFFFL).u32(1)
                .string(NONE).u32(0).string("http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary")
                .u8(0).build();
        client(msg('F', 7, 2, OpcuaWire.body().node(428).requestHeader(1).string("opc.tcp://plc:4840")
                .u32(0).u32(0).build()));
        server(msg('F', 7, 2, OpcuaWire.body().node(431).responseHeader(1, 0).u32(2).bytes(endpoint)
                .bytes(endpoint).build()));
        OtEvent e = out.events.get(3);
        assertThat(e.action()).isEqualTo("get_endpoints");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        assertThat(fields(e)).containsEntry("endpoint_count", 2L).containsEntry("server_application_uri", "urn:plc")
                .containsEntry("server_application_name", "Line 3 PLC")
                .containsEntry("endpoint_urls", List.of("opc.tcp://plc:4840"));
        assertThat(e.detail().assetFacts().name()).isEqualTo("Line 3 PLC");
        assertThat(e.detail().assetFacts().side()).isEqualTo(io.otsoc.collector.model.AssetFacts.Side.SERVER);
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void responseWithAnotherRequestIdPairsByRequestHandle() {
        handshake();
        client(msg('F', 7, 2, OpcuaWire.readRequest(77, 1)));
        server(msg('F', 7, 99, OpcuaWire.readResponse(77, 0)));
        OtEvent e = out.events.get(3);
        assertThat(e.action()).isEqualTo("read");
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(decoder.pendingCount()).isZero();
    }
}
