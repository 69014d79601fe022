package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.flow.AddressText;

/**
 * One BOOTP/DHCP message (RFC 2131 section 2, RFC 951): the 236-byte fixed header, the magic cookie 99.130.83.99
 * and the options. {@link #parse} checks the header and lengths; {@link #error} names the first thing wrong and
 * whatever was read before it stays available.
 */
final class DhcpMessage {

    static final int FIXED = 236;
    static final int COOKIE = 0x63825363;
    static final int SNAME_AT = 44;
    static final int SNAME_LENGTH = 64;
    static final int FILE_AT = 108;
    static final int FILE_LENGTH = 128;

    int op = -1;
    int htype = -1;
    int hlen = -1;
    int hops = -1;
    long xid = -1;
    int secs = -1;
    int flags = -1;
    String ciaddr;
    String yiaddr;
    String siaddr;
    String giaddr;
    boolean relayed;
    String chaddr;
    String serverHostName;
    String bootFile;
    boolean cookie;
    final DhcpOptions options = new DhcpOptions();
    String error;

    /** Whether the bytes look like BOOTP with DHCP's magic cookie (for content recognition). */
    static boolean looksLikeDhcp(byte[] b, int off, int len) {
        if (len < FIXED + 4) {
            return false;
        }
        int op = b[off] & 0xff;
        int hlen = b[off + 2] & 0xff;
        return (op == 1 || op == 2) && hlen >= 1 && hlen <= 16 && DhcpOptions.u32(b, off + FIXED) == COOKIE;
    }

    static DhcpMessage parse(byte[] b, int off, int len) {
        DhcpMessage m = new DhcpMessage();
        m.read(b, off, len);
        return m;
    }

    private void read(byte[] b, int off, int len) {
        if (len < FIXED) {
            error = "BOOTP message of " + len + " bytes is shorter than the 236-byte fixed header";
            return;
        }
        op = b[off] & 0xff;
        htype = b[off + 1] & 0xff;
        hlen = b[off + 2] & 0xff;
        hops = b[off + 3] & 0xff;
        xid = DhcpOptions.u32(b, off + 4) & 0xffffffffL;
        secs = (b[off + 8] & 0xff) << 8 | b[off + 9] & 0xff;
        flags = (b[off + 10] & 0xff) << 8 | b[off + 11] & 0xff;
        ciaddr = DhcpOptions.ip(b, off + 12);
        yiaddr = DhcpOptions.ip(b, off + 16);
        siaddr = DhcpOptions.ip(b, off + 20);
        giaddr = DhcpOptions.ip(b, off + 24);
        relayed = DhcpOptions.u32(b, off + 24) != 0;
        if (op != 1 && op != 2) {
            error = "BOOTP op " + op + " is neither BOOTREQUEST (1) nor BOOTREPLY (2)";
            return;
        }
        if (hlen > 16) {
            error = "BOOTP hardware address length " + hlen + " exceeds the 16-byte chaddr field";
            return;
        }
        if (htype == 1 && hlen == 6) {
            long mac = 0;
            for (int i = 0; i < 6; i++) {
                mac = mac << 8 | b[off + 28 + i] & 0xff;
            }
            chaddr = AddressText.mac(mac);
        } else if (hlen > 0) {
            chaddr = DhcpOptions.hex(b, off + 28, hlen);
        }
        if (len < FIXED + 4 || DhcpOptions.u32(b, off + FIXED) != COOKIE) {
            // Plain BOOTP (RFC 951): vendor area without DHCP's cookie; names as they are.
            serverHostName = field(b, off + SNAME_AT, SNAME_LENGTH);
            bootFile = field(b, off + FILE_AT, FILE_LENGTH);
            return;
        }
        cookie = true;
        if (!options.read(b, off + FIXED + 4, len - FIXED - 4, "options field")) {
            error = options.error;
            return;
        }
        int overload = options.overload;
        if (overload > 3 || overload == 0) {
            error = "DHCP option overload value " + overload + " is not 1 (file), 2 (sname) or 3 (both)";
            return;
        }
        if (overload == 1 || overload == 3) {
            if (!options.read(b, off + FILE_AT, FILE_LENGTH, "file field")) {
                error = options.error;
                return;
            }
        } else {
            bootFile = field(b, off + FILE_AT, FILE_LENGTH);
        }
        if (overload == 2 || overload == 3) {
            if (!options.read(b, off + SNAME_AT, SNAME_LENGTH, "sname field")) {
                error = options.error;
                return;
            }
        } else {
            serverHostName = field(b, off + SNAME_AT, SNAME_LENGTH);
        }
        if (options.messageType < 0) {
            return; // BOOTP with the cookie but without option 53: a BOOTP message
        }
        if (DhcpMessageType.name(options.messageType) == null) {
            error = "DHCP message type " + options.messageType + " is not defined (1-" + DhcpMessageType.highest()
                    + ")";
        }
    }

    /** A NUL-terminated name field; null when empty. */
    private static String field(byte[] b, int p, int n) {
        int end = p;
        while (end < p + n && b[end] != 0) {
            end++;
        }
        return end == p ? null : DhcpOptions.text(b, p, end - p);
    }

    /** The event's action: the DHCP message type's name, or BOOTP's op name without one. */
    String action() {
        if (options.messageType >= 0) {
            String name = DhcpMessageType.name(options.messageType);
            if (name != null) {
                return name;
            }
        }
        return op == 1 ? "boot_request" : op == 2 ? "boot_reply" : null;
    }
}
