package io.otsoc.collector.protocol.modbus;

/** Reads Modbus's big-endian unsigned fields. */
final class BigEndian {

    private BigEndian() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }
}
