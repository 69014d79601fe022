package io.otsoc.collector.protocol.arp;

/**
 * One ARP or RARP packet as laid out by RFC 826: hardware type, protocol type, their address lengths, the opcode,
 * then sender and target hardware and protocol addresses of the declared lengths. Only Ethernet-style hardware
 * (types 1 and 6, 6-byte addresses) with IPv4 (0x0800, 4-byte addresses) is decoded into addresses;
 * {@link #parse} names what breaks the layout.
 *
 * @param senderMac 48-bit sender hardware address, or -1 when not readable
 * @param senderIp  sender IPv4 address as an int, valid when {@code senderMac >= 0} or {@code error == null}
 * @param error     what was wrong, or null for a well-formed packet
 */
record ArpPacket(int hardwareType, int protocolType, int hardwareLength, int protocolLength, int opcode,
                 long senderMac, int senderIp, long targetMac, int targetIp, boolean addressesRead, String error) {

    static final int HEADER = 8;
    static final int ETHERNET = 1;
    static final int IEEE802 = 6;
    static final int IPV4 = 0x0800;

    static ArpPacket parse(byte[] b, int off, int len) {
        if (len < HEADER) {
            return new ArpPacket(-1, -1, -1, -1, -1, -1, 0, -1, 0, false,
                    "ARP header cut short: " + len + " of 8 bytes");
        }
        int hrd = u16(b, off);
        int pro = u16(b, off + 2);
        int hln = b[off + 4] & 0xff;
        int pln = b[off + 5] & 0xff;
        int op = u16(b, off + 6);
        int needed = HEADER + 2 * hln + 2 * pln;
        boolean fits = len >= needed;
        // Addresses at the declared offsets, as far as they go: the first 6 and 4 bytes of each field.
        boolean readable = fits && hln >= 6 && pln >= 4;
        long sha = readable ? u48(b, off + HEADER) : -1;
        int spa = readable ? u32(b, off + HEADER + hln) : 0;
        long tha = readable ? u48(b, off + HEADER + hln + pln) : -1;
        int tpa = readable ? u32(b, off + HEADER + 2 * hln + pln) : 0;
        String error = null;
        if (hrd != ETHERNET && hrd != IEEE802) {
            error = "ARP hardware type " + hrd + " is not Ethernet (1) or IEEE 802 (6)";
        } else if (hln != 6) {
            error = "ARP hardware address length " + hln + " is not 6 for hardware type " + hrd;
        } else if (pro != IPV4) {
            error = String.format("ARP protocol type 0x%04x is not IPv4 (0x0800)", pro);
        } else if (pln != 4) {
            error = "ARP protocol address length " + pln + " is not 4 for IPv4";
        } else if (!fits) {
            error = "ARP addresses cut short: " + len + " of " + needed + " bytes";
        } else if (!(op >= 1 && op <= 4 || op == 8 || op == 9)) {
            error = "ARP opcode " + op + " is not a (R/In)ARP request or reply (1-4, 8, 9)";
        }
        return new ArpPacket(hrd, pro, hln, pln, op, sha, spa, tha, tpa, readable, error);
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
    }

    static int u32(byte[] b, int p) {
        return u16(b, p) << 16 | u16(b, p + 2);
    }

    static long u48(byte[] b, int p) {
        return (long) u16(b, p) << 32 | u32(b, p + 2) & 0xffffffffL;
    }
}
