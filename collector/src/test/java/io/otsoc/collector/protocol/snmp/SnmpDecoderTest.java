package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.snmp.SnmpWire.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The decoder on hand-built datagrams: every PDU type, pairing, v3, and bad lengths and unknown types. */
class SnmpDecoderTest {

    private static final String SYS_UPTIME = "1.3.6.1.2.1.1.3.0";

    private final Recording out = new Recording();
    private final SnmpDecoder decoder = new SnmpDecoder(FLOW, out);

    private void toServer(byte[] datagram, long ts) {
        // inside a larger array, to check the decoder stays within offset..offset+length
        byte[] b = new byte[datagram.length + 4];
        Arrays.fill(b, (byte) 0x30);
        System.arraycopy(datagram, 0, b, 2, datagram.length);
        decoder.onData(Direction.TO_SERVER, b, 2, datagram.length, ts);
    }

    private void toClient(byte[] datagram, long ts) {
        decoder.onData(Direction.TO_CLIENT, datagram, 0, datagram.length, ts);
    }

    @Test
    void v1GetPairedWithItsResponse() {
        toServer(community(0, "public", pdu(0, 38, 0, 0, varbinds(varbind(SYS_UPTIME, nul())))), 1000);
        toClient(community(0, "public", pdu(2, 38, 0, 0, varbinds(varbind(SYS_UPTIME, unsigned(0x43, 300))))), 1250);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("get_request");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.timestampMicros()).isEqualTo(1000);
        assertThat(e.durationMicros()).isEqualTo(250);
        Map<String, Object> f = fields(e.detail());
        assertThat(f).containsEntry("version", 1L).containsEntry("community", "public")
                .containsEntry("community_default", true).containsEntry("pdu_type", "get_request")
                .containsEntry("request_id", 38L).containsEntry("varbind_count", 1L)
                .containsEntry("oids", List.of(SYS_UPTIME)).containsEntry("value_types", List.of("null"))
                .containsEntry("response_pdu_type", "get_response").containsEntry("error_status", 0L)
                .containsEntry("error_status_name", "noError").containsEntry("error_index", 0L)
                .containsEntry("response_oids", List.of(SYS_UPTIME))
                .containsEntry("response_value_types", List.of("timeticks"))
                .containsEntry("response_values", List.of("300"))
                .doesNotContainKey("values").doesNotContainKey("msg_id");
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void errorStatusFailsTheSet() {
        toServer(community(1, "n0t-default", pdu(3, 7, 0, 0, varbinds(varbind("1.3.6.1.2.1.1.5.0", octets("x"))))), 1);
        toClient(community(1, "n0t-default", pdu(2, 7, 6, 1, varbinds(varbind("1.3.6.1.2.1.1.5.0", octets("x"))))), 2);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("set_request");
        assertThat(e.category()).isEqualTo(EventCategory.WRITE);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("SNMP error status noAccess (6) at variable binding 1");
        assertThat(fields(e.detail())).containsEntry("version", 2L).containsEntry("community_default", false)
                .containsEntry("error_status_name", "noAccess").containsEntry("values", List.of("x"));
    }

    @Test
    void unansweredRequestReportedAtClose() {
        toServer(community(1, "public", pdu(1, 9, 0, 0, varbinds(varbind("0.1", nul())))), 5);
        assertThat(out.events).isEmpty();
        decoder.onClose(10);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("get_next_request");
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(e.durationMicros()).isEqualTo(-1);
        assertThat(fields(e.detail())).containsEntry("oids", List.of("0.1")).doesNotContainKey("error_status");
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void responseWithoutRequestReportedAlone() {
        toClient(community(1, "public", pdu(2, 99, 2, 1, varbinds(varbind(SYS_UPTIME, tlv(0x81))))), 5);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("get_response");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(fields(e.detail())).containsEntry("request_id", 99L).containsEntry("pdu_type", "get_response")
                .containsEntry("error_status_name", "noSuchName")
                .containsEntry("response_value_types", List.of("no_such_instance")).doesNotContainKey("response_pdu_type");
    }

    @Test
    void responseInTheRequestsDirectionDoesNotPair() {
        toServer(community(1, "public", pdu(0, 4, 0, 0, varbinds())), 1);
        toServer(community(1, "public", pdu(2, 4, 0, 0, varbinds())), 2);
        assertThat(out.events).extracting(OtEvent::action).containsExactly("get_response");
        assertThat(decoder.pendingCount()).isEqualTo(1);
    }

    @Test
    void v1Trap() {
        byte[] trap = tlv(0xA4, oid("1.3.6.1.4.1.31337.0"), tlv(0x40, new byte[] {127, 0, 0, 1}), integer(6),
                integer(17), unsigned(0x43, 4294967295L), varbinds(varbind("1.3.6.1.2.1.2.1.0", integer(33))));
        toServer(community(0, "public", trap), 1);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("trap");
        assertThat(e.category()).isEqualTo(EventCategory.DIAGNOSTIC);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fields(e.detail())).containsEntry("enterprise", "1.3.6.1.4.1.31337.0")
                .containsEntry("agent_address", "127.0.0.1").containsEntry("generic_trap", 6L)
                .containsEntry("generic_trap_name", "enterpriseSpecific").containsEntry("specific_trap", 17L)
                .containsEntry("trap_timestamp", 4294967295L).containsEntry("values", List.of("33"))
                .doesNotContainKey("request_id");
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void v2TrapAloneAndInformPaired() {
        byte[] vbs = varbinds(varbind(SYS_UPTIME, unsigned(0x43, 1)), varbind("1.3.6.1.6.3.1.1.4.1.0",
                oid("1.3.6.1.6.3.1.1.5.3")));
        toServer(community(1, "public", pdu(7, 1, 0, 0, vbs)), 1);
        toServer(community(1, "public", pdu(6, 2, 0, 0, vbs)), 2);
        toClient(community(1, "public", pdu(2, 2, 0, 0, vbs)), 3);
        assertThat(out.events).extracting(OtEvent::action).containsExactly("snmpv2_trap", "inform_request");
        assertThat(out.events.get(1).outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(fields(out.events.get(0).detail())).containsEntry("values", List.of("1", "1.3.6.1.6.3.1.1.5.3"))
                .containsEntry("value_types", List.of("timeticks", "object_identifier"));
    }

    @Test
    void getBulk() {
        toServer(community(1, "", pdu(5, 1817072941, 1, 10, varbinds(varbind("1.3.6.1.2.1.1.5.0", nul())))), 1);
        toClient(community(1, "", pdu(2, 1817072941, 0, 0, varbinds(varbind("1.3.6.1.2.1.1.5.0", tlv(0x82))))), 2);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("get_bulk_request");
        assertThat(fields(e.detail())).containsEntry("non_repeaters", 1L).containsEntry("max_repetitions", 10L)
                .containsEntry("community", "").containsEntry("response_value_types", List.of("end_of_mib_view"));
    }

    @Test
    void v3DiscoveryAnsweredByAReport() {
        byte[] engine = {(byte) 0x80, 0, 0x1f, (byte) 0x88, 4, 1, 2, 3};
        toServer(v3(544943986, 0x04, usm(new byte[0], 0, 0, ""), new byte[0], pdu(0, 77, 0, 0, varbinds())), 1);
        toClient(v3(544943986, 0x00, usm(engine, 221, 1234, ""), engine,
                pdu(8, 77, 0, 0, varbinds(varbind("1.3.6.1.6.3.15.1.1.4.0", unsigned(0x41, 3))))), 2);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("get_request");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("SNMPv3 report 1.3.6.1.6.3.15.1.1.4.0 (usmStatsUnknownEngineIDs)");
        assertThat(fields(e.detail())).containsEntry("version", 3L).containsEntry("msg_id", 544943986L)
                .containsEntry("msg_max_size", 65507L).containsEntry("msg_flags", 4L)
                .containsEntry("security_level", "noAuthNoPriv").containsEntry("security_model", 3L)
                .containsEntry("encrypted", false).containsEntry("user_name", "")
                .containsEntry("engine_id", "80001f8804010203").containsEntry("engine_boots", 221L)
                .containsEntry("engine_time", 1234L).containsEntry("response_pdu_type", "report")
                .containsEntry("varbind_count", 0L).doesNotContainKey("community");
    }

    @Test
    void v3EncryptedPairedByMsgId() {
        byte[] engine = {(byte) 0x80, 0, 0, 9, 3, 1};
        toServer(v3Encrypted(37321, 0x07, usm(engine, 5, 6, "admin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 10);
        toClient(v3Encrypted(37321, 0x03, usm(engine, 5, 7, "admin"), new byte[] {8, 7, 6, 5, 4, 3, 2, 1}), 15);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("encrypted_pdu");
        assertThat(e.category()).isEqualTo(EventCategory.OTHER);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(e.durationMicros()).isEqualTo(5);
        assertThat(fields(e.detail())).containsEntry("pdu_type", "encrypted").containsEntry("encrypted", true)
                .containsEntry("security_level", "authPriv").containsEntry("user_name", "admin")
                .containsEntry("engine_time", 7L).containsEntry("response_pdu_type", "encrypted")
                .doesNotContainKey("request_id").doesNotContainKey("oids");
    }

    @Test
    void clearReportAnswersAnEncryptedRequestByMsgId() {
        byte[] engine = {(byte) 0x80, 0, 0, 9, 3, 1};
        toServer(v3Encrypted(41, 0x07, usm(engine, 5, 6, "admin"), new byte[] {1, 2, 3, 4}), 10);
        toClient(v3(41, 0x00, usm(engine, 5, 900, "admin"), engine,
                pdu(8, 0, 0, 0, varbinds(varbind("1.3.6.1.6.3.15.1.1.2.0", unsigned(0x41, 1))))), 12);
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("encrypted_pdu");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.durationMicros()).isEqualTo(2);
        assertThat(e.errorMessage()).isEqualTo("SNMPv3 report 1.3.6.1.6.3.15.1.1.2.0 (usmStatsNotInTimeWindows)");
        assertThat(fields(e.detail())).containsEntry("pdu_type", "encrypted").containsEntry("response_pdu_type", "report")
                .containsEntry("engine_time", 900L);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void retriedRequestReportsTheFirstCopyUnanswered() {
        byte[] get = community(1, "public", pdu(0, 3, 0, 0, varbinds(varbind(SYS_UPTIME, nul()))));
        toServer(get, 1);
        toServer(get, 2);
        toClient(community(1, "public", pdu(2, 3, 0, 0, varbinds(varbind(SYS_UPTIME, unsigned(0x43, 5))))), 3);
        assertThat(out.events).extracting(OtEvent::outcome).containsExactly(Outcome.UNKNOWN, Outcome.SUCCESS);
        assertThat(out.events.get(1).timestampMicros()).isEqualTo(2);
    }

    @Test
    void pendingRequestsAreBounded() {
        for (int id = 0; id <= SnmpDecoder.MAX_PENDING; id++) {
            toServer(community(1, "public", pdu(0, id, 0, 0, varbinds())), id);
        }
        assertThat(decoder.pendingCount()).isEqualTo(SnmpDecoder.MAX_PENDING);
        OtEvent evicted = out.only();
        assertThat(fields(evicted.detail())).containsEntry("request_id", 0L);
        decoder.onClose(1000);
        assertThat(out.events).hasSize(SnmpDecoder.MAX_PENDING + 1);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void varbindsBeyondTheLimitAreCountedNotKept() {
        byte[][] vbs = new byte[SnmpParser.MAX_VARBINDS + 5][];
        for (int i = 0; i < vbs.length; i++) {
            vbs[i] = varbind("1.3.6.1.2.1.2.2.1.8." + i, nul());
        }
        toServer(community(1, "public", pdu(0, 1, 0, 0, varbinds(vbs))), 1);
        decoder.onClose(2);
        Map<String, Object> f = fields(out.only().detail());
        assertThat(f).containsEntry("varbind_count", (long) vbs.length);
        assertThat((List<?>) f.get("oids")).hasSize(SnmpParser.MAX_VARBINDS);
    }

    @Test
    void valuesAreRenderedPrintable() {
        byte[] vbs = varbinds(
                varbind("1.3.6.1.2.1.2.2.1.6.1", octets(new byte[] {8, 0, 55, 21, (byte) 0xe6, (byte) 0xbc, '\\'})),
                varbind("1.3.6.1.2.1.31.1.1.1.6.1", unsigned(0x46, -1L)),
                varbind("1.3.6.1.2.1.4.20.1.1", tlv(0x40, new byte[] {10, 46, 0, 5})),
                varbind("1.3.6.1.2.1.1.7.0", integer(-2)),
                varbind("1.3.6.1.4.1.1.1", tlv(0x44, new byte[] {(byte) 0x9f, 0x78, 4, 0x42, (byte) 0xf6, 0, 0})),
                varbind("1.3.6.1.4.1.1.2", tlv(0x48, new byte[] {1})));
        toClient(community(1, "pub\u00e9", pdu(2, 1, 0, 0, vbs)), 1);
        Map<String, Object> f = fields(out.only().detail());
        assertThat(f.get("community")).isEqualTo("pub\\xe9");
        assertThat(f.get("response_values")).isEqualTo(List.of("\\x08\\x007\\x15\\xe6\\xbc\\\\",
                "18446744073709551615", "10.46.0.5", "-2", "\\x9fx\\x04B\\xf6\\x00\\x00", "0x01"));
        assertThat(f.get("response_value_types")).isEqualTo(List.of("octet_string", "counter64", "ip_address",
                "integer", "opaque", "tag_0x48"));
    }

    @Test
    void assetFactsFromSystemGroup() {
        byte[] vbs = varbinds(
                varbind("1.3.6.1.2.1.1.1.0", octets("Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M)\r\nTechnical Support")),
                varbind("1.3.6.1.2.1.1.2.0", oid("1.3.6.1.4.1.9.1.1208")),
                varbind("1.3.6.1.2.1.1.5.0", octets("sw-plant-01")));
        toServer(community(1, "public", pdu(0, 1, 0, 0, vbs)), 1);
        toClient(community(1, "public", pdu(2, 1, 0, 0, vbs)), 2);
        AssetFacts facts = out.only().detail().assetFacts();
        assertThat(facts).isNotNull();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.SERVER);
        assertThat(facts.vendor()).isEqualTo("Cisco");
        assertThat(facts.model()).isEqualTo("Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M)");
        assertThat(facts.name()).isEqualTo("sw-plant-01");
        assertThat(facts.deviceType()).isEqualTo("Router");
    }

    @Test
    void noAssetFactsFromRequestsOrOtherObjects() {
        toServer(community(1, "public", pdu(0, 1, 0, 0, varbinds(varbind("1.3.6.1.2.1.1.5.0", nul())))), 1);
        decoder.onClose(2);
        assertThat(out.only().detail().assetFacts()).isNull();
        Recording other = new Recording();
        SnmpDecoder d = new SnmpDecoder(FLOW, other);
        byte[] r = community(1, "public", pdu(2, 1, 0, 0, varbinds(varbind(SYS_UPTIME, unsigned(0x43, 1)))));
        d.onData(Direction.TO_CLIENT, r, 0, r.length, 1);
        assertThat(other.only().detail().assetFacts()).isNull();
    }

    // ---- malformed datagrams

    private OtEvent malformed(byte[] datagram) {
        toServer(datagram, 1);
        OtEvent e = out.only();
        assertThat(e.malformed()).isTrue();
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(decoder.pendingCount()).isZero();
        return e;
    }

    @Test
    void messageLengthBeyondTheDatagram() {
        byte[] ok = community(1, "public", pdu(0, 1, 0, 0, varbinds()));
        byte[] cut = Arrays.copyOf(ok, ok.length - 3);
        assertThat(malformed(cut).errorMessage())
                .isEqualTo("SNMP SNMP message length " + (ok.length - 2) + " at offset 0 exceeds the "
                        + (ok.length - 5) + " bytes left (" + cut.length + "-byte datagram)");
    }

    @Test
    void trailingBytesAfterTheMessage() {
        assertThat(malformed(concat(community(1, "public", pdu(0, 1, 0, 0, varbinds())), new byte[] {0, 0}))
                .errorMessage()).contains("is followed by 2 more bytes in the datagram");
    }

    @Test
    void indefiniteLength() {
        assertThat(malformed(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x01, 0x00, 0x00}).errorMessage())
                .contains("indefinite length");
    }

    @Test
    void oversizedLengthField() {
        assertThat(malformed(new byte[] {0x30, (byte) 0x85, 1, 0, 0, 0, 0}).errorMessage())
                .contains("has a 5-byte length field");
    }

    @Test
    void unknownVersion() {
        assertThat(malformed(community(2, "public", pdu(0, 1, 0, 0, varbinds()))).errorMessage())
                .contains("version 2 at offset 2 is none of 0 (v1), 1 (v2c) and 3 (v3)");
    }

    @Test
    void unknownPduTag() {
        OtEvent e = malformed(seq(integer(1), octets("public"), tlv(0xA9, integer(1), integer(0), integer(0), varbinds())));
        assertThat(e.action()).isEqualTo("malformed_message");
        assertThat(e.errorMessage()).contains("PDU tag 0xa9 at offset 13 is not an SNMP PDU");
    }

    @Test
    void brokenVarbindReportedAsItsOperation() {
        byte[] bad = tlv(0xA3, integer(5), integer(0), integer(0), varbinds(seq(oid("1.3.6.1"), integer(1), nul())));
        OtEvent e = malformed(community(1, "private", bad));
        assertThat(e.action()).isEqualTo("set_request");
        assertThat(e.category()).isEqualTo(EventCategory.WRITE);
        assertThat(e.errorMessage()).contains("variable binding 1 has 2 bytes after its value");
        assertThat(fields(e.detail())).containsEntry("community", "private").containsEntry("pdu_type", "set_request");
    }

    @Test
    void oidWithTooManyArcs() {
        StringBuilder oid = new StringBuilder("1.3");
        for (int i = 0; i < BerReader.MAX_OID_ARCS; i++) {
            oid.append(".1");
        }
        OtEvent e = malformed(community(1, "public", pdu(0, 1, 0, 0, varbinds(varbind(oid.toString(), nul())))));
        assertThat(e.action()).isEqualTo("get_request");
        assertThat(e.errorMessage()).contains("object identifier of more than 128 arcs");
    }

    @Test
    void oidArcBeyond63Bits() {
        byte[] content = new byte[11];
        content[0] = 0x2b;
        Arrays.fill(content, 1, 10, (byte) 0xff);
        content[10] = 0x7f;
        OtEvent e = malformed(community(1, "public", pdu(0, 1, 0, 0, varbinds(seq(tlv(0x06, content), nul())))));
        assertThat(e.errorMessage()).contains("object identifier arc longer than 63 bits");
    }

    @Test
    void integerBeyond64Bits() {
        byte[] big = tlv(0x02, new byte[9]);
        OtEvent e = malformed(community(1, "public", tlv(0xA0, big, integer(0), integer(0), varbinds())));
        assertThat(e.errorMessage()).contains("request-id at offset 15 is an integer of 9 bytes, more than 64 bits");
    }

    @Test
    void v3PrivacyFlagWithPlainScopedPdu() {
        byte[] m = v3(1, 0x03, usm(new byte[] {1}, 1, 1, "u"), new byte[] {1}, pdu(0, 1, 0, 0, varbinds()));
        assertThat(malformed(m).errorMessage()).contains("with the privacy flag is not an encrypted OCTET STRING");
    }

    @Test
    void v3BadSecurityParameters() {
        byte[] m = seq(integer(3), seq(integer(1), integer(484), octets(new byte[] {4}), integer(3)),
                octets(new byte[] {0x30, 0x05, 0x04}), seq(octets(""), octets(""), pdu(0, 1, 0, 0, varbinds())));
        assertThat(malformed(m).errorMessage()).startsWith("SNMP msgSecurityParameters at offset 20: UsmSecurityParameters length 5 at offset 0 exceeds");
    }

    @Test
    void emptyDatagramIsIgnoredAndGapsAreHarmless() {
        decoder.onData(Direction.TO_SERVER, new byte[0], 0, 0, 1);
        decoder.onGap(Direction.TO_SERVER, 10, 1);
        assertThat(out.events).isEmpty();
        decoder.onClose(2);
        decoder.onClose(3);
        assertThat(out.events).isEmpty();
    }
}
