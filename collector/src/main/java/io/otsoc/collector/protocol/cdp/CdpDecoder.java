package io.otsoc.collector.protocol.cdp;

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
 * Decodes CDP advertisements: after the SNAP header (AA AA 03, OUI 00:00:0C, PID 0x2000), a version, a TTL, a
 * checksum and TLVs of a 16-bit type and a 16-bit length that counts the 4-byte TLV header. One event
 * {@code advertisement} per frame. The checksum is verified and reported ({@code checksum_valid}), not enforced:
 * Cisco devices compute it with a known deviation on odd lengths, which is accepted as valid. Stateless.
 */
public final class CdpDecoder implements LinkDecoder {

    public static final String PROTOCOL = "cdp";
    static final int SNAP_HEADER = 8;
    static final int CDP_HEADER = 4;
    static final int MAX_ADDRESSES = 8;
    static final int MAX_TEXT = 1024;
    static final String[] CAPABILITIES = {"router", "transparent_bridge", "source_route_bridge", "switch", "host",
        "igmp", "repeater", "voip_phone", "remotely_managed", "cvta", "mac_relay"};

    private final LinkDecoderOutput output;

    public CdpDecoder(LinkDecoderOutput output) {
        this.output = output;
    }

    /** Whether the LLC frame is Cisco SNAP with CDP's protocol id. */
    static boolean isCdp(byte[] b, int off, int len) {
        return len >= SNAP_HEADER && (b[off] & 0xff) == 0xaa && (b[off + 1] & 0xff) == 0xaa
                && (b[off + 2] & 0xff) == 0x03 && b[off + 3] == 0 && b[off + 4] == 0 && (b[off + 5] & 0xff) == 0x0c
                && (b[off + 6] & 0xff) == 0x20 && b[off + 7] == 0;
    }

    @Override
    public void onFrame(LinkFrame frame, byte[] buf, int offset, int length) {
        if (!isCdp(buf, offset, length)) {
            return;
        }
        Parse p = new Parse();
        String error = p.run(buf, offset + SNAP_HEADER, length - SNAP_HEADER);
        CdpDetail detail = new CdpDetail(p.version, p.ttl, p.checksumValid, p.deviceId,
                p.addresses.isEmpty() ? null : p.addresses, p.portId, p.capabilities, p.software, p.platform,
                p.vtpDomain, p.nativeVlan, p.tlvs);
        FlowRef flow = FlowRef.link(frame.srcMacText(), frame.dstMacText(), null, null, frame.vlanId());
        if (error != null) {
            String action = p.version < 0 ? DecoderBinding.MALFORMED_ACTION : "advertisement";
            output.event(new OtEvent(frame.timestampMicros(), -1, flow, PROTOCOL, action, EventCategory.DISCOVERY,
                    Outcome.FAILURE, error, detail, true));
            return;
        }
        output.event(new OtEvent(frame.timestampMicros(), -1, flow, PROTOCOL, "advertisement",
                EventCategory.DISCOVERY, Outcome.SUCCESS, null, detail));
    }

    private static final class Parse {
        int version = -1;
        int ttl = -1;
        Boolean checksumValid;
        String deviceId;
        final List<String> addresses = new ArrayList<>();
        String portId;
        List<String> capabilities;
        String software;
        String platform;
        String vtpDomain;
        int nativeVlan = -1;
        int tlvs;

        String run(byte[] b, int off, int len) {
            if (len < CDP_HEADER) {
                return "CDP header cut short: " + len + " of 4 bytes";
            }
            version = b[off] & 0xff;
            ttl = b[off + 1] & 0xff;
            if (version != 1 && version != 2) {
                return "CDP version " + version + " is not 1 or 2";
            }
            checksumValid = checksumHolds(b, off, len);
            int pos = off + CDP_HEADER;
            int end = off + len;
            while (pos < end) {
                if (end - pos < 4) {
                    return "CDP TLV header at byte " + (pos - off) + " cut short: " + (end - pos) + " of 4 bytes";
                }
                int type = u16(b, pos);
                int n = u16(b, pos + 2);
                if (n < 4) {
                    return "CDP TLV type 0x" + Integer.toHexString(type) + " at byte " + (pos - off)
                            + " has length " + n + ", less than its 4-byte header";
                }
                if (n > end - pos) {
                    return "CDP TLV type 0x" + Integer.toHexString(type) + " at byte " + (pos - off) + " declares "
                            + n + " bytes but " + (end - pos) + " remain";
                }
                tlvs++;
                String error = tlv(type, b, pos + 4, n - 4);
                if (error != null) {
                    return error + " (TLV at byte " + (pos - off) + ")";
                }
                pos += n;
            }
            return null;
        }

        private String tlv(int type, byte[] b, int v, int n) {
            switch (type) {
                case 0x0001 -> deviceId = text(b, v, n);
                case 0x0002, 0x0016 -> {
                    return addresses(b, v, n);
                }
                case 0x0003 -> portId = text(b, v, n);
                case 0x0004 -> {
                    if (n != 4) {
                        return "CDP capabilities TLV value of " + n + " bytes, not 4";
                    }
                    int bits = u16(b, v) << 16 | u16(b, v + 2);
                    capabilities = new ArrayList<>();
                    for (int i = 0; i < 32; i++) {
                        if ((bits & 1 << i) != 0) {
                            capabilities.add(i < CAPABILITIES.length ? CAPABILITIES[i] : "bit_" + i);
                        }
                    }
                }
                case 0x0005 -> software = text(b, v, n);
                case 0x0006 -> platform = text(b, v, n);
                case 0x0009 -> vtpDomain = text(b, v, n);
                case 0x000a -> {
                    if (n != 2) {
                        return "CDP native VLAN TLV value of " + n + " bytes, not 2";
                    }
                    nativeVlan = u16(b, v);
                }
                default -> {
                    // other TLVs (duplex, power, prefixes...) skipped by their length
                }
            }
            return null;
        }

        /** A 32-bit count, then per address: protocol type, protocol length, protocol, 16-bit length, address. */
        private String addresses(byte[] b, int v, int n) {
            if (n < 4) {
                return "CDP address TLV value of " + n + " bytes has no 4-byte count";
            }
            long count = (long) u16(b, v) << 16 | u16(b, v + 2);
            int p = v + 4;
            int end = v + n;
            for (long i = 0; i < count; i++) {
                if (end - p < 2) {
                    return "CDP address " + (i + 1) + " of " + count + " cut short";
                }
                int protocolLength = b[p + 1] & 0xff;
                if (end - p < 2 + protocolLength + 2) {
                    return "CDP address " + (i + 1) + " protocol length " + protocolLength + " overruns the TLV";
                }
                int proto = p + 2;
                int addressLength = u16(b, proto + protocolLength);
                int a = proto + protocolLength + 2;
                if (addressLength > end - a) {
                    return "CDP address " + (i + 1) + " length " + addressLength + " overruns the TLV by "
                            + (addressLength - (end - a)) + " bytes";
                }
                if (addresses.size() < MAX_ADDRESSES) {
                    String text = address(b, proto, protocolLength, a, addressLength);
                    if (text != null) {
                        addresses.add(text);
                    }
                }
                p = a + addressLength;
            }
            return null;
        }

        /** NLPID 0xCC with 4 bytes is IPv4; 802.2 SNAP with EtherType 0x86DD and 16 bytes is IPv6. */
        private static String address(byte[] b, int proto, int protocolLength, int a, int n) {
            if (protocolLength == 1 && (b[proto] & 0xff) == 0xcc && n == 4) {
                return AddressText.ipv4(u16(b, a) << 16 | u16(b, a + 2));
            }
            if (protocolLength == 8 && (b[proto + 6] & 0xff) == 0x86 && (b[proto + 7] & 0xff) == 0xdd && n == 16) {
                long hi = 0;
                long lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = hi << 8 | b[a + i] & 0xff;
                    lo = lo << 8 | b[a + 8 + i] & 0xff;
                }
                return AddressText.ipv6(hi, lo);
            }
            return null;
        }
    }

    /**
     * The ones'-complement sum over the whole PDU, checksum included, is 0xFFFF. For an odd length RFC 1071 pads
     * the last byte with a zero on the right; Cisco's implementation instead adds the last byte as a signed char
     * (sign-extended, two's complement) to the running sum, which is what the Cisco switches in the shared captures
     * send (odd length 327, last byte 0xFF: only this reading verifies, as Wireshark also accepts). Both are accepted.
     */
    static boolean checksumHolds(byte[] b, int off, int len) {
        long sum = 0;
        int even = len & ~1;
        for (int i = 0; i < even; i += 2) {
            sum += u16(b, off + i);
        }
        if ((len & 1) == 0) {
            return fold(sum) == 0xffff;
        }
        int last = b[off + len - 1] & 0xff;
        long cisco = sum + (byte) last;
        return fold(sum + (last << 8)) == 0xffff || cisco > 0 && fold(cisco) == 0xffff;
    }

    private static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    static String text(byte[] b, int p, int n) {
        int end = p + n;
        while (end > p && (b[end - 1] == 0 || b[end - 1] == ' ' || b[end - 1] == '\n')) {
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

    static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
    }
}
