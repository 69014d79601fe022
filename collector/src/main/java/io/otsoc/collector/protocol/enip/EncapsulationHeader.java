package io.otsoc.collector.protocol.enip;

/**
 * The 24-byte EtherNet/IP encapsulation header (CIP Vol. 2, 2-3): command, length of the data that follows, session
 * handle, status, sender context (echoed by the target; its 8 bytes in wire order, first byte highest) and options.
 * Every message has one, so the context is kept as a number and shown as hex only when a detail is written.
 */
public record EncapsulationHeader(int command, int length, long sessionHandle, long status, long senderContextBytes,
                                  long options) {

    public static final int SIZE = 24;
    /** Largest data length: the 16-bit length field less the header. */
    public static final int MAX_LENGTH = 65535 - SIZE;

    static EncapsulationHeader read(byte[] b, int off) {
        return new EncapsulationHeader(Le.u16(b, off), Le.u16(b, off + 2), Le.u32(b, off + 4), Le.u32(b, off + 8),
                wireOrder(b, off + 12), Le.u32(b, off + 20));
    }

    /** The sender context as hex in wire order, e.g. {@code 0x0102030405060708}. */
    public String senderContext() {
        String digits = Long.toHexString(senderContextBytes);
        return "0x" + "0".repeat(16 - digits.length()) + digits;
    }

    private static long wireOrder(byte[] b, int off) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (b[off + i] & 0xFF);
        }
        return value;
    }

    /** Whether the bytes at {@code off} can frame a message: a defined command and a length within bounds. */
    static boolean frames(byte[] b, int off) {
        return EnipCommand.known(Le.u16(b, off)) && Le.u16(b, off + 2) <= MAX_LENGTH;
    }

    /**
     * What makes the header at {@code off} unlike the start of a message sent by a conforming device, or null: an
     * undefined command, non-zero options (the receiver discards those, 2-3.6), a status on a request, or a length
     * the command cannot have.
     */
    static String implausible(byte[] b, int off, boolean fromClient) {
        int command = Le.u16(b, off);
        int length = Le.u16(b, off + 2);
        if (!EnipCommand.known(command) || command == EnipCommand.NOP) {
            return "command 0x" + Integer.toHexString(command) + " is not an encapsulation command";
        }
        if (Le.u32(b, off + 20) != 0) {
            return "options 0x" + Long.toHexString(Le.u32(b, off + 20)) + " are not zero";
        }
        long status = Le.u32(b, off + 8);
        if (fromClient && status != 0) {
            return "request carries status 0x" + Long.toHexString(status);
        }
        if (!fromClient && !EnipCommand.knownStatus(status)) {
            return "status 0x" + Long.toHexString(status) + " is not defined";
        }
        switch (command) {
            case EnipCommand.REGISTER_SESSION:
                return length == 4 ? null : "RegisterSession length " + length + " is not 4";
            case EnipCommand.UNREGISTER_SESSION:
                return length == 0 ? null : "UnregisterSession length " + length + " is not 0";
            case EnipCommand.SEND_RR_DATA:
            case EnipCommand.SEND_UNIT_DATA:
                return length >= 8 || (!fromClient && status != 0) ? null
                        : EnipCommand.display(command) + " length " + length + " is below its 8-byte minimum";
            default:
                return fromClient && length != 0 && command != EnipCommand.LIST_IDENTITY
                        ? EnipCommand.display(command) + " request length " + length + " is not 0" : null;
        }
    }
}
