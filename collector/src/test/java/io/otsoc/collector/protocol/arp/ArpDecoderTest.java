package io.otsoc.collector.protocol.arp;

import io.otsoc.collector.testing.TestFrame;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** ARP from hand-built bytes: operations, RFC 5227 classification, bindings and every malformed layout. */
class ArpDecoderTest {

    static final long A = 0x0011_2233_4455L;
    static final long B = 0x0066_7788_99aaL;
    static final long C = 0x00bb_ccdd_eeffL;
    static final long BROADCAST = 0xffff_ffff_ffffL;
    static final int IP1 = 0x0a00_0001;
    static final int IP2 = 0x0a00_0002;

    static byte[] arp(int hrd, int pro, int hln, int pln, int op, long sha, int spa, long tha, int tpa) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) hrd).putShort((short) pro).put((byte) hln).put((byte) pln).putShort((short) op);
        b.putShort((short) (sha >>> 32)).putInt((int) sha).putInt(spa);
        b.putShort((short) (tha >>> 32)).putInt((int) tha).putInt(tpa);
        return b.array();
    }

    static byte[] arp(int op, long sha, int spa, long tha, int tpa) {
        return arp(1, 0x0800, 6, 4, op, sha, spa, tha, tpa);
    }

    private final TestFrame.Events out = new TestFrame.Events();
    private final ArpDecoder decoder = new ArpDecoder(out, 4);

    private void feed(long micros, long src, long dst, byte[] payload) {
        decoder.onFrame(TestFrame.at(micros, src, dst, 0x0806), payload, 0, payload.length);
    }

    @Test
    void requestAndReplyCarryAddressesAndTheirReceiver() {
        feed(1_000, A, BROADCAST, arp(1, A, IP1, 0, IP2));
        feed(2_000, B, A, arp(2, B, IP2, A, IP1));
        assertThat(out.all).hasSize(2);
        OtEvent request = out.all.get(0);
        assertThat(request.action()).isEqualTo("arp_request");
        assertThat(request.flow().clientMac()).isEqualTo("00:11:22:33:44:55");
        assertThat(request.flow().serverMac()).as("broadcast request: receiver unknown").isNull();
        assertThat(request.flow().clientIp()).isEqualTo("10.0.0.1");
        assertThat(request.flow().serverIp()).isEqualTo("10.0.0.2");
        ArpDetail d = (ArpDetail) request.detail();
        assertThat(d.targetMac()).isEqualTo("00:00:00:00:00:00");
        assertThat(d.gratuitous() || d.probe() || d.announcement()).isFalse();
        OtEvent reply = out.all.get(1);
        assertThat(reply.action()).isEqualTo("arp_reply");
        assertThat(reply.flow().serverMac()).isEqualTo("00:11:22:33:44:55");
        assertThat(((ArpDetail) reply.detail()).gratuitous()).as("answers the request").isFalse();
        assertThat(reply.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void unicastRequestNamesTheFrameDestination() {
        feed(1_000, A, B, arp(1, A, IP1, 0, IP2));
        assertThat(out.all.get(0).flow().serverMac()).isEqualTo("00:66:77:88:99:aa");
    }

    @Test
    void classifiesProbeAnnouncementAndGratuitousReplies() {
        feed(1_000, A, BROADCAST, arp(1, A, 0, 0, IP1));
        feed(2_000, A, BROADCAST, arp(1, A, IP1, 0, IP1));
        feed(3_000, A, BROADCAST, arp(2, A, IP1, A, IP1));
        feed(4_000, B, A, arp(2, B, IP2, A, IP1));
        ArpDetail probe = (ArpDetail) out.all.get(0).detail();
        assertThat(probe.probe()).isTrue();
        assertThat(out.all.get(0).flow().clientIp()).as("0.0.0.0 is no address of the sender").isNull();
        ArpDetail announcement = (ArpDetail) out.all.get(1).detail();
        assertThat(announcement.announcement()).isTrue();
        assertThat(announcement.gratuitous()).isTrue();
        assertThat(((ArpDetail) out.all.get(2).detail()).gratuitous()).isTrue();
        assertThat(((ArpDetail) out.all.get(3).detail()).gratuitous()).as("reply nobody asked for").isTrue();
    }

    @Test
    void replyLongAfterItsRequestIsUnsolicited() {
        feed(1_000, A, BROADCAST, arp(1, A, IP1, 0, IP2));
        feed(1_000 + ArpDecoder.SOLICITED_WINDOW_MICROS + 1, B, A, arp(2, B, IP2, A, IP1));
        assertThat(((ArpDetail) out.all.get(1).detail()).gratuitous()).isTrue();
    }

    @Test
    void anAddressMovingToAnotherMacIsReportedWithBothMacs() {
        feed(1_000, A, BROADCAST, arp(1, A, IP1, 0, IP2));
        feed(2_000, A, BROADCAST, arp(1, A, IP1, 0, IP2));
        feed(3_000, C, BROADCAST, arp(2, C, IP1, BROADCAST, IP1));
        assertThat(out.all).extracting(OtEvent::action)
                .containsExactly("arp_request", "arp_request", "arp_reply", ArpDecoder.BINDING_CHANGED);
        OtEvent change = out.all.get(3);
        ArpDetail d = (ArpDetail) change.detail();
        assertThat(d.previousMac()).isEqualTo("00:11:22:33:44:55");
        assertThat(d.senderMac()).isEqualTo("00:bb:cc:dd:ee:ff");
        assertThat(d.senderIp()).isEqualTo("10.0.0.1");
        assertThat(change.flow().clientMac()).isEqualTo("00:bb:cc:dd:ee:ff");
        assertThat(change.flow().clientIp()).isEqualTo("10.0.0.1");
    }

    @Test
    void theSameAddressOnAnotherVlanIsAnotherBinding() {
        decoder.onFrame(new TestFrame(1, true, A, BROADCAST, 10, 0x0806), arp(1, A, IP1, 0, IP2), 0, 28);
        decoder.onFrame(new TestFrame(2, true, C, BROADCAST, 20, 0x0806), arp(1, C, IP1, 0, IP2), 0, 28);
        decoder.onFrame(new TestFrame(3, true, B, BROADCAST, 10, 0x0806), arp(1, B, IP1, 0, IP2), 0, 28);
        assertThat(out.all).extracting(OtEvent::action)
                .containsExactly("arp_request", "arp_request", "arp_request", ArpDecoder.BINDING_CHANGED);
        assertThat(((ArpDetail) out.all.get(3).detail()).previousMac()).isEqualTo("00:11:22:33:44:55");
        assertThat(out.all.get(3).flow().vlanId()).isEqualTo(10);
    }

    @Test
    void bindingsStayWithinTheirCapacity() {
        for (int i = 0; i < 100; i++) {
            feed(i, A + i, BROADCAST, arp(1, A + i, IP1 + i, 0, IP2));
        }
        assertThat(decoder.bindingCount()).isEqualTo(4);
        // the least recently used went first: 10.0.0.1 is forgotten, so a new MAC for it is no change
        feed(200, C, BROADCAST, arp(1, C, IP1, 0, IP2));
        assertThat(out.all).noneMatch(e -> e.action().equals(ArpDecoder.BINDING_CHANGED));
        assertThat(decoder.askedCount()).isLessThanOrEqualTo(ArpDecoder.MAX_ASKED);
    }

    @Test
    void ethernetPaddingIsIgnored() {
        byte[] padded = new byte[46];
        System.arraycopy(arp(1, A, IP1, 0, IP2), 0, padded, 0, 28);
        feed(1, A, BROADCAST, padded);
        assertThat(out.all).singleElement().matches(e -> !e.malformed());
    }

    @Test
    void rarpAndInverseArpOperations() {
        feed(1, A, BROADCAST, arp(3, A, 0, A, 0));
        feed(2, A, BROADCAST, arp(8, A, IP1, B, 0));
        assertThat(out.all).extracting(OtEvent::action).containsExactly("rarp_request", "inarp_request");
    }

    @Test
    void malformedLayoutsAreReportedWithWhatWasWrong() {
        feed(1, A, BROADCAST, new byte[7]);
        feed(2, A, BROADCAST, arp(1, 0x0800, 255, 4, 1, A, IP1, 0, IP2));
        feed(3, A, BROADCAST, arp(6, 0x0800, 6, 4, 1, A, IP1, 0, IP2));
        feed(4, A, BROADCAST, arp(1, 0x0800, 6, 4, 1, A, IP1, 0, IP2));
        feed(5, A, BROADCAST, arp(24, 0x0800, 6, 4, 1, A, IP1, 0, IP2));
        feed(6, A, BROADCAST, arp(1, 0x86dd, 6, 4, 1, A, IP1, 0, IP2));
        feed(7, A, BROADCAST, arp(1, 0x0800, 6, 16, 1, A, IP1, 0, IP2));
        feed(8, A, BROADCAST, arp(7, A, IP1, 0, IP2));
        byte[] cut = java.util.Arrays.copyOf(arp(1, A, IP1, 0, IP2), 20);
        feed(9, A, BROADCAST, cut);
        assertThat(out.all).extracting(e -> e.malformed() ? e.errorMessage() : "ok").containsExactly(
                "ARP header cut short: 7 of 8 bytes",
                "ARP hardware address length 255 is not 6 for hardware type 1",
                "ok",
                "ok",
                "ARP hardware type 24 is not Ethernet (1) or IEEE 802 (6)",
                "ARP protocol type 0x86dd is not IPv4 (0x0800)",
                "ARP protocol address length 16 is not 4 for IPv4",
                "ARP opcode 7 is not a (R/In)ARP request or reply (1-4, 8, 9)",
                "ARP addresses cut short: 20 of 28 bytes");
        assertThat(out.all.get(0).action()).isEqualTo(DecoderBinding.MALFORMED_ACTION);
        assertThat(out.all.get(1).action()).isEqualTo("arp_request");
        assertThat(out.all.get(7).action()).isEqualTo(DecoderBinding.MALFORMED_ACTION);
        assertThat(out.all).filteredOn(OtEvent::malformed).allMatch(e -> e.outcome() == Outcome.FAILURE);
    }
}
