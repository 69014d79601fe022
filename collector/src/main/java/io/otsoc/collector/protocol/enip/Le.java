package io.otsoc.collector.protocol.enip;

/** Little-endian reads (EtherNet/IP and CIP are little-endian throughout); callers check bounds first. */
final class Le {

    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off)) | ((long) u16(b, off + 2)) << 16;
    }

    /** Printable ASCII of at most {@code len} bytes, other bytes as '?', trailing NULs dropped. */
    static String ascii(byte[] b, int off, int len) {
        int end = off + len;
        while (end > off && b[end - 1] == 0) {
            end--;
        }
        StringBuilder s = new StringBuilder(end - off);
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
