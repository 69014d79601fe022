package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.testing.TestFrame;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.OtEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** LLDPDUs from hand-built TLVs: every basic TLV, the shutdown, and each length or order violation. */
class LldpDecoderTest {

    static final long SRC = 0x0000_1b1b_3434L;
    static final long NEAREST_BRIDGE = 0x0180_c200_000eL;

    static byte[] tlv(int type, byte[] value) {
        byte[] b = new byte[2 + value.length];
        b[0] = (byte) (type << 1 | value.length >>> 8);
        b[1] = (byte) value.length;
        System.arraycopy(value, 0, b, 2, value.length);
        return b;
    }

    static byte[] tlv(int type, String hex) {
        return tlv(type, TestFrame.hex(hex));
    }

    static byte[] text(int type, String s) {
        return tlv(type, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] mandatory(int ttl) {
        return concat(tlv(1, "04 00 1b 1b 34 34 cb"), tlv(2, "07" + hexOf("port-003")),
                tlv(3, String.format("%04x", ttl)));
    }

    static String hexOf(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.US_ASCII)) {
            b.append(String.format("%02x", c));
        }
        return b.toString();
    }

    private final TestFrame.Events out = new TestFrame.Events();
    private final LldpDecoder decoder = new LldpDecoder(out);

    private OtEvent feed(byte[] payload) {
        decoder.onFrame(TestFrame.at(1_000, SRC, NEAREST_BRIDGE, 0x88cc), payload, 0, payload.length);
        return out.all.get(out.all.size() - 1);
    }

    @Test
    void decodesEveryBasicTlv() {
        byte[] pdu = concat(mandatory(20), text(4, "Port 3"), text(5, "plc-1"),
                text(6, "Siemens, SIMATIC S7, CPU 1516\0"), tlv(7, "00 80 00 80"),
                tlv(8, "05 01 0a 0a 0a 46 02 00 00 00 01 00"),
                tlv(8, "11 02 fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01 01 00 00 00 00 00"),
                tlv(127, "00 0e cf 02 00 00"), tlv(127, "00 12 0f 01 03 6c 00 00 10"), tlv(0, ""),
                new byte[10]);
        OtEvent e = feed(pdu);
        assertThat(e.malformed()).isFalse();
        assertThat(e.action()).isEqualTo("advertisement");
        assertThat(e.flow().clientMac()).isEqualTo("00:00:1b:1b:34:34");
        assertThat(e.flow().serverMac()).isEqualTo("01:80:c2:00:00:0e");
        LldpDetail d = (LldpDetail) e.detail();
        assertThat(d.chassisIdSubtype()).isEqualTo(4);
        assertThat(d.chassisId()).isEqualTo("00:1b:1b:34:34:cb");
        assertThat(d.portIdSubtype()).isEqualTo(7);
        assertThat(d.portId()).isEqualTo("port-003");
        assertThat(d.ttl()).isEqualTo(20);
        assertThat(d.portDescription()).isEqualTo("Port 3");
        assertThat(d.systemName()).isEqualTo("plc-1");
        assertThat(d.systemDescription()).isEqualTo("Siemens, SIMATIC S7, CPU 1516");
        assertThat(d.systemCapabilities()).containsExactly("station");
        assertThat(d.enabledCapabilities()).containsExactly("station");
        assertThat(d.managementAddresses()).containsExactly("10.10.10.70", "fe80::1");
        assertThat(d.orgSpecificTlvs()).isEqualTo(2);
        assertThat(d.tlvCount()).as("End not counted").isEqualTo(11);
        AssetFacts facts = d.assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.CLIENT);
        assertThat(facts.name()).isEqualTo("plc-1");
        assertThat(facts.model()).isEqualTo("Siemens, SIMATIC S7, CPU 1516");
        assertThat(facts.deviceType()).isEqualTo("station");
    }

    @Test
    void capabilityBitsAreNamed() {
        OtEvent e = feed(concat(mandatory(120), tlv(7, "00 14 00 04"), tlv(0, "")));
        LldpDetail d = (LldpDetail) e.detail();
        assertThat(d.systemCapabilities()).containsExactly("bridge", "router");
        assertThat(d.enabledCapabilities()).containsExactly("bridge");
    }

    @Test
    void ttlZeroIsAShutdown() {
        assertThat(feed(concat(mandatory(0), tlv(0, ""))).action()).isEqualTo("shutdown");
    }

    @Test
    void networkAddressIdsAndMissingEndTlv() {
        OtEvent e = feed(concat(tlv(1, "05 01 c0 a8 01 02"), tlv(2, "03 00 1b 1b 34 34 ce"), tlv(3, "00 78")));
        LldpDetail d = (LldpDetail) e.detail();
        assertThat(e.malformed()).isFalse();
        assertThat(d.chassisId()).isEqualTo("192.168.1.2");
        assertThat(d.portId()).isEqualTo("00:1b:1b:34:34:ce");
        assertThat(d.assetFacts()).isNull();
    }

    @Test
    void violationsAreReportedWithWhatAndWhere() {
        String[] reasons = {
            reason(new byte[] {0x02}),
            reason(concat(tlv(1, "04 00 1b 1b 34 34 cb"), new byte[] {0x04, 0x10, 0x07})),
            reason(concat(tlv(2, "07 41"), tlv(1, "07 41"), tlv(3, "00 10"))),
            reason(concat(tlv(1, "07"), tlv(2, "07 41"), tlv(3, "00 10"))),
            reason(concat(mandatory(10), tlv(3, "00 10"))),
            reason(concat(mandatory(10), tlv(7, "00 14"))),
            reason(concat(mandatory(10), tlv(8, "09 01 0a 0a 0a 46 02 00 00 00 01 00"))),
            reason(concat(mandatory(10), tlv(8, "05 01 0a 0a 0a 46 02 00 00 00 01 05"))),
            reason(concat(mandatory(10), tlv(127, "00 0e cf"))),
            reason(concat(mandatory(10), tlv(0, "00"))),
            reason(concat(tlv(1, "07 41"), tlv(2, "07 41"), tlv(3, "00"))),
            reason(concat(tlv(1, "07 41"), tlv(0, "")))};
        assertThat(reasons).containsExactly(
                "LLDP TLV header at byte 0 cut short: 1 of 2 bytes",
                "LLDP TLV type 2 at byte 9 declares 16 bytes but 1 remain",
                "LLDP TLV 1 has type 2 where the mandatory chassis id TLV (type 1) must be",
                "LLDP chassis id TLV length 1 outside 2-256 (TLV at byte 0)",
                "LLDP TLV 4 repeats the mandatory type 3",
                "LLDP system capabilities TLV length 2 is not 4 (TLV at byte 24)",
                "LLDP management address string length 9 does not fit the 12-byte TLV (TLV at byte 24)",
                "LLDP management address OID length 5 does not fit the 12-byte TLV (TLV at byte 24)",
                "LLDP organizationally specific TLV length 3 is less than 4 (TLV at byte 24)",
                "LLDP End TLV has length 1, not 0 (TLV at byte 24)",
                "LLDP TTL TLV length 1 is less than 2 (TLV at byte 8)",
                "LLDP TLV 2 has type 0 where the mandatory port id TLV (type 2) must be");
        assertThat(out.all).allMatch(OtEvent::malformed);
        assertThat(out.all.get(0).action()).isEqualTo(DecoderBinding.MALFORMED_ACTION);
        assertThat(out.all.get(4).action()).as("TTL read before the problem").isEqualTo("advertisement");
    }

    private String reason(byte[] pdu) {
        return feed(pdu).errorMessage();
    }
}
