package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import static io.otsoc.collector.protocol.dhcp.DhcpWire.message;
import static io.otsoc.collector.protocol.dhcp.DhcpWire.options;
import static org.assertj.core.api.Assertions.assertThat;

/** DHCP from hand-built datagrams: the header and options, pairing, overload, and each bad length or type. */
class DhcpDecoderTest {

    static final int CLIENT = 0x0a10_0104;

    private final DhcpWire.Output out = new DhcpWire.Output();
    private final DhcpDecoder decoder = new DhcpDecoder(DhcpWire.FLOW, out);

    private void feed(Direction d, byte[] m, long ts) {
        // a slice of a larger array: the decoder must stay inside offset..offset+length
        byte[] framed = new byte[m.length + 2];
        System.arraycopy(m, 0, framed, 1, m.length);
        decoder.onData(d, framed, 1, m.length, ts);
    }

    @Test
    void decodesTheHeaderAndClientOptions() {
        byte[] discover = message(1, 0xef64_3d44L, CLIENT, 0, options(
                53, 1, 1,
                12, 5, 'n', 'a', 's', '1', 0,
                60, 8, 'M', 'S', 'F', 'T', ' ', '5', '.', '0',
                61, 7, 1, 0x00, 0x11, 0x32, 0x17, 0x49, 0xf0,
                50, 4, 10, 16, 1, 4,
                55, 4, 1, 3, 15, 6,
                81, 7, 0x05, 0, 0, 3, 'p', 'l', 'c',
                0, 0,
                255));
        feed(Direction.TO_SERVER, discover, 1_000);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("discover");
        assertThat(e.durationMicros()).isEqualTo(-1);
        DhcpDetail d = (DhcpDetail) e.detail();
        assertThat(d.op()).isEqualTo(1);
        assertThat(d.transactionId()).isEqualTo(4016323908L);
        assertThat(d.flags()).isEqualTo(0x8000);
        assertThat(d.clientIp()).isEqualTo("10.16.1.4");
        assertThat(d.assignedIp()).isEqualTo("0.0.0.0");
        assertThat(d.clientMac()).isEqualTo("00:11:32:17:49:f0");
        assertThat(d.hostName()).as("trailing NUL dropped").isEqualTo("nas1");
        assertThat(d.vendorClass()).isEqualTo("MSFT 5.0");
        assertThat(d.clientIdType()).isEqualTo(1);
        assertThat(d.clientId()).isEqualTo("00:11:32:17:49:f0");
        assertThat(d.requestedIp()).isEqualTo("10.16.1.4");
        assertThat(d.parameters()).containsExactly(1, 3, 15, 6);
        assertThat(d.clientFqdn()).isEqualTo("plc");
        assertThat(d.optionCount()).isEqualTo(7);
        AssetFacts facts = d.assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.CLIENT);
        assertThat(facts.name()).isEqualTo("nas1");
        assertThat(facts.deviceType()).isEqualTo("MSFT 5.0");
    }

    @Test
    void replyOnTheFlowOfItsRequestIsPairedByTransactionId() {
        feed(Direction.TO_SERVER, message(1, 7, CLIENT, 0, options(53, 1, 3, 255)), 1_000);
        feed(Direction.TO_CLIENT, message(2, 8, CLIENT, CLIENT, options(53, 1, 5, 255)), 1_500);
        feed(Direction.TO_CLIENT, message(2, 7, CLIENT, CLIENT, options(
                53, 1, 5, 54, 4, 10, 16, 1, 1, 51, 4, 0, 0, 0x0e, 0x10, 58, 4, 0, 0, 6, 0x91, 59, 4, 0, 0, 0x0b, 0xd7,
                1, 4, 255, 255, 0, 0, 3, 4, 10, 16, 1, 1, 6, 8, 10, 16, 1, 1, 8, 8, 8, 8, 15, 3, 'c', 'm', 'u',
                2, 4, 0xff, 0xff, 0xb9, 0xb0, 255)), 4_327);
        assertThat(out.events).extracting(OtEvent::action).containsExactly("request", "ack", "ack");
        assertThat(out.events.get(1).durationMicros()).as("other transaction").isEqualTo(-1);
        OtEvent ack = out.events.get(2);
        assertThat(ack.durationMicros()).isEqualTo(3_327);
        DhcpDetail d = (DhcpDetail) ack.detail();
        assertThat(d.serverId()).isEqualTo("10.16.1.1");
        assertThat(d.leaseTime()).isEqualTo(3600);
        assertThat(d.renewalTime()).isEqualTo(1681);
        assertThat(d.rebindingTime()).isEqualTo(3031);
        assertThat(d.subnetMask()).isEqualTo("255.255.0.0");
        assertThat(d.routers()).containsExactly("10.16.1.1");
        assertThat(d.dnsServers()).containsExactly("10.16.1.1", "8.8.8.8");
        assertThat(d.domainName()).isEqualTo("cmu");
        assertThat(d.timeOffset()).isEqualTo(-18000);
        assertThat(d.assetFacts()).as("a server's reply names no client").isNull();
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void nakIsAFailureWithTheServersMessage() {
        feed(Direction.TO_CLIENT, message(2, 9, 0, 0, options(53, 1, 6, 56, 4, 'g', 'o', 'n', 'e', 255)), 1);
        OtEvent nak = out.events.get(0);
        assertThat(nak.action()).isEqualTo("nak");
        assertThat(nak.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(nak.errorMessage()).isEqualTo("DHCP NAK: gone");
        assertThat(nak.malformed()).isFalse();
    }

    @Test
    void overloadedFileAndSnameFieldsAreReadAfterTheOptions() {
        byte[] m = message(2, 10, 0, CLIENT, options(53, 1, 2, 52, 1, 3, 255));
        byte[] inFile = {6, 4, 10, 100, 0, 2, (byte) 255};
        byte[] inSname = {3, 4, 10, 100, 0, 2, (byte) 255};
        System.arraycopy(inFile, 0, m, DhcpMessage.FILE_AT, inFile.length);
        System.arraycopy(inSname, 0, m, DhcpMessage.SNAME_AT, inSname.length);
        feed(Direction.TO_CLIENT, m, 1);
        DhcpDetail d = (DhcpDetail) out.events.get(0).detail();
        assertThat(d.overload()).isEqualTo(3);
        assertThat(d.dnsServers()).containsExactly("10.100.0.2");
        assertThat(d.routers()).containsExactly("10.100.0.2");
        assertThat(d.serverHostName()).isNull();
    }

    @Test
    void plainBootpHasNoMessageType() {
        byte[] m = message(1, 11, 0, 0, new byte[0]);
        m[DhcpMessage.FIXED] = 0; // no cookie
        m[DhcpMessage.SNAME_AT] = 's';
        feed(Direction.TO_SERVER, m, 1);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("boot_request");
        assertThat(((DhcpDetail) e.detail()).serverHostName()).isEqualTo("s");
        assertThat(((DhcpDetail) e.detail()).optionCount()).isEqualTo(-1);
    }

    @Test
    void relayedRequestsNameNoAsset() {
        byte[] m = message(1, 12, 0, 0, options(53, 1, 1, 12, 2, 'p', 'c', 255));
        m[24] = 10;
        feed(Direction.TO_SERVER, m, 1);
        DhcpDetail d = (DhcpDetail) out.events.get(0).detail();
        assertThat(d.relayIp()).isEqualTo("10.0.0.0");
        assertThat(d.assetFacts()).isNull();
    }

    @Test
    void relayAgentSubOptions() {
        feed(Direction.TO_CLIENT, message(2, 13, 0, CLIENT, options(53, 1, 5,
                82, 12, 1, 2, 'c', '1', 2, 1, 0x13, 6, 3, 's', 'u', 'b', 255)), 1);
        DhcpDetail d = (DhcpDetail) out.events.get(0).detail();
        assertThat(d.circuitId()).isEqualTo("c1");
        assertThat(d.remoteId()).as("binary as hex").isEqualTo("13");
        assertThat(d.subscriberId()).isEqualTo("sub");
    }

    @Test
    void violationsAreReportedWithWhatAndWhere() {
        feed(Direction.TO_SERVER, new byte[100], 1);
        byte[] badOp = message(3, 1, 0, 0, options(53, 1, 1, 255));
        feed(Direction.TO_SERVER, badOp, 2);
        byte[] longChaddr = message(1, 1, 0, 0, options(53, 1, 1, 255));
        longChaddr[2] = 17;
        feed(Direction.TO_SERVER, longChaddr, 3);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 3, 12, 40, 'a')), 4);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(12, 40, 'a')), 5);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 99, 255)), 6);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 2, 1, 1, 255)), 7);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 1, 50, 3, 1, 2, 3, 255)), 8);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 1, 6, 6, 1, 2, 3, 4, 5, 6, 255)), 9);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 1, 52, 1, 4, 255)), 10);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 1, 82, 3, 1, 5, 'x', 255)), 11);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 1, 61, 1, 1, 255)), 12);
        feed(Direction.TO_SERVER, message(1, 1, 0, 0, options(53, 1, 1, 7)), 13);
        byte[] sname = message(1, 1, 0, 0, options(53, 1, 1, 52, 1, 2, 255));
        sname[DhcpMessage.SNAME_AT] = 3;
        sname[DhcpMessage.SNAME_AT + 1] = 90;
        feed(Direction.TO_SERVER, sname, 14);
        assertThat(out.events).isEmpty();
        assertThat(out.malformed).extracting(DhcpWire.Malformed::reason).containsExactly(
                "BOOTP message of 100 bytes is shorter than the 236-byte fixed header",
                "BOOTP op 3 is neither BOOTREQUEST (1) nor BOOTREPLY (2)",
                "BOOTP hardware address length 17 exceeds the 16-byte chaddr field",
                "DHCP option 12 length 40 exceeds the 1 bytes left in the options field",
                "DHCP option 12 length 40 exceeds the 1 bytes left in the options field",
                "DHCP message type 99 is not defined (1-18)",
                "DHCP message type option 53 length 2 is not 1 (in the options field)",
                "DHCP requested address option 50 length 3 is not 4 (in the options field)",
                "DHCP option 6 length 6 is not a positive multiple of 4 (in the options field)",
                "DHCP option overload value 4 is not 1 (file), 2 (sname) or 3 (both)",
                "DHCP relay agent sub-option 1 length 5 exceeds the 1 bytes left in option 82 (in the options field)",
                "DHCP client identifier length 1 is less than 2 (in the options field)",
                "DHCP option 7 at byte 3 of the options field has no length byte",
                "DHCP option 3 length 90 exceeds the 62 bytes left in the sname field");
        assertThat(out.malformed.get(0).partial()).isNull();
        assertThat(out.malformed.get(3).event().action()).as("type known before the problem").isEqualTo("request");
        assertThat(out.malformed.get(4).event()).as("type unknown").isNull();
        assertThat(out.malformed.get(5).event()).isNull();
        assertThat(out.malformed).filteredOn(m -> m.event() != null)
                .allMatch(m -> m.event().malformed() && m.event().outcome() == Outcome.FAILURE);
        assertThat(out.notThisProtocol).isEmpty();
    }

    @Test
    void pendingTransactionsAreBounded() {
        for (int i = 0; i < 1000; i++) {
            feed(Direction.TO_SERVER, message(1, i, 0, 0, options(53, 1, 1, 255)), i);
        }
        assertThat(decoder.pendingCount()).isEqualTo(DhcpDecoder.MAX_PENDING);
        decoder.onClose(2_000);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void recognisesDhcpByItsCookieOnly() {
        DhcpDecoderFactory f = new DhcpDecoderFactory();
        byte[] m = message(1, 1, 0, 0, options(53, 1, 1, 255));
        assertThat(f.recognizes(false, Direction.TO_SERVER, m, 0, m.length)).isTrue();
        assertThat(f.recognizes(true, Direction.TO_SERVER, m, 0, m.length)).isFalse();
        assertThat(f.recognizes(false, Direction.TO_SERVER, m, 0, 239)).isFalse();
        m[DhcpMessage.FIXED + 3] = 0;
        assertThat(f.recognizes(false, Direction.TO_SERVER, m, 0, m.length)).isFalse();
        assertThat(f.udpPorts()).containsExactly(67);
    }
}
