package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.otsoc.collector.protocol.enip.EnipWire.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-built EtherNet/IP and CIP messages through {@link EnipDecoder}: framing edges and CIP semantics. */
class EnipDecoderTest {

    private final RecordingOutput out = new RecordingOutput();
    private final EnipDecoder tcp = new EnipDecoder(TCP, out);
    private long now = 1_000_000;

    private void toServer(byte[] b) {
        tcp.onData(Direction.TO_SERVER, b, 0, b.length, now += 1000);
    }

    private void toClient(byte[] b) {
        tcp.onData(Direction.TO_CLIENT, b, 0, b.length, now += 1000);
    }

    private static final byte[] GET_SINGLE = request(0x0E, classInstanceAttribute(0x01, 1, 7), new byte[0]);
    private static final byte[] GET_SINGLE_REPLY = response(0x0E, 0, new int[0], bytes(5, 'h', 'e', 'l', 'l', 'o'));

    // ---------------------------------------------------------------- framing

    @Test
    void registerSessionIsAnEnipExchange() {
        toServer(registerSession(0));
        toClient(registerSession(SESSION));
        OtEvent e = out.onlyEvent();
        assertThat(e.protocol()).isEqualTo("enip");
        assertThat(e.action()).isEqualTo("register_session");
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.durationMicros()).isEqualTo(1000);
        EnipDetail d = (EnipDetail) e.detail();
        assertThat(d.response().sessionHandle()).isEqualTo(SESSION);
        assertThat(d.request().senderContext()).isEqualTo("0x0102030405060708");
        assertThat(d.protocolVersion()).isEqualTo(1);
    }

    @Test
    void messageSplitByteByByteDecodesAsWhole() {
        byte[] request = sendRrData(0, GET_SINGLE);
        for (int i = 0; i < request.length; i++) {
            tcp.onData(Direction.TO_SERVER, request, i, 1, now);
        }
        byte[] reply = sendRrData(0, GET_SINGLE_REPLY);
        toClient(Arrays.copyOfRange(reply, 0, 10));
        toClient(Arrays.copyOfRange(reply, 10, reply.length));
        OtEvent e = out.onlyEvent();
        assertThat(e.protocol()).isEqualTo("cip");
        assertThat(e.action()).isEqualTo("get_attribute_single");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        CipDetail d = (CipDetail) e.detail();
        assertThat(d.path().classId()).isEqualTo(1);
        assertThat(d.path().instanceId()).isEqualTo(1);
        assertThat(d.path().attributeId()).isEqualTo(7);
        assertThat(d.connected()).isFalse();
        assertThat(d.sessionHandle()).isEqualTo(SESSION);
        assertThat(d.enipCommand()).isEqualTo(0x6F);
    }

    @Test
    void severalMessagesInOneDeliveryArePairedInOrder() {
        byte[] set = request(0x10, classInstanceAttribute(0xF5, 1, 6), bytes(1, 2));
        toServer(concat(sendRrData(0, GET_SINGLE), sendRrData(0, set)));
        toClient(concat(sendRrData(0, GET_SINGLE_REPLY), sendRrData(0, response(0x10, 0x0E, new int[0],
                new byte[0]))));
        assertThat(out.events).extracting(OtEvent::action).containsExactly("get_attribute_single",
                "set_attribute_single");
        OtEvent set1 = out.events.get(1);
        assertThat(set1.category()).isEqualTo(EventCategory.WRITE);
        assertThat(set1.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(set1.errorMessage()).isEqualTo("CIP general status 0x0e: attribute not settable");
        assertThat(out.malformed).isEmpty();
    }

    @Test
    void messageCutShortByTheEndOfTheFlowIsMalformed() {
        byte[] request = sendRrData(0, GET_SINGLE);
        tcp.onData(Direction.TO_SERVER, request, 0, 30, now);
        tcp.onClose(now);
        assertThat(out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("EtherNet/IP message cut short by the end of the flow: 30 of " + request.length
                        + " bytes");
    }

    @Test
    void undefinedCommandLosesStepUntilASegmentStartsWithAHeader() {
        toServer(registerSession(0));
        toClient(registerSession(SESSION));
        toServer(encapsulation(0x1234, SESSION, 0, bytes(1, 2, 3)));
        toServer(bytes(9, 9, 9, 9)); // still out of step: skipped silently
        toServer(sendRrData(0, GET_SINGLE));
        toClient(sendRrData(0, GET_SINGLE_REPLY));
        assertThat(out.malformed).extracting(RecordingOutput.Malformed::reason).containsExactly(
                "EtherNet/IP header with the undefined command 0x1234 and length 3 cannot start a message; "
                        + "skipping to a segment that starts one");
        assertThat(out.events).extracting(OtEvent::action).containsExactly("register_session",
                "get_attribute_single");
    }

    @Test
    void midstreamStartWaitsForASegmentThatStartsWithAHeader() {
        byte[] request = sendRrData(0, GET_SINGLE);
        tcp.onData(Direction.TO_SERVER, request, 5, request.length - 5, now);
        toServer(request);
        toClient(sendRrData(0, GET_SINGLE_REPLY));
        assertThat(out.onlyEvent().action()).isEqualTo("get_attribute_single");
    }

    @Test
    void bytesThatNeverStartAHeaderAreNotThisProtocol() {
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(40).getBytes();
        for (int i = 0; i < 300; i++) {
            toServer(http);
        }
        assertThat(out.notThisProtocol).hasSize(1);
        assertThat(out.events).isEmpty();
    }

    @Test
    void gapDropsThePartialMessageAndResynchronises() {
        byte[] request = sendRrData(0, GET_SINGLE);
        tcp.onData(Direction.TO_SERVER, request, 0, 20, now);
        tcp.onGap(Direction.TO_SERVER, 100, now);
        assertThat(tcp.bufferedBytes(Direction.TO_SERVER)).isZero();
        toServer(request);
        toClient(sendRrData(0, GET_SINGLE_REPLY));
        assertThat(out.onlyEvent().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void lengthBeyondTheLargestMessageCannotFrame() {
        toServer(registerSession(0));
        byte[] header = encapsulation(0x6F, SESSION, 0, new byte[0]);
        header[2] = (byte) 0xFF;
        header[3] = (byte) 0xFF; // 65535 + 24 exceeds the 16-bit total
        toServer(header);
        assertThat(out.malformed).hasSize(1);
        assertThat(out.malformed.get(0).reason()).contains("cannot start a message");
        assertThat(tcp.bufferCapacity(Direction.TO_SERVER)).isLessThanOrEqualTo(65535);
    }

    @Test
    void itemLengthBeyondTheDataIsMalformedSendRrData() {
        byte[] request = sendRrData(0, GET_SINGLE);
        request[24 + 8 + 4 + 2] = 0x40; // the unconnected data item's length
        toServer(request);
        assertThat(out.malformed).hasSize(1);
        OtEvent e = out.malformed.get(0).event();
        assertThat(e.protocol()).isEqualTo("enip");
        assertThat(e.action()).isEqualTo("send_rr_data");
        assertThat(e.errorMessage()).startsWith("EtherNet/IP SendRRData: item 0xb2 length 64 exceeds the ");
    }

    @Test
    void encapsulationErrorOnTheReplyFailsTheWaitingRequest() {
        toServer(sendRrData(0, GET_SINGLE));
        toClient(encapsulation(0x6F, SESSION, 0x64, new byte[0]));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("get_attribute_single");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("EtherNet/IP encapsulation status 0x64: invalid session handle");
    }

    @Test
    void unansweredRequestsAreReportedAtCloseAndBounded() {
        for (int i = 0; i < EnipDecoder.MAX_PENDING + 5; i++) {
            toServer(sendRrData(0, GET_SINGLE));
        }
        assertThat(tcp.pendingCount()).isEqualTo(EnipDecoder.MAX_PENDING);
        assertThat(out.events).hasSize(5);
        tcp.onClose(now);
        assertThat(out.events).hasSize(EnipDecoder.MAX_PENDING + 5).allMatch(e -> e.outcome() == Outcome.UNKNOWN);
        assertThat(tcp.pendingCount()).isZero();
    }

    // ---------------------------------------------------------------- CIP semantics

    @Test
    void connectedRequestsArePairedBySequenceCount() {
        byte[] read = request(0x4C, symbol("Program:Main.Speed"), u16(1));
        byte[] write = request(0x4D, symbol("Setpoint"), concat(u16(0xC4), u16(1), u32(42)));
        toServer(sendUnitData(0x1234, 7, read));
        toServer(sendUnitData(0x1234, 8, write));
        toClient(sendUnitData(0x5678, 8, response(0x4D, 0, new int[0], new byte[0])));
        toClient(sendUnitData(0x5678, 7, response(0x4C, 0, new int[0], concat(u16(0xC4), u32(5)))));
        assertThat(out.events).extracting(OtEvent::action).containsExactly("write_tag", "read_tag");
        CipDetail w = (CipDetail) out.events.get(0).detail();
        assertThat(w.path().tag()).isEqualTo("Setpoint");
        assertThat(w.sequenceCount()).isEqualTo(8);
        assertThat(w.connectionId()).isEqualTo(0x1234);
        assertThat(out.events.get(0).category()).isEqualTo(EventCategory.WRITE);
        assertThat(((CipDetail) out.events.get(1).detail()).path().tag()).isEqualTo("Program:Main.Speed");
    }

    @Test
    void arrayMemberAfterASymbolIsAnIndex() {
        byte[] path = concat(symbol("Tank"), bytes(0x28, 3));
        toServer(sendRrData(0, request(0x4C, path, u16(1))));
        tcp.onClose(now);
        CipDetail d = (CipDetail) out.onlyEvent().detail();
        assertThat(d.path().tag()).isEqualTo("Tank[3]");
        assertThat(d.path().memberId()).isEqualTo(3);
    }

    @Test
    void multipleServicePacketReportsEachService() {
        byte[] msp = request(0x0A, classInstance(0x02, 1), multiple(GET_SINGLE,
                request(0x4D, symbol("Valve"), concat(u16(0xC1), u16(1), bytes(1, 0)))));
        byte[] reply = response(0x0A, 0x1E, new int[0], multiple(GET_SINGLE_REPLY,
                response(0x4D, 0x0F, new int[0], new byte[0])));
        toServer(sendRrData(0, msp));
        toClient(sendRrData(0, reply));
        assertThat(out.events).extracting(OtEvent::action).containsExactly("multiple_service_packet",
                "get_attribute_single", "write_tag");
        assertThat(out.events.get(0).category()).isEqualTo(EventCategory.WRITE);
        assertThat(((CipDetail) out.events.get(0).detail()).serviceCount()).isEqualTo(2);
        assertThat(out.events.get(1).outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(((CipDetail) out.events.get(2).detail()).serviceIndex()).isEqualTo(2);
        assertThat(out.events.get(2).outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(out.events.get(2).errorMessage()).contains("privilege violation");
    }

    @Test
    void multipleServicePacketOffsetOutsideItsDataIsMalformed() {
        byte[] data = multiple(GET_SINGLE, GET_SINGLE);
        data[4] = (byte) 0x70; // second offset beyond the data
        toServer(sendRrData(0, request(0x0A, classInstance(0x02, 1), data)));
        tcp.onClose(now);
        assertThat(out.malformed).hasSize(1);
        assertThat(out.malformed.get(0).event().action()).isEqualTo("multiple_service_packet");
        assertThat(out.malformed.get(0).reason()).contains("Multiple Service Packet offset 112 of service 2 of 2 lies outside 6..22");
    }

    @Test
    void unconnectedSendIsReportedAsTheServiceItRoutes() {
        byte[] embedded = request(0x01, classInstance(0x01, 1), new byte[0]);
        byte[] ucs = request(0x52, classInstance(0x06, 1), concat(bytes(0x0A, 0xF0), u16(embedded.length),
                embedded, bytes(1, 0, 1, 0)));
        byte[] identity = concat(u16(1), u16(14), u16(54), bytes(20, 11), u16(0x60), u32(0xC0FFEE),
                bytes(4), "L61B".getBytes());
        toServer(sendRrData(0, ucs));
        toClient(sendRrData(0, response(0x01, 0, new int[0], identity)));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("get_attributes_all");
        CipDetail d = (CipDetail) e.detail();
        assertThat(d.route().port()).isEqualTo(1);
        assertThat(d.route().link()).isEqualTo(0);
        AssetFacts facts = d.assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.SERVER);
        assertThat(facts.vendor()).isEqualTo("Rockwell Automation/Allen-Bradley");
        assertThat(facts.deviceType()).isEqualTo("Programmable Logic Controller");
        assertThat(facts.model()).isEqualTo("L61B");
        assertThat(facts.firmware()).isEqualTo("20.11");
        assertThat(facts.serial()).isEqualTo("0x00c0ffee");
    }

    @Test
    void forwardOpenCarriesItsConnectionParameters() {
        byte[] fo = request(0x54, classInstance(0x06, 1), concat(bytes(0x0A, 0xF0), u32(0), u32(0x20000002L),
                u16(0x1234), u16(1), u32(0xABCDEF), bytes(1, 0, 0, 0), u32(20000), u16(0x43F8), u32(20000),
                u16(0x43F8), bytes(0xA3), bytes(3), bytes(0x01, 0x00, 0x20, 0x02, 0x24, 0x01)));
        byte[] reply = response(0x54, 0, new int[0], concat(u32(0x11111111L), u32(0x20000002L), u16(0x1234), u16(1),
                u32(0xABCDEF), u32(20000), u32(20000), bytes(0, 0)));
        toServer(sendRrData(0, fo));
        toClient(sendRrData(0, reply));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("forward_open");
        CipRequest.ConnectionParameters c = ((CipDetail) e.detail()).connection();
        assertThat(c.otConnectionId()).isEqualTo(0x11111111L);
        assertThat(c.toConnectionId()).isEqualTo(0x20000002L);
        assertThat(c.connectionSerial()).isEqualTo(0x1234);
        assertThat(c.originatorSerial()).isEqualTo(0xABCDEF);
    }

    @Test
    void forwardOpenRefusedCarriesItsExtendedStatus() {
        byte[] fo = request(0x54, classInstance(0x06, 1), concat(bytes(0x0A, 0xF0), u32(0), u32(2), u16(7), u16(1),
                u32(9), bytes(1, 0, 0, 0), u32(20000), u16(0x43F8), u32(20000), u16(0x43F8), bytes(0xA3), bytes(0)));
        toServer(sendRrData(0, fo));
        toClient(sendRrData(0, response(0x54, 0x01, new int[] {0x0100}, concat(u16(7), u16(1), u32(9), bytes(0, 0)))));
        OtEvent e = out.onlyEvent();
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(((CipDetail) e.detail()).extendedStatus()).isEqualTo(0x0100);
        assertThat(e.errorMessage()).isEqualTo("CIP general status 0x01: connection failure (extended status 0x0100)");
    }

    @Test
    void startStopAndIdentityResetAreControl() {
        toServer(sendRrData(0, request(0x06, classInstance(0x8E, 1), new byte[0])));
        toServer(sendRrData(0, request(0x07, classInstance(0x8E, 1), new byte[0])));
        toServer(sendRrData(0, request(0x05, classInstance(0x01, 1), bytes(0))));
        tcp.onClose(now);
        assertThat(out.events).extracting(OtEvent::action).containsExactly("start", "stop", "reset");
        assertThat(out.events).allMatch(e -> e.category() == EventCategory.CONTROL);
    }

    @Test
    void executePcccTellsItsCommandAndFunction() {
        byte[] pccc = concat(bytes(7), u16(1), u32(0x1234), bytes(0x0F, 0, 0x01, 0x00, 0xA2, 2, 7, 0x89, 0, 0));
        toServer(sendRrData(0, request(0x4B, classInstance(0x67, 1), pccc)));
        toClient(sendRrData(0, response(0x4B, 0, new int[0], concat(bytes(7), u16(1), u32(0x1234),
                bytes(0x4F, 0, 0x01, 0x00, 5, 0)))));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("execute_pccc");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        CipDetail d = (CipDetail) e.detail();
        assertThat(d.pcccCommand()).isEqualTo(0x0F);
        assertThat(d.pcccFunction()).isEqualTo(0xA2);
        assertThat(d.pcccStatus()).isZero();
    }

    @Test
    void reservedPathSegmentIsMalformed() {
        toServer(sendRrData(0, request(0x0E, bytes(0xE0, 1), new byte[0])));
        tcp.onClose(now);
        assertThat(out.malformed).hasSize(1);
        assertThat(out.malformed.get(0).reason()).isEqualTo(
                "CIP get_attribute_single: CIP request path: segment 0xe0 is a data type or reserved segment");
    }

    @Test
    void responseWithoutItsRequestIsReportedAlone() {
        toClient(sendRrData(0, GET_SINGLE_REPLY));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("get_attribute_single");
        assertThat(e.durationMicros()).isEqualTo(-1);
        assertThat(((CipDetail) e.detail()).requestHeader()).isNull();
    }

    @Test
    void listIdentityOverUdpGivesTheDeviceIdentity() {
        EnipDecoder udp = new EnipDecoder(UDP, out);
        byte[] reply = listIdentityReply(1, 12, 58, 4, 3, 0x30, 0x524D8EL, "1756-ENBT/A", 3);
        udp.onData(Direction.TO_CLIENT, reply, 0, reply.length, now);
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("list_identity");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        EnipDetail d = (EnipDetail) e.detail();
        assertThat(d.identity().socketAddress()).isEqualTo("10.0.0.2");
        assertThat(d.identity().socketPort()).isEqualTo(44818);
        assertThat(d.identity().state()).isEqualTo(3);
        AssetFacts facts = d.assetFacts();
        assertThat(facts).isEqualTo(new AssetFacts(AssetFacts.Side.SERVER, "Rockwell Automation/Allen-Bradley",
                "1756-ENBT/A", "4.3", "0x00524d8e", null, "Communications Adapter"));
    }

    @Test
    void udpDatagramShorterThanItsLengthIsMalformedOnceEstablished() {
        EnipDecoder udp = new EnipDecoder(UDP, out);
        byte[] request = encapsulation(0x63, 0, 0, new byte[0]);
        udp.onData(Direction.TO_SERVER, request, 0, request.length, now);
        byte[] reply = listIdentityReply(1, 12, 58, 4, 3, 0x30, 1, "X", 3);
        udp.onData(Direction.TO_CLIENT, reply, 0, reply.length - 4, now);
        assertThat(out.malformed).hasSize(1);
        assertThat(out.malformed.get(0).reason()).startsWith("EtherNet/IP encapsulation length ");
        udp.onClose(now);
        assertThat(out.events).hasSize(1);
        assertThat(out.events.get(0).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void udpDatagramThatIsNotEnipDetaches() {
        EnipDecoder udp = new EnipDecoder(UDP, out);
        byte[] junk = "hello world, not encapsulation".getBytes();
        udp.onData(Direction.TO_SERVER, junk, 0, junk.length, now);
        assertThat(out.notThisProtocol).hasSize(1);
    }

    @Test
    void listServicesReplyNamesTheServices() {
        toServer(encapsulation(0x04, 0, 0, new byte[0]));
        byte[] name = java.util.Arrays.copyOf("Communications".getBytes(), 16);
        toClient(encapsulation(0x04, 0, 0, concat(u16(1), item(0x100, concat(u16(1), u16(0x120), name)))));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("list_services");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        assertThat(((EnipDetail) e.detail()).services()).containsExactly("Communications");
    }

    @Test
    void unregisterSessionExpectsNoReply() {
        toServer(encapsulation(0x66, SESSION, 0, new byte[0]));
        OtEvent e = out.onlyEvent();
        assertThat(e.action()).isEqualTo("unregister_session");
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(tcp.pendingCount()).isZero();
    }

    @Test
    void listIdentityReplyWithATruncatedIdentityItemIsMalformed() {
        toServer(encapsulation(0x63, 0, 0, new byte[0]));
        toClient(encapsulation(0x63, 0, 0, concat(u16(1), item(0x0C, bytes(1, 0, 0, 2)))));
        assertThat(out.malformed).hasSize(1);
        assertThat(out.malformed.get(0).event().action()).isEqualTo("list_identity");
        assertThat(out.malformed.get(0).reason()).isEqualTo(
                "EtherNet/IP ListIdentity reply: CIP Identity item of 4 bytes is shorter than its fields");
    }
}
