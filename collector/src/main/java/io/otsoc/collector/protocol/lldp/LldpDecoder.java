package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.flow.AddressText;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes LLDPDUs (IEEE 802.1AB): a sequence of TLVs, each a 7-bit type and a 9-bit length, starting with the
 * chassis id, port id and TTL TLVs and closed by an End TLV (Ethernet padding may follow it). One event per LLDPDU:
 * {@code advertisement}, or {@code shutdown} for a TTL of 0 (clause 9.2.7.3, the sender leaving). Stateless.
 */
public final class LldpDecoder implements LinkDecoder {

    public static final String PROTOCOL = "lldp";
    /** Management addresses kept per LLDPDU. */
    static final int MAX_ADDRESSES = 8;
    /** Characters kept of a text TLV (their length field allows 511 bytes). */
    static final int MAX_TEXT = 255;

    static final String[] CAPABILITIES = {"other", "repeater", "bridge", "wlan_access_point", "router",
        "telephone", "docsis_cable_device", "station", "c_vlan", "s_vlan", "two_port_mac_relay"};

    private final LinkDecoderOutput output;

    public LldpDecoder(LinkDecoderOutput output) {
        this.output = output;
    }

    @Override
    public void onFrame(LinkFrame frame, byte[] buf, int offset, int length) {
        Parse p = new Parse();
        String error = p.run(buf, offset, length);
        LldpDetail detail = new LldpDetail(p.chassisSubtype, p.chassisId, p.portSubtype, p.portId, p.ttl,
                p.portDescription, p.systemName, p.systemDescription, p.systemCaps, p.enabledCaps,
                p.addresses.isEmpty() ? null : p.addresses, p.orgTlvs, p.tlvs);
        FlowRef flow = FlowRef.link(frame.srcMacText(), frame.dstMacText(), null, null, frame.vlanId());
        if (error != null) {
            String action = p.ttl < 0 ? DecoderBinding.MALFORMED_ACTION : p.ttl == 0 ? "shutdown" : "advertisement";
            output.event(new OtEvent(frame.timestampMicros(), -1, flow, PROTOCOL, action, EventCategory.DISCOVERY,
                    Outcome.FAILURE, error, detail, true));
            return;
        }
        output.event(new OtEvent(frame.timestampMicros(), -1, flow, PROTOCOL,
                p.ttl == 0 ? "shutdown" : "advertisement", EventCategory.DISCOVERY, Outcome.SUCCESS, null, detail));
    }

    /** The TLVs of one LLDPDU, read in order. */
    private static final class Parse {
        int chassisSubtype = -1;
        String chassisId;
        int portSubtype = -1;
        String portId;
        int ttl = -1;
        String portDescription;
        String systemName;
        String systemDescription;
        List<String> systemCaps;
        List<String> enabledCaps;
        final List<String> addresses = new ArrayList<>();
        int orgTlvs = -1;
        int tlvs;

        /** Reads the TLVs; returns what was wrong, or null. */
        String run(byte[] b, int off, int len) {
            int pos = off;
            int end = off + len;
            while (true) {
                if (end - pos < 2) {
                    if (tlvs >= 3 && end == pos) {
                        return null; // no End TLV: tolerated when the frame ends exactly after a TLV
                    }
                    return "LLDP TLV header at byte " + (pos - off) + " cut short: " + (end - pos) + " of 2 bytes";
                }
                int type = (b[pos] & 0xff) >>> 1;
                int tlvLength = (b[pos] & 1) << 8 | b[pos + 1] & 0xff;
                int v = pos + 2;
                if (tlvLength > end - v) {
                    return "LLDP TLV type " + type + " at byte " + (pos - off) + " declares " + tlvLength
                            + " bytes but " + (end - v) + " remain";
                }
                tlvs++;
                String order = mandatoryOrder(type, tlvs);
                if (order != null) {
                    return order;
                }
                String error = tlv(type, b, v, tlvLength);
                if (error != null) {
                    return error + " (TLV at byte " + (pos - off) + ")";
                }
                if (type == 0) {
                    tlvs--;
                    return null;
                }
                pos = v + tlvLength;
            }
        }

        private static String mandatoryOrder(int type, int index) {
            int expected = index <= 3 ? index : -1;
            if (expected > 0 && type != expected) {
                return "LLDP TLV " + index + " has type " + type + " where the mandatory "
                        + new String[] {"", "chassis id", "port id", "TTL"}[expected] + " TLV (type " + expected
                        + ") must be";
            }
            if (index > 3 && type >= 1 && type <= 3) {
                return "LLDP TLV " + index + " repeats the mandatory type " + type;
            }
            return null;
        }

        private String tlv(int type, byte[] b, int v, int n) {
            switch (type) {
                case 0 -> {
                    if (n != 0) {
                        return "LLDP End TLV has length " + n + ", not 0";
                    }
                }
                case 1 -> {
                    if (n < 2 || n > 256) {
                        return "LLDP chassis id TLV length " + n + " outside 2-256";
                    }
                    chassisSubtype = b[v] & 0xff;
                    chassisId = identifier(b, v + 1, n - 1, chassisSubtype == 4, chassisSubtype == 5);
                }
                case 2 -> {
                    if (n < 2 || n > 256) {
                        return "LLDP port id TLV length " + n + " outside 2-256";
                    }
                    portSubtype = b[v] & 0xff;
                    portId = identifier(b, v + 1, n - 1, portSubtype == 3, portSubtype == 4);
                }
                case 3 -> {
                    if (n < 2) {
                        return "LLDP TTL TLV length " + n + " is less than 2";
                    }
                    ttl = (b[v] & 0xff) << 8 | b[v + 1] & 0xff;
                }
                case 4 -> portDescription = text(b, v, n);
                case 5 -> systemName = text(b, v, n);
                case 6 -> systemDescription = text(b, v, n);
                case 7 -> {
                    if (n != 4) {
                        return "LLDP system capabilities TLV length " + n + " is not 4";
                    }
                    systemCaps = capabilities((b[v] & 0xff) << 8 | b[v + 1] & 0xff);
                    enabledCaps = capabilities((b[v + 2] & 0xff) << 8 | b[v + 3] & 0xff);
                }
                case 8 -> {
                    return managementAddress(b, v, n);
                }
                case 127 -> {
                    if (n < 4) {
                        return "LLDP organizationally specific TLV length " + n + " is less than 4";
                    }
                    orgTlvs = Math.max(orgTlvs, 0) + 1;
                }
                default -> {
                    // reserved types 9-126: skipped by their length
                }
            }
            return null;
        }

        /** Management address TLV: string length, subtype, address, interface numbering (5), OID length, OID. */
        private String managementAddress(byte[] b, int v, int n) {
            if (n < 9 || n > 167) {
                return "LLDP management address TLV length " + n + " outside 9-167";
            }
            int stringLength = b[v] & 0xff;
            if (stringLength < 2 || stringLength > 32 || 1 + stringLength + 6 > n) {
                return "LLDP management address string length " + stringLength + " does not fit the "
                        + n + "-byte TLV";
            }
            int oidLength = b[v + 1 + stringLength + 5] & 0xff;
            if (1 + stringLength + 6 + oidLength != n) {
                return "LLDP management address OID length " + oidLength + " does not fit the " + n + "-byte TLV";
            }
            if (addresses.size() < MAX_ADDRESSES) {
                String a = networkAddress(b, v + 1, stringLength);
                if (a != null) {
                    addresses.add(a);
                }
            }
            return null;
        }

        private static List<String> capabilities(int bits) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                if ((bits & 1 << i) != 0) {
                    names.add(i < CAPABILITIES.length ? CAPABILITIES[i] : "reserved_" + i);
                }
            }
            return names;
        }
    }

    /** An id value: a MAC for MAC subtypes of 6 bytes, an address for network-address subtypes, else text. */
    static String identifier(byte[] b, int p, int n, boolean mac, boolean network) {
        if (mac && n == 6) {
            return AddressText.mac(u48(b, p));
        }
        if (network) {
            String a = networkAddress(b, p, n);
            if (a != null) {
                return a;
            }
        }
        return text(b, p, n);
    }

    /** IANA address family (1 IPv4, 2 IPv6, 6 IEEE 802) then the address; null for others. */
    static String networkAddress(byte[] b, int p, int n) {
        int family = b[p] & 0xff;
        if (family == 1 && n == 5) {
            return AddressText.ipv4((b[p + 1] & 0xff) << 24 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 8
                    | b[p + 4] & 0xff);
        }
        if (family == 2 && n == 17) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | b[p + 1 + i] & 0xff;
                lo = lo << 8 | b[p + 9 + i] & 0xff;
            }
            return AddressText.ipv6(hi, lo);
        }
        if (family == 6 && n == 7) {
            return AddressText.mac(u48(b, p + 1));
        }
        return null;
    }

    /** Printable text of a string TLV: trailing NULs and spaces dropped, control characters replaced by '.'. */
    static String text(byte[] b, int p, int n) {
        int end = p + n;
        while (end > p && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        String s = new String(b, p, end - p, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && out.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? '.' : c);
        }
        return out.toString();
    }

    static long u48(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | b[p + i] & 0xff;
        }
        return v;
    }
}
