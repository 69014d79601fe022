package io.otsoc.collector.protocol.cdp;

import io.otsoc.collector.testing.TestFrame;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.OtEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** CDP from hand-built frames: the TLVs, the checksum both ways, other LLC frames ignored, each bad length. */
class CdpDecoderTest {

    static final byte[] SNAP = TestFrame.hex("aa aa 03 00 00 0c 20 00");

    static byte[] tlv(int type, byte[] value) {
        byte[] b = new byte[4 + value.length];
        b[0] = (byte) (type >>> 8);
        b[1] = (byte) type;
        b[2] = (byte) (b.length >>> 8);
        b[3] = (byte) b.length;
        System.arraycopy(value, 0, b, 4, value.length);
        return b;
    }

    static byte[] text(int type, String s) {
        return tlv(type, s.getBytes(StandardCharsets.UTF_8));
    }

    /** SNAP header, version, TTL, a correct RFC 1071 checksum, then the TLVs. */
    static byte[] frame(int version, byte[]... tlvs) {
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.write(version);
        pdu.write(180);
        pdu.write(0);
        pdu.write(0);
        for (byte[] t : tlvs) {
            pdu.writeBytes(t);
        }
        byte[] p = pdu.toByteArray();
        long sum = 0;
        for (int i = 0; i + 1 < p.length; i += 2) {
            sum += (p[i] & 0xff) << 8 | p[i + 1] & 0xff;
        }
        if ((p.length & 1) != 0) {
            sum += (p[p.length - 1] & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = (int) ~sum & 0xffff;
        p[2] = (byte) (checksum >>> 8);
        p[3] = (byte) checksum;
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(SNAP);
        f.writeBytes(p);
        return f.toByteArray();
    }

    private final TestFrame.Events out = new TestFrame.Events();
    private final CdpDecoder decoder = new CdpDecoder(out);

    private void feed(byte[] payload) {
        decoder.onFrame(TestFrame.at(5, 0x001e_f673_5981L, 0x0100_0ccc_ccccL, 0x10000), payload, 0, payload.length);
    }

    @Test
    void decodesTheIdentityTlvs() {
        feed(frame(2, text(1, "Ns5gt"),
                tlv(2, TestFrame.hex("00 00 00 02 01 01 cc 00 04 c0 a8 0a fd"
                        + " 02 08 aa aa 03 00 00 00 86 dd 00 10 fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01")),
                text(3, "GigabitEthernet1"), tlv(4, TestFrame.hex("00 00 00 28")),
                text(5, "Cisco IOS Software, Version 12.2(25)SEG4\nCopyright (c) 1986-2007"),
                text(6, "cisco WS-CE500-24TT"), text(9, ""), tlv(10, TestFrame.hex("00 03")),
                tlv(11, TestFrame.hex("01"))));
        OtEvent e = out.all.get(0);
        assertThat(e.malformed()).isFalse();
        assertThat(e.action()).isEqualTo("advertisement");
        CdpDetail d = (CdpDetail) e.detail();
        assertThat(d.version()).isEqualTo(2);
        assertThat(d.ttl()).isEqualTo(180);
        assertThat(d.checksumValid()).isTrue();
        assertThat(d.deviceId()).isEqualTo("Ns5gt");
        assertThat(d.addresses()).containsExactly("192.168.10.253", "fe80::1");
        assertThat(d.portId()).isEqualTo("GigabitEthernet1");
        assertThat(d.capabilities()).containsExactly("switch", "igmp");
        assertThat(d.platform()).isEqualTo("cisco WS-CE500-24TT");
        assertThat(d.vtpDomain()).isEmpty();
        assertThat(d.nativeVlan()).isEqualTo(3);
        assertThat(d.tlvCount()).isEqualTo(9);
        AssetFacts facts = d.assetFacts();
        assertThat(facts.name()).isEqualTo("Ns5gt");
        assertThat(facts.model()).isEqualTo("cisco WS-CE500-24TT");
        assertThat(facts.firmware()).isEqualTo("Cisco IOS Software, Version 12.2(25)SEG4");
        assertThat(facts.deviceType()).isEqualTo("switch,igmp");
    }

    @Test
    void aWrongChecksumIsReportedNotEnforced() {
        byte[] f = frame(2, text(1, "sw1"));
        f[SNAP.length + 3] ^= 0x01;
        feed(f);
        assertThat(out.all.get(0).malformed()).isFalse();
        assertThat(((CdpDetail) out.all.get(0).detail()).checksumValid()).isFalse();
    }

    @Test
    void oddLengthChecksumAcceptsCiscosSignedLastByte() {
        // 4-byte header + TLV of 5 bytes ("\u00ff" as device id): odd, last byte 0xff
        byte[] pdu = TestFrame.hex("02 b4 00 00 00 01 00 05 ff");
        long sum = 0x02b4 + 0x0001 + 0x0005 - 1; // Cisco adds the last byte as the signed char -1
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = (int) ~sum & 0xffff;
        pdu[2] = (byte) (checksum >>> 8);
        pdu[3] = (byte) checksum;
        assertThat(CdpDecoder.checksumHolds(pdu, 0, pdu.length)).isTrue();
    }

    @Test
    void otherLlcFramesAreIgnored() {
        feed(TestFrame.hex("42 42 03 00 00 00 00 00 80 00 00 1e f6 73 59 81"));
        feed(TestFrame.hex("aa aa 03 00 00 0c 20 04 01 02 03 04"));
        feed(TestFrame.hex("aa aa 03"));
        assertThat(out.all).isEmpty();
    }

    @Test
    void violationsAreReportedWithWhatAndWhere() {
        byte[] cutHeader = java.util.Arrays.copyOf(frame(2), SNAP.length + 3);
        String[] reasons = {
            reason(cutHeader),
            reason(frame(3, text(1, "x"))),
            reason(frame(2, TestFrame.hex("00 01 00 02"))),
            reason(frame(2, TestFrame.hex("00 01 00 20 41 41"))),
            reason(frame(2, TestFrame.hex("00 01 00"))),
            reason(frame(2, tlv(4, TestFrame.hex("00 28")))),
            reason(frame(2, tlv(10, TestFrame.hex("00")))),
            reason(frame(2, tlv(2, TestFrame.hex("00 00 00 02 01 01 cc 00 04 c0 a8 0a fd")))),
            reason(frame(2, tlv(2, TestFrame.hex("00 00 00 01 01 01 cc 00 08 c0 a8 0a fd")))),
            reason(frame(2, tlv(2, TestFrame.hex("00 00")))),
            reason(frame(2, tlv(2, TestFrame.hex("00 00 00 01 01 09 cc 00"))))};
        assertThat(reasons).containsExactly(
                "CDP header cut short: 3 of 4 bytes",
                "CDP version 3 is not 1 or 2",
                "CDP TLV type 0x1 at byte 4 has length 2, less than its 4-byte header",
                "CDP TLV type 0x1 at byte 4 declares 32 bytes but 6 remain",
                "CDP TLV header at byte 4 cut short: 3 of 4 bytes",
                "CDP capabilities TLV value of 2 bytes, not 4 (TLV at byte 4)",
                "CDP native VLAN TLV value of 1 bytes, not 2 (TLV at byte 4)",
                "CDP address 2 of 2 cut short (TLV at byte 4)",
                "CDP address 1 length 8 overruns the TLV by 4 bytes (TLV at byte 4)",
                "CDP address TLV value of 2 bytes has no 4-byte count (TLV at byte 4)",
                "CDP address 1 protocol length 9 overruns the TLV (TLV at byte 4)");
        assertThat(out.all).allMatch(OtEvent::malformed);
        assertThat(out.all.get(0).action()).isEqualTo(DecoderBinding.MALFORMED_ACTION);
        assertThat(out.all.get(2).action()).isEqualTo("advertisement");
    }

    private String reason(byte[] f) {
        feed(f);
        return out.all.get(out.all.size() - 1).errorMessage();
    }
}
