package io.otsoc.collector.protocol.enip;

import java.util.ArrayList;
import java.util.List;

/**
 * The Common Packet Format items of one encapsulated message (CIP Vol. 2, 2-6): the item count, then items of
 * type, length and data. Remembers the address item (null, connected with its connection id, sequenced with its
 * connection id and sequence number), the data item (connected or unconnected) and what ListIdentity and
 * ListServices replies carry. Fixed-size items must have their size; each item must fit in what is left.
 * Reused for every message of a flow.
 */
final class CommonPacketFormat {

    static final int NULL_ADDRESS = 0x0000;
    static final int LIST_IDENTITY = 0x000C;
    static final int CONNECTED_ADDRESS = 0x00A1;
    static final int CONNECTED_DATA = 0x00B1;
    static final int UNCONNECTED_DATA = 0x00B2;
    static final int LIST_SERVICES = 0x0100;
    static final int SOCKADDR_OT = 0x8000;
    static final int SOCKADDR_TO = 0x8001;
    static final int SEQUENCED_ADDRESS = 0x8002;
    /** Items read per message; CIP needs at most four (address, data, two sockaddr). */
    static final int MAX_ITEMS = 64;

    int count;
    int addressType;
    long connectionId;
    long sequenceNumber;
    int dataType;
    int dataOffset;
    int dataLength;
    CipIdentity identity;
    List<String> services;
    String problem;
    /** Bytes from the item count through the last item read. */
    int consumed;

    /** Reads the item count and items in the {@code len} bytes at {@code off}; false with {@link #problem} set. */
    boolean read(byte[] b, int off, int len) {
        count = 0;
        addressType = -1;
        connectionId = -1;
        sequenceNumber = -1;
        dataType = -1;
        dataOffset = 0;
        dataLength = 0;
        identity = null;
        services = null;
        problem = null;
        consumed = 0;
        if (len < 2) {
            return fail("the " + len + "-byte data lacks the item count");
        }
        count = Le.u16(b, off);
        if (count > MAX_ITEMS) {
            return fail("item count " + count + " exceeds " + MAX_ITEMS);
        }
        int p = off + 2;
        int end = off + len;
        for (int i = 0; i < count; i++) {
            if (p + 4 > end) {
                return fail("item " + (i + 1) + " of " + count + " starts beyond the data");
            }
            int type = Le.u16(b, p);
            int length = Le.u16(b, p + 2);
            int data = p + 4;
            if (data + length > end) {
                return fail("item 0x" + Integer.toHexString(type) + " length " + length + " exceeds the "
                        + (end - data) + " bytes left");
            }
            switch (type) {
                case NULL_ADDRESS -> {
                    if (length != 0) {
                        return fail("null address item length " + length + " is not 0");
                    }
                    addressType = type;
                }
                case CONNECTED_ADDRESS -> {
                    if (length != 4) {
                        return fail("connected address item length " + length + " is not 4");
                    }
                    addressType = type;
                    connectionId = Le.u32(b, data);
                }
                case SEQUENCED_ADDRESS -> {
                    if (length != 8) {
                        return fail("sequenced address item length " + length + " is not 8");
                    }
                    addressType = type;
                    connectionId = Le.u32(b, data);
                    sequenceNumber = Le.u32(b, data + 4);
                }
                case CONNECTED_DATA, UNCONNECTED_DATA -> {
                    if (dataType < 0) {
                        dataType = type;
                        dataOffset = data;
                        dataLength = length;
                    }
                }
                case SOCKADDR_OT, SOCKADDR_TO -> {
                    if (length != 16) {
                        return fail("sockaddr info item length " + length + " is not 16");
                    }
                }
                case LIST_IDENTITY -> {
                    identity = CipIdentity.fromListIdentity(b, data, length);
                    if (identity == null) {
                        return fail("CIP Identity item of " + length + " bytes is shorter than its fields");
                    }
                }
                case LIST_SERVICES -> {
                    if (length < 20) {
                        return fail("service item of " + length + " bytes is shorter than its 20 bytes");
                    }
                    if (services == null) {
                        services = new ArrayList<>(2);
                    }
                    if (services.size() < 8) {
                        services.add(Le.ascii(b, data + 4, 16));
                    }
                }
                default -> { } // other items (security, capability, vendor) are skipped by their length
            }
            p = data + length;
        }
        consumed = p - off;
        return true;
    }

    private boolean fail(String reason) {
        problem = reason;
        return false;
    }
}
