package io.otsoc.collector.protocol.profinet.dcp;

import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.profinet.dcp.DcpDetail.ABSENT;

/**
 * Decodes PROFINET real-time frames (EtherType 0x8892): the FrameID, then for FrameIDs 0xFEFC-0xFEFF the Discovery
 * and basic Configuration Protocol. Each DCP message is one event (Identify requests and responses, Hello, Get,
 * Set): an engineering tool's Identify fans out to every device and each answer names a device, so there is
 * nothing to pair that the answers do not already say, and a Set (new IP, new NameOfStation, factory reset) is
 * reported as soon as it is seen, as a write or control action, because it reconfigures a device. Other FrameIDs
 * (cyclic data, alarms, PTCP) are counted per stream by {@link RtStreams} and summarised at the end of the session.
 */
public final class ProfinetDcpDecoder implements LinkDecoder {

    public static final String PROTOCOL = "profinet_dcp";

    private final LinkDecoderOutput output;
    private final RtStreams streams = new RtStreams();

    public ProfinetDcpDecoder(LinkDecoderOutput output) {
        this.output = output;
    }

    /** Real-time streams being counted. */
    int streamCount() {
        return streams.size();
    }

    @Override
    public void onFrame(LinkFrame frame, byte[] buf, int offset, int length) {
        long ts = frame.timestampMicros();
        if (length < 2) {
            FlowRef flow = FlowRef.link(frame.srcMacText(), frame.dstMacText(), null, null, frame.vlanId());
            output.event(new OtEvent(ts, -1, flow, PROTOCOL, DecoderBinding.MALFORMED_ACTION, EventCategory.OTHER,
                    Outcome.FAILURE, "PROFINET frame of " + length + " bytes has no room for its 2-byte FrameID",
                    detail(ABSENT, null, ABSENT), true));
            return;
        }
        int frameId = DcpMessage.be16(buf, offset);
        if (frameId < 0xFEFC || frameId > 0xFEFF) {
            streams.count(frame.srcMac(), frame.dstMac(), frame.srcMacText(), frame.dstMacText(), frameId,
                    frame.vlanId(), ts);
            return;
        }
        DcpMessage m = DcpMessage.parse(buf, offset + 2, length - 2);
        String service = DcpService.service(m.serviceId);
        boolean request = (m.serviceType & 0x01) == 0;
        boolean answers = !request || m.serviceId == DcpService.HELLO;
        String srcIp = answers && m.ip != null && !m.ip.equals("0.0.0.0") ? m.ip : null;
        FlowRef flow = FlowRef.link(frame.srcMacText(), frame.dstMacText(), srcIp, null, frame.vlanId());
        DcpDetail detail = detail(frameId, m, ABSENT);
        if (service == null) {
            output.event(new OtEvent(ts, -1, flow, PROTOCOL, DecoderBinding.MALFORMED_ACTION, EventCategory.OTHER,
                    Outcome.FAILURE, m.problem, detail, true));
            return;
        }
        String action = service;
        EventCategory category = m.serviceId == DcpService.GET ? EventCategory.READ : EventCategory.DISCOVERY;
        if (m.serviceId == DcpService.SET) {
            action = m.setAction != null ? m.setAction : "set";
            category = DcpService.setCategory(action);
        }
        Outcome outcome;
        String error = null;
        if (request && m.serviceId != DcpService.HELLO) {
            outcome = Outcome.UNKNOWN;
        } else if ((m.serviceType & 0x04) != 0) {
            outcome = Outcome.FAILURE;
            error = "DCP " + service + " response: request not supported (service type " + m.serviceType + ")";
        } else if (m.blockError > 0) {
            outcome = Outcome.FAILURE;
            error = "DCP " + service + " response: BlockError " + m.blockError + " for block "
                    + DcpService.block(m.errorOption, m.errorSuboption);
        } else {
            outcome = Outcome.SUCCESS;
        }
        OtEvent event = new OtEvent(ts, -1, flow, PROTOCOL, action, category, outcome, error, detail);
        output.event(m.problem != null ? event.asMalformed(m.problem) : event);
    }

    @Override
    public void onClose(long timestampMicros) {
        for (Map.Entry<RtStreams.Key, RtStreams.Stream> e : streams.streams().entrySet()) {
            RtStreams.Key k = e.getKey();
            RtStreams.Stream s = e.getValue();
            FlowRef flow = FlowRef.link(s.srcMac, s.dstMac, null, null, k.vlanId());
            output.event(new OtEvent(s.firstMicros, s.lastMicros - s.firstMicros, flow, PROTOCOL,
                    RtStreams.kind(k.frameId()), EventCategory.OTHER, Outcome.SUCCESS, null,
                    detail(k.frameId(), null, s.packets)));
        }
        streams.clear();
    }

    private static DcpDetail detail(int frameId, DcpMessage m, long packets) {
        if (m == null) {
            return new DcpDetail(frameId, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, null, null, null, null, null, ABSENT,
                    ABSENT, ABSENT, null, ABSENT, null, null, null, null, ABSENT, ABSENT, ABSENT, ABSENT, packets);
        }
        return new DcpDetail(frameId, m.serviceId, m.serviceType, m.xid, m.responseDelay, m.dataLength,
                List.copyOf(m.blocks), m.nameOfStation, m.ip, m.subnetMask, m.gateway, m.ipBlockInfo, m.vendorId,
                m.deviceId, m.typeOfStation, m.deviceRoleCode,
                m.deviceRoleCode == ABSENT ? null : DcpService.deviceRole(m.deviceRoleCode), m.aliasName,
                m.dhcpHostName, List.copyOf(m.controls), m.blockQualifier, m.blockError, m.errorOption,
                m.errorSuboption, packets);
    }
}
