package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.UUID;

import static io.otsoc.collector.protocol.profinet.iocm.PnioWire.ACTIVITY;
import static io.otsoc.collector.protocol.profinet.iocm.PnioWire.FLOW;
import static io.otsoc.collector.protocol.profinet.iocm.PnioWire.pdu;
import static org.assertj.core.api.Assertions.assertThat;

class ProfinetIoDecoderTest {

    private final PnioWire.Recording out = new PnioWire.Recording();
    private final ProfinetIoDecoder decoder = new ProfinetIoDecoder(FLOW, out);

    private void toServer(byte[] b, long ts) {
        // hand over a slice of a larger array: the decoder must stay inside offset..offset+length
        byte[] padded = new byte[b.length + 6];
        System.arraycopy(b, 0, padded, 3, b.length);
        decoder.onData(Direction.TO_SERVER, padded, 3, b.length, ts);
    }

    private void toClient(byte[] b, long ts) {
        decoder.onData(Direction.TO_CLIENT, b, 0, b.length, ts);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readRequestAndResponsePairByActivityAndSequence(boolean le) {
        byte[] req = pdu(0, 0x20, le, 1, ACTIVITY, 3, 2, 0, PnioWire.requestBody(le,
                PnioWire.recordHeader(0x0009, 0, 1, 0x8001, 0xAFF0, 4096)));
        byte[] resp = pdu(2, 0x0a, le, 1, ACTIVITY, 3, 2, 0, PnioWire.responseBody(le, 0,
                PnioWire.recordHeader(0x8009, 0, 1, 0x8001, 0xAFF0, 64)));
        toServer(req, 1_000);
        assertThat(out.events).isEmpty();
        assertThat(decoder.pendingCount()).isEqualTo(1);
        toClient(resp, 1_250);
        assertThat(out.events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("read");
            assertThat(e.category()).isEqualTo(EventCategory.READ);
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.durationMicros()).isEqualTo(250);
            assertThat(e.timestampMicros()).isEqualTo(1_000);
            ProfinetIoDetail d = (ProfinetIoDetail) e.detail();
            assertThat(d.interfaceName()).isEqualTo("pnio_device");
            assertThat(d.interfaceUuid()).isEqualTo(UUID.fromString("dea00001-6c97-11d1-8271-00a02442df7d"));
            assertThat(d.activityUuid()).isEqualTo(ACTIVITY);
            assertThat(d.sequenceNumber()).isEqualTo(3);
            assertThat(d.opnum()).isEqualTo(2);
            assertThat(d.packetType()).isEqualTo("request");
            assertThat(d.responsePacketType()).isEqualTo("response");
            assertThat(d.slot()).isEqualTo(1);
            assertThat(d.subslot()).isEqualTo(0x8001);
            assertThat(d.index()).isEqualTo(0xAFF0);
            assertThat(d.recordDataLength()).isEqualTo(4096);
            assertThat(d.blockTypes()).containsExactly(0x0009);
            assertThat(d.pnioStatus()).isZero();
            assertThat(d.packetCount()).isEqualTo(2);
        });
        assertThat(decoder.pendingCount()).isZero();
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void errorStatusIsAFailureNamingItsParts() {
        toServer(pdu(0, 0x20, true, 1, ACTIVITY, 1, 3, 0, PnioWire.requestBody(true,
                PnioWire.concat(PnioWire.recordHeader(0x0008, 0, 0, 1, 0x8030, 2), new byte[] {1, 2}))), 10);
        toClient(pdu(2, 0x0a, true, 1, ACTIVITY, 1, 3, 0, PnioWire.responseBody(true, 0xDE80B000L, new byte[0])), 20);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("write");
        assertThat(e.category()).isEqualTo(EventCategory.WRITE);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).contains("0xde80b000", "error code 0xde", "decode 0x80", "code1 0xb0");
        assertThat(((ProfinetIoDetail) e.detail()).index()).isEqualTo(0x8030);
    }

    @Test
    void controlCommandIsNamed() {
        toServer(pdu(0, 0x20, false, 1, ACTIVITY, 2, 4, 0, PnioWire.requestBody(false,
                PnioWire.control(0x0110, 0x0001))), 10);
        toClient(pdu(2, 0x0a, false, 1, ACTIVITY, 2, 4, 0, PnioWire.responseBody(false, 0,
                PnioWire.control(0x8110, 0x0008))), 20);
        ProfinetIoDetail d = (ProfinetIoDetail) out.events.get(0).detail();
        assertThat(out.events.get(0).action()).isEqualTo("control");
        assertThat(out.events.get(0).category()).isEqualTo(EventCategory.CONTROL);
        assertThat(d.controlCommand()).isEqualTo("prm_end");
        assertThat(d.sessionKey()).isEqualTo(3);
    }

    @Test
    void connectNamesTheControllerStation() {
        toServer(pdu(0, 0x20, true, 1, ACTIVITY, 0, 0, 0, PnioWire.requestBody(true,
                PnioWire.arBlock("plc-controller-1"))), 10);
        decoder.onClose(30);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("connect");
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(e.durationMicros()).isEqualTo(-1);
        ProfinetIoDetail d = (ProfinetIoDetail) e.detail();
        assertThat(d.stationName()).isEqualTo("plc-controller-1");
        assertThat(d.arType()).isEqualTo(1);
        assertThat(d.assetFacts().name()).isEqualTo("plc-controller-1");
        assertThat(d.assetFacts().side()).isEqualTo(io.otsoc.collector.model.AssetFacts.Side.CLIENT);
    }

    @Test
    void fragmentsOfOneCallMakeOneEvent() {
        byte[] blocks = PnioWire.requestBody(true, PnioWire.concat(PnioWire.recordHeader(0x0008, 0, 0, 1, 0xE040,
                200), new byte[200]));
        byte[] first = Arrays.copyOfRange(blocks, 0, 100);
        byte[] second = Arrays.copyOfRange(blocks, 100, blocks.length);
        toServer(pdu(0, 0x24, true, 1, ACTIVITY, 5, 3, 0, first), 1);
        toClient(pdu(9, 0x00, true, 1, ACTIVITY, 5, 3, 0, new byte[20]), 2);
        toServer(pdu(0, 0x26, true, 1, ACTIVITY, 5, 3, 1, second), 3);
        assertThat(out.events).isEmpty();
        toClient(pdu(2, 0x0a, true, 1, ACTIVITY, 5, 3, 0, PnioWire.responseBody(true, 0, new byte[0])), 4);
        assertThat(out.events).singleElement().satisfies(e -> {
            ProfinetIoDetail d = (ProfinetIoDetail) e.detail();
            assertThat(d.packetCount()).isEqualTo(4);
            assertThat(d.index()).isEqualTo(0xE040);
            assertThat(e.malformed()).isFalse();
        });
    }

    @Test
    void lonePingIsReportedAlone() {
        toServer(pdu(1, 0x00, true, 1, ACTIVITY, 9, 0, 0, new byte[0]), 1);
        assertThat(out.events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("ping");
            assertThat(e.category()).isEqualTo(EventCategory.DIAGNOSTIC);
        });
    }

    @Test
    void firstDatagramThatIsNotDceRpcDetaches() {
        toServer(new byte[] {1, 2, 3, 4}, 1);
        assertThat(out.notThisProtocol).singleElement().asString().contains("truncated: 4 bytes");
        toServer(pdu(1, 0, true, 1, ACTIVITY, 9, 0, 0, new byte[0]), 2);
        assertThat(out.events).isEmpty();
    }

    @Test
    void badLengthsAndTypesAreMalformedOnceTheFlowIsKnown() {
        toServer(pdu(1, 0, true, 1, ACTIVITY, 9, 0, 0, new byte[0]), 1);
        byte[] longBody = pdu(0, 0x20, true, 1, ACTIVITY, 1, 2, 0, new byte[10]);
        longBody[74] = (byte) 200; // body length 200 in a datagram with 10 bytes after the header
        toServer(longBody, 2);
        byte[] badType = pdu(0, 0x20, true, 1, ACTIVITY, 1, 2, 0, new byte[0]);
        badType[1] = 11;
        toServer(badType, 3);
        byte[] badVersion = pdu(0, 0x20, true, 1, ACTIVITY, 1, 2, 0, new byte[0]);
        badVersion[0] = 5;
        toServer(badVersion, 4);
        toServer(Arrays.copyOf(badVersion, 40), 5);
        assertThat(out.malformed).containsExactly(
                "DCE/RPC body length 200 at offset 74 exceeds the 10 bytes after the 80-byte header",
                "DCE/RPC packet type 11 at offset 1 is not defined (0-10)",
                "DCE/RPC version 5 at offset 0 is not the connectionless version 4",
                "DCE/RPC header truncated: 40 bytes, the connectionless header takes 80");
    }

    @Test
    void argsLengthBeyondTheBodyIsMalformed() {
        byte[] body = PnioWire.requestBody(true, PnioWire.control(0x0110, 1));
        body[4] = (byte) 0xFF; // ArgsLength 255 (little-endian) with 32 bytes of blocks
        toServer(pdu(0, 0x20, true, 1, ACTIVITY, 1, 4, 0, body), 1);
        toClient(pdu(2, 0x0a, true, 1, ACTIVITY, 1, 4, 0, PnioWire.responseBody(true, 0, new byte[0])), 2);
        assertThat(out.malformed).singleElement().asString()
                .isEqualTo("NDR ArgsLength 255 at body offset 4 exceeds the 32 bytes after the NDR header");
        assertThat(out.events.get(0).action()).isEqualTo("control");
    }

    @Test
    void blockLengthBeyondTheBodyIsMalformed() {
        byte[] block = PnioWire.control(0x0110, 1);
        block[3] = 100;
        toServer(pdu(0, 0x20, true, 1, ACTIVITY, 1, 4, 0, PnioWire.requestBody(true, block)), 1);
        decoder.onClose(2);
        assertThat(out.malformed).singleElement().asString()
                .isEqualTo("PNIO block type 0x110 length 100 exceeds the 28 bytes left in the body");
    }

    @Test
    void pendingCallsAreBounded() {
        for (int i = 0; i < ProfinetIoDecoder.MAX_PENDING * 3; i++) {
            toServer(pdu(0, 0x20, true, 1, new UUID(i, i), i, 2, 0, PnioWire.requestBody(true, new byte[0])), i);
            assertThat(decoder.pendingCount()).isLessThanOrEqualTo(ProfinetIoDecoder.MAX_PENDING);
        }
        assertThat(out.events).hasSize(ProfinetIoDecoder.MAX_PENDING * 2);
        decoder.onClose(1_000);
        assertThat(out.events).hasSize(ProfinetIoDecoder.MAX_PENDING * 3);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void recognisesPnioOnAnyPortAndNothingElse() {
        ProfinetIoDecoderFactory f = new ProfinetIoDecoderFactory();
        byte[] ok = pdu(2, 0x0a, true, 1, ACTIVITY, 1, 2, 0, PnioWire.responseBody(true, 0, new byte[0]));
        assertThat(f.recognizes(false, Direction.TO_SERVER, ok, 0, ok.length)).isTrue();
        assertThat(f.recognizes(true, Direction.TO_SERVER, ok, 0, ok.length)).isFalse();
        assertThat(f.recognizes(false, Direction.TO_SERVER, ok, 0, ok.length - 1)).isFalse();
        byte[] other = ok.clone();
        other[24] = 0x12; // another interface UUID
        assertThat(f.recognizes(false, Direction.TO_SERVER, other, 0, other.length)).isFalse();
        assertThat(f.recognizes(false, Direction.TO_SERVER, new byte[100], 0, 100)).isFalse();
        assertThat(f.udpPorts()).containsExactly(34964);
    }
}
