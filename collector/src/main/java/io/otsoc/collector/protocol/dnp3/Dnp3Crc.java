package io.otsoc.collector.protocol.dnp3;

/** CRC-16/DNP (IEEE 1815 9.2.4.2.1): polynomial 0x3D65 reflected, initial 0, final complement, sent low byte first. */
final class Dnp3Crc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA6BC : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Dnp3Crc() {
    }

    static int compute(byte[] b, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xFF];
        }
        return ~crc & 0xFFFF;
    }

    /** Whether the {@code len} bytes at {@code off} are followed by their correct CRC. */
    static boolean matches(byte[] b, int off, int len) {
        int crc = compute(b, off, len);
        return (b[off + len] & 0xFF) == (crc & 0xFF) && (b[off + len + 1] & 0xFF) == (crc >>> 8);
    }
}
