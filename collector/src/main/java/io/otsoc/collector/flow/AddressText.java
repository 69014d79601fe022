package io.otsoc.collector.flow;

/**
 * Text forms of the primitive addresses the dissector produces: dotted IPv4, RFC 5952 IPv6 (lower case,
 * longest run of two or more zero groups compressed, first one on a tie) and lower-case colon-separated MACs.
 * Called once per flow, never per packet.
 */
public final class AddressText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressText() {
    }

    public static String ip(boolean v6, long hi, long lo) {
        return v6 ? ipv6(hi, lo) : ipv4((int) lo);
    }

    public static String ipv4(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    public static String ipv6(long hi, long lo) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    /** {@code 00:1b:1b:aa:bb:cc} from the 48 low bits. */
    public static String mac(long mac) {
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int octet = (int) (mac >>> (40 - 8 * i)) & 0xff;
            c[i * 3] = HEX[octet >>> 4];
            c[i * 3 + 1] = HEX[octet & 0x0f];
            if (i < 5) {
                c[i * 3 + 2] = ':';
            }
        }
        return new String(c);
    }

    /** Writes an address in network order, 4 bytes for IPv4 and 16 for IPv6; returns the next index. */
    static int writeIp(byte[] out, int at, boolean v6, long hi, long lo) {
        if (v6) {
            writeLong(out, at, hi);
            writeLong(out, at + 8, lo);
            return at + 16;
        }
        int v = (int) lo;
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
        return at + 4;
    }

    private static void writeLong(byte[] out, int at, long v) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
