package io.otsoc.collector.protocol.profinet.iocm;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What the body of a PNIO call carries (IEC 61158-6-10, "RPC services"): the NDR array header (requests:
 * ArgsMaximum, ArgsLength, MaximumCount, Offset, ActualCount; responses: the PNIOStatus then the same without
 * ArgsMaximum) in the sender's data representation, then the PNIO blocks, always big-endian: BlockType (2),
 * BlockLength (2, counting what follows it), BlockVersionHigh/Low, content. The first block says what the call is
 * about: the record (API, slot, subslot, index) of IODReadReqHeader/IODWriteReqHeader, the ControlCommand of an
 * IODControlReq/IOXControlReq/ReleaseBlock, the AR and the controller's station name of an ARBlockReq. After an
 * IODWriteReqHeader or IODReadResHeader come the record's data (RecordDataLength bytes), not blocks.
 *
 * <p>A body cut by fragmentation yields what fits; a length that contradicts the body of an unfragmented PDU
 * yields {@link #problem}.
 */
final class PnioBody {

    static final int ABSENT = -1;
    static final int MAX_BLOCKS = 16;

    long argsMaximum = ABSENT;
    long argsLength = ABSENT;
    long pnioStatus = ABSENT;
    int blockCount;
    final int[] blockTypes = new int[MAX_BLOCKS];
    int blockVersion = ABSENT;
    long api = ABSENT;
    int slot = ABSENT;
    int subslot = ABSENT;
    int index = ABSENT;
    long recordDataLength = ABSENT;
    int controlCommand = ABSENT;
    int arType = ABSENT;
    UUID arUuid;
    int sessionKey = ABSENT;
    String stationName;
    /** What contradicted a length, or null. */
    String problem;

    /** Parses a request (fault/reject: only the status) body; {@code complete} false when it is a first fragment. */
    static PnioBody parse(byte[] b, int offset, int length, int packetType, boolean littleEndian, boolean complete) {
        PnioBody body = new PnioBody();
        if (packetType == RpcHeader.FAULT || packetType == RpcHeader.REJECT) {
            if (length >= 4) {
                body.pnioStatus = RpcHeader.u32(b, offset, littleEndian);
            }
            return body;
        }
        int p = offset;
        int end = offset + length;
        boolean request = packetType == RpcHeader.REQUEST;
        int ndr = request ? 20 : 20;
        if (length < ndr) {
            if (complete && length > 0) {
                body.problem = "PNIO body of " + length + " bytes is shorter than the 20-byte "
                        + (request ? "NDR header" : "PNIOStatus and NDR header");
            }
            return body;
        }
        if (request) {
            body.argsMaximum = RpcHeader.u32(b, p, littleEndian);
        } else {
            body.pnioStatus = RpcHeader.u32(b, p, littleEndian);
        }
        body.argsLength = RpcHeader.u32(b, p + 4, littleEndian);
        p += ndr;
        long args = body.argsLength;
        if (args > end - p) {
            if (complete) {
                body.problem = "NDR ArgsLength " + args + " at body offset 4 exceeds the " + (end - p)
                        + " bytes after the NDR header";
            }
        } else {
            end = p + (int) args;
        }
        body.blocks(b, p, end, complete);
        return body;
    }

    private void blocks(byte[] b, int p, int end, boolean complete) {
        while (end - p >= 6 && blockCount < MAX_BLOCKS) {
            int type = be16(b, p);
            int blockLength = be16(b, p + 2);
            if (blockLength < 2) {
                problem = "PNIO block type 0x" + Integer.toHexString(type) + " has length " + blockLength
                        + ", less than its 2 version bytes";
                return;
            }
            int available = end - (p + 4);
            if (blockLength > available && complete) {
                problem = "PNIO block type 0x" + Integer.toHexString(type) + " length " + blockLength
                        + " exceeds the " + available + " bytes left in the body";
            }
            if (blockCount == 0) {
                blockVersion = (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF);
                first(b, p, Math.min(p + 4 + blockLength, end), type);
            }
            blockTypes[blockCount++] = type;
            if (blockLength > available) {
                return;
            }
            p += 4 + blockLength;
            int kind = type & 0x7FFF;
            if (kind == 0x0008 || kind == 0x0009) {
                // IODWriteReqHeader / IODReadResHeader: record data follows, not blocks
                if (type == 0x0008 && complete && recordDataLength > end - p) {
                    problem = "IODWriteReq RecordDataLength " + recordDataLength + " exceeds the " + (end - p)
                            + " bytes after its header";
                }
                return;
            }
        }
    }

    /** The fields of the call's first block; {@code end} bounds what may be read. */
    private void first(byte[] b, int p, int end, int type) {
        switch (type & 0x7FFF) {
            case 0x0008, 0x0009 -> {
                if (end - p >= 34 + 2) {
                    arUuid = RpcHeader.uuid(b, p + 8, false);
                    api = be32(b, p + 24);
                    slot = be16(b, p + 28);
                    subslot = be16(b, p + 30);
                    index = be16(b, p + 34);
                }
                if (end - p >= 40) {
                    recordDataLength = be32(b, p + 36);
                }
            }
            case 0x0110, 0x0111, 0x0112, 0x0113, 0x0114, 0x0116, 0x0117, 0x0118 -> {
                if (end - p >= 32) {
                    arUuid = RpcHeader.uuid(b, p + 8, false);
                    sessionKey = be16(b, p + 24);
                    controlCommand = be16(b, p + 28);
                }
            }
            case 0x0101 -> {
                if (end - p >= 26) {
                    arType = be16(b, p + 6);
                    arUuid = RpcHeader.uuid(b, p + 8, false);
                    sessionKey = be16(b, p + 24);
                }
                if ((type & 0x8000) == 0 && end - p >= 58) {
                    int nameLength = be16(b, p + 56);
                    if (nameLength <= end - (p + 58) && nameLength <= 240) {
                        stationName = new String(b, p + 58, nameLength, StandardCharsets.US_ASCII);
                    }
                }
            }
            default -> {
            }
        }
    }

    static int be16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    static long be32(byte[] b, int p) {
        return RpcHeader.u32(b, p, false);
    }
}
