package io.otsoc.collector.protocol.arp;

import io.otsoc.collector.flow.AddressText;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes ARP and RARP for a capture session and follows which MAC each IPv4 address is bound to.
 *
 * <p>Events: one per message ({@code arp_request}, {@code arp_reply}, {@code rarp_request}, {@code rarp_reply},
 * {@code inarp_request}, {@code inarp_reply}), flagged gratuitous, probe or announcement (RFC 5227), plus one
 * {@code arp_binding_changed} when a sender announces an address already bound to another MAC (an adversary in the
 * middle indicator, ATT&amp;CK for ICS T0830), carrying the previous and the new MAC. Every message is reported, not
 * only new bindings: that is what Zeek and Suricata log, OT networks are small and quiet (a few hundred hosts asking
 * every few minutes), and the individual requests are what shows a sweep of a subnet (Remote System Discovery,
 * T0846), which a bindings-only summary hides. On a large flat network this is about one event per host per cache
 * timeout; a collector that cannot afford it filters {@code arp_request} downstream.
 *
 * <p>State: the bindings ({@link ArpBindings}, bounded) and the addresses recently asked for (bounded, for telling
 * an unsolicited reply), nothing per frame.
 */
public final class ArpDecoder implements LinkDecoder {

    public static final String PROTOCOL = "arp";
    public static final String BINDING_CHANGED = "arp_binding_changed";
    /** A reply answers a request seen for its sender address within this window. */
    static final long SOLICITED_WINDOW_MICROS = 10_000_000L;
    static final int MAX_ASKED = 4096;

    private final LinkDecoderOutput output;
    private final ArpBindings bindings;
    private final LinkedHashMap<Integer, Long> asked = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > MAX_ASKED;
        }
    };

    public ArpDecoder(LinkDecoderOutput output, int bindingCapacity) {
        this.output = output;
        this.bindings = new ArpBindings(bindingCapacity);
    }

    @Override
    public void onFrame(LinkFrame frame, byte[] buf, int offset, int length) {
        long ts = frame.timestampMicros();
        ArpPacket p = ArpPacket.parse(buf, offset, length);
        if (p.error() != null) {
            malformed(frame, p);
            return;
        }
        String action = action(p.opcode());
        String sha = AddressText.mac(p.senderMac());
        String tha = AddressText.mac(p.targetMac());
        String spa = AddressText.ipv4(p.senderIp());
        String tpa = AddressText.ipv4(p.targetIp());
        boolean request = p.opcode() == 1;
        boolean reply = p.opcode() == 2;
        boolean probe = request && p.senderIp() == 0;
        boolean sameAddress = p.senderIp() == p.targetIp() && p.senderIp() != 0;
        boolean announcement = request && sameAddress;
        boolean gratuitous = (request || reply) && sameAddress;
        if (request && !sameAddress) {
            asked.put(p.targetIp(), ts);
        } else if (reply && !gratuitous) {
            Long when = asked.get(p.senderIp());
            gratuitous = when == null || ts - when > SOLICITED_WINDOW_MICROS || ts < when;
        }
        FlowRef flow = FlowRef.link(sha, serverMac(p.targetMac(), frame), p.senderIp() == 0 ? null : spa,
                p.targetIp() == 0 ? null : tpa, frame.vlanId());
        ArpDetail detail = new ArpDetail(p.hardwareType(), p.protocolType(), p.hardwareLength(), p.protocolLength(),
                p.opcode(), sha, spa, tha, tpa, gratuitous, probe, announcement, null);
        output.event(new OtEvent(ts, -1, flow, PROTOCOL, action, EventCategory.DISCOVERY, Outcome.SUCCESS, null,
                detail));
        if ((request || reply) && p.senderIp() != 0 && !isBroadcastOrZero(p.senderMac())) {
            long previous = bindings.bind(frame.vlanId(), p.senderIp(), p.senderMac());
            if (previous >= 0) {
                String old = AddressText.mac(previous);
                ArpDetail change = new ArpDetail(p.hardwareType(), p.protocolType(), p.hardwareLength(),
                        p.protocolLength(), p.opcode(), sha, spa, null, null, gratuitous, false, announcement, old);
                output.event(new OtEvent(ts, -1, FlowRef.link(sha, null, spa, null, frame.vlanId()), PROTOCOL,
                        BINDING_CHANGED, EventCategory.DISCOVERY, Outcome.SUCCESS, null, change));
            }
        }
    }

    /** Number of IPv4 addresses whose binding is kept. */
    public int bindingCount() {
        return bindings.size();
    }

    /** Number of requested addresses remembered for telling unsolicited replies. */
    public int askedCount() {
        return asked.size();
    }

    static String action(int opcode) {
        return switch (opcode) {
            case 1 -> "arp_request";
            case 2 -> "arp_reply";
            case 3 -> "rarp_request";
            case 4 -> "rarp_reply";
            case 8 -> "inarp_request";
            case 9 -> "inarp_reply";
            default -> DecoderBinding.MALFORMED_ACTION;
        };
    }

    /**
     * The receiver's MAC: the target hardware address when the message carries one, else the frame's destination
     * when it is a single station; null for a broadcast request, whose receiver is not yet known.
     */
    private static String serverMac(long targetMac, LinkFrame frame) {
        if (!isBroadcastOrZero(targetMac)) {
            return AddressText.mac(targetMac);
        }
        if (frame.hasMacs() && (frame.dstMac() >>> 40 & 1) == 0 && frame.dstMac() != 0) {
            return frame.dstMacText();
        }
        return null;
    }

    private static boolean isBroadcastOrZero(long mac) {
        return mac == 0 || mac == 0xffff_ffff_ffffL;
    }

    private void malformed(LinkFrame frame, ArpPacket p) {
        String sha = p.addressesRead() ? AddressText.mac(p.senderMac()) : null;
        String tha = p.addressesRead() ? AddressText.mac(p.targetMac()) : null;
        String spa = p.addressesRead() ? AddressText.ipv4(p.senderIp()) : null;
        String tpa = p.addressesRead() ? AddressText.ipv4(p.targetIp()) : null;
        String action = p.opcode() < 0 ? DecoderBinding.MALFORMED_ACTION : action(p.opcode());
        ArpDetail detail = new ArpDetail(p.hardwareType(), p.protocolType(), p.hardwareLength(), p.protocolLength(),
                p.opcode(), sha, spa, tha, tpa, false, false, false, null);
        FlowRef flow = FlowRef.link(frame.srcMacText(), frame.dstMacText(), null, null, frame.vlanId());
        output.event(new OtEvent(frame.timestampMicros(), -1, flow, PROTOCOL, action, EventCategory.DISCOVERY,
                Outcome.FAILURE, p.error(), detail, true));
    }
}
