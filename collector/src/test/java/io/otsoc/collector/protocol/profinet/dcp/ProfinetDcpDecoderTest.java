package io.otsoc.collector.protocol.profinet.dcp;

import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.otsoc.collector.protocol.profinet.dcp.DcpWire.ascii;
import static io.otsoc.collector.protocol.profinet.dcp.DcpWire.block;
import static io.otsoc.collector.protocol.profinet.dcp.DcpWire.dcp;
import static io.otsoc.collector.protocol.profinet.dcp.DcpWire.with;
import static org.assertj.core.api.Assertions.assertThat;

class ProfinetDcpDecoderTest {

    private final DcpWire.Recording out = new DcpWire.Recording();
    private final ProfinetDcpDecoder decoder = new ProfinetDcpDecoder(out);

    private OtEvent feed(byte[] payload) {
        byte[] padded = new byte[payload.length + 4];
        System.arraycopy(payload, 0, padded, 2, payload.length);
        int before = out.events.size();
        decoder.onFrame(new DcpWire.Frame(1_000), padded, 2, payload.length);
        assertThat(out.events).hasSize(before + 1);
        return out.events.get(before);
    }

    private static DcpDetail detail(OtEvent e) {
        return (DcpDetail) e.detail();
    }

    @Test
    void identifyRequestWithNameFilterAndTrailingPadding() {
        byte[] frame = dcp(0xFEFE, 5, 0, 0x0300bf9aL, 1, -1, block(2, 2, ascii("switch3")));
        byte[] withPadding = Arrays.copyOf(frame, frame.length + 20);
        OtEvent e = feed(withPadding);
        assertThat(e.action()).isEqualTo("identify");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(detail(e).xid()).isEqualTo(0x0300bf9aL);
        assertThat(detail(e).responseDelay()).isEqualTo(1);
        assertThat(detail(e).nameOfStation()).isEqualTo("switch3");
        assertThat(detail(e).blocks()).containsExactly("device/name_of_station");
        assertThat(e.detail().assetFacts()).isNull();
        assertThat(e.malformed()).isFalse();
    }

    @Test
    void identifyResponseTellsWhoTheDeviceIs() {
        OtEvent e = feed(dcp(0xFEFF, 5, 1, 7, 0, -1,
                block(2, 1, with(0, ascii("S7-300EC"))),
                block(2, 2, with(0, ascii("plc-1\0\0\0"))),
                block(2, 3, with(0, 0x00, 0x2a, 0x01, 0x01)),
                block(2, 4, with(0, 0x02, 0x00)),
                block(1, 2, with(1, 192, 168, 0, 11, 255, 255, 255, 0,
                        192, 168, 0, 1))));
        DcpDetail d = detail(e);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.flow().clientIp()).isEqualTo("192.168.0.11");
        assertThat(d.typeOfStation()).isEqualTo("S7-300EC");
        assertThat(d.nameOfStation()).isEqualTo("plc-1");
        assertThat(d.vendorId()).isEqualTo(0x2a);
        assertThat(d.deviceId()).isEqualTo(0x0101);
        assertThat(d.deviceRole()).isEqualTo("io_controller");
        assertThat(d.ip()).isEqualTo("192.168.0.11");
        assertThat(d.subnetMask()).isEqualTo("255.255.255.0");
        assertThat(d.gateway()).isEqualTo("192.168.0.1");
        assertThat(d.ipBlockInfo()).isEqualTo(1);
        AssetFacts facts = d.assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.CLIENT);
        assertThat(facts.vendor()).isEqualTo("Siemens");
        assertThat(facts.model()).isEqualTo("S7-300EC");
        assertThat(facts.name()).isEqualTo("plc-1");
        assertThat(facts.deviceType()).isEqualTo("PROFINET IO controller");
    }

    @Test
    void unknownVendorIsNamedByNumber() {
        OtEvent e = feed(dcp(0xFEFC, 6, 0, 1, 0, -1,
                block(2, 3, with(0, 0x12, 0x34, 0, 1))));
        assertThat(e.action()).isEqualTo("hello");
        assertThat(e.detail().assetFacts().vendor()).isEqualTo("vendor 0x1234");
    }

    @Test
    void setRequestsAreWritesOrControls() {
        OtEvent name = feed(dcp(0xFEFD, 4, 0, 1, 0, -1, block(2, 2, with(1, ascii("new-name"))),
                block(5, 2, with(0))));
        assertThat(name.action()).isEqualTo("set_name_of_station");
        assertThat(name.category()).isEqualTo(EventCategory.WRITE);
        assertThat(detail(name).blockQualifier()).isEqualTo(1);
        assertThat(detail(name).nameOfStation()).isEqualTo("new-name");
        assertThat(detail(name).controls()).containsExactly("stop");

        OtEvent ip = feed(dcp(0xFEFD, 4, 0, 2, 0, -1, block(1, 2, with(0, 10, 0, 0, 5, 255, 0, 0, 0,
                0, 0, 0, 0))));
        assertThat(ip.action()).isEqualTo("set_ip");
        assertThat(detail(ip).ip()).isEqualTo("10.0.0.5");
        assertThat(ip.flow().clientIp()).isNull();

        OtEvent reset = feed(dcp(0xFEFD, 4, 0, 3, 0, -1, block(5, 1, with(0)), block(5, 6, with(0x0004)),
                block(5, 2, with(0))));
        assertThat(reset.action()).isEqualTo("reset_to_factory");
        assertThat(reset.category()).isEqualTo(EventCategory.CONTROL);

        OtEvent signal = feed(dcp(0xFEFD, 4, 0, 4, 0, -1, block(5, 3, with(0, 1, 0))));
        assertThat(signal.action()).isEqualTo("signal");
        assertThat(signal.category()).isEqualTo(EventCategory.CONTROL);
    }

    @Test
    void setResponseReportsBlockErrors() {
        OtEvent ok = feed(dcp(0xFEFD, 4, 1, 1, 0, -1, block(5, 4, new byte[] {2, 2, 0}),
                block(5, 4, new byte[] {5, 2, 0})));
        assertThat(ok.action()).isEqualTo("set_name_of_station");
        assertThat(ok.outcome()).isEqualTo(Outcome.SUCCESS);
        OtEvent failed = feed(dcp(0xFEFD, 4, 1, 2, 0, -1, block(5, 4, new byte[] {1, 2, 3})));
        assertThat(failed.action()).isEqualTo("set_ip");
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(failed.errorMessage()).isEqualTo("DCP set response: BlockError 3 for block ip/ip_parameter");
        OtEvent unsupported = feed(dcp(0xFEFD, 3, 5, 3, 0, -1));
        assertThat(unsupported.action()).isEqualTo("get");
        assertThat(unsupported.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(unsupported.errorMessage()).contains("request not supported");
    }

    @Test
    void getRequestListsOptions() {
        OtEvent e = feed(dcp(0xFEFD, 3, 0, 9, 0, -1, new byte[] {2, 2, 1, 2}));
        assertThat(e.action()).isEqualTo("get");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(detail(e).blocks()).containsExactly("device/name_of_station", "ip/ip_parameter");
    }

    @Test
    void badLengthsAndUnknownServicesAreMalformed() {
        OtEvent shortFrame = feed(new byte[] {(byte) 0xFE});
        assertThat(shortFrame.malformed()).isTrue();
        assertThat(shortFrame.action()).isEqualTo(DecoderBinding.MALFORMED_ACTION);

        OtEvent truncated = feed(new byte[] {(byte) 0xFE, (byte) 0xFE, 5, 0, 0});
        assertThat(truncated.errorMessage()).isEqualTo(
                "DCP header truncated: 3 bytes after the FrameID, the header takes 10");

        OtEvent unknown = feed(dcp(0xFEFD, 9, 0, 1, 0, -1));
        assertThat(unknown.malformed()).isTrue();
        assertThat(unknown.errorMessage()).startsWith("DCP ServiceID 9 at offset 2");

        OtEvent dataLength = feed(dcp(0xFEFE, 5, 0, 1, 0, 40, block(0xFF, 0xFF, new byte[0])));
        assertThat(dataLength.malformed()).isTrue();
        assertThat(dataLength.action()).isEqualTo("identify");
        assertThat(dataLength.errorMessage()).isEqualTo("DCPDataLength 40 exceeds the 4 bytes after the DCP header");

        byte[] longBlock = dcp(0xFEFE, 5, 0, 1, 0, -1, block(2, 2, ascii("abcd")));
        longBlock[15] = 50; // DCPBlockLength 50 in a 4-byte value
        OtEvent blockLength = feed(longBlock);
        assertThat(blockLength.errorMessage()).isEqualTo(
                "DCPBlockLength 50 of block device/name_of_station at data offset 0 exceeds the 4 bytes left");

        OtEvent header = feed(dcp(0xFEFE, 5, 0, 1, 0, -1, new byte[] {2, 2}));
        assertThat(header.errorMessage()).startsWith("DCP block header truncated: 2 bytes left");
        assertThat(out.events).allMatch(e -> e.outcome() == Outcome.FAILURE);
    }

    @Test
    void cyclicFramesAreSummarisedPerStream() {
        byte[] cyclic = {(byte) 0x80, 0x01, 1, 2, 3, 4};
        for (int i = 0; i < 500; i++) {
            decoder.onFrame(new DcpWire.Frame(1_000 + i * 1_000L), cyclic, 0, cyclic.length);
        }
        byte[] alarm = {(byte) 0xFE, 0x01, 0, 0};
        decoder.onFrame(new DcpWire.Frame(2_000), alarm, 0, alarm.length);
        assertThat(out.events).isEmpty();
        assertThat(decoder.streamCount()).isEqualTo(2);
        decoder.onClose(600_000);
        assertThat(out.events).hasSize(2);
        OtEvent rt = out.events.get(0);
        assertThat(rt.action()).isEqualTo("rt_cyclic");
        assertThat(detail(rt).frameId()).isEqualTo(0x8001);
        assertThat(detail(rt).packetCount()).isEqualTo(500);
        assertThat(rt.durationMicros()).isEqualTo(499_000);
        assertThat(out.events.get(1).action()).isEqualTo("rt_alarm");
    }

    @Test
    void streamsAreBounded() {
        byte[] cyclic = {(byte) 0x80, 0x01, 1, 2};
        for (int i = 0; i < RtStreams.MAX_STREAMS + 50; i++) {
            decoder.onFrame(new DcpWire.Frame(1, i, DcpWire.DST, -1, 0x8892), cyclic, 0, cyclic.length);
        }
        assertThat(decoder.streamCount()).isEqualTo(RtStreams.MAX_STREAMS);
    }
}
