package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.Direction;

import java.util.List;
import java.util.UUID;

/**
 * What one PNIO call (a DCE/RPC request with its response, or a lone packet) carried. {@link #ABSENT} (-1) marks a
 * number not carried, null a text or UUID not carried. Kept for Java consumers and not written: {@code packets}, the
 * header of every datagram of the call in the order seen (bounded by {@link ProfinetIoDecoder#MAX_PACKETS}).
 *
 * @param pnioStatus the response's PNIOStatus (ErrorCode, ErrorDecode, ErrorCode1, ErrorCode2, most significant
 *                   first), or the status of a fault/reject
 */
public record ProfinetIoDetail(
        String packetType,
        String responsePacketType,
        int opnum,
        String interfaceName,
        UUID interfaceUuid,
        UUID objectUuid,
        UUID activityUuid,
        long sequenceNumber,
        long serverBootTime,
        int packetCount,
        long argsMaximum,
        long pnioStatus,
        int[] blockTypes,
        int blockVersion,
        long api,
        int slot,
        int subslot,
        int index,
        long recordDataLength,
        int controlCommandCode,
        String controlCommand,
        UUID arUuid,
        int sessionKey,
        int arType,
        String stationName,
        List<RpcHeader> packets) implements ProtocolDetail {

    public static final int ABSENT = -1;

    @Override
    public void writeFields(DetailWriter out) {
        text(out, "packet_type", packetType);
        text(out, "response_packet_type", responsePacketType);
        number(out, "opnum", opnum);
        text(out, "interface", interfaceName);
        uuid(out, "interface_uuid", interfaceUuid);
        uuid(out, "object_uuid", objectUuid);
        uuid(out, "activity_uuid", activityUuid);
        number(out, "sequence_number", sequenceNumber);
        number(out, "server_boot_time", serverBootTime);
        number(out, "packet_count", packetCount);
        number(out, "args_maximum", argsMaximum);
        if (pnioStatus != ABSENT) {
            out.number("pnio_status", pnioStatus);
            out.number("error_code", pnioStatus >>> 24 & 0xFF);
            out.number("error_decode", pnioStatus >>> 16 & 0xFF);
            out.number("error_code1", pnioStatus >>> 8 & 0xFF);
            out.number("error_code2", pnioStatus & 0xFF);
        }
        if (blockTypes != null && blockTypes.length > 0) {
            out.numbers("block_types", blockTypes, blockTypes.length);
        }
        number(out, "block_version", blockVersion);
        number(out, "api", api);
        number(out, "slot", slot);
        number(out, "subslot", subslot);
        number(out, "index", index);
        number(out, "record_data_length", recordDataLength);
        number(out, "control_command_code", controlCommandCode);
        text(out, "control_command", controlCommand);
        uuid(out, "ar_uuid", arUuid);
        number(out, "session_key", sessionKey);
        number(out, "ar_type", arType);
        text(out, "station_name", stationName);
    }

    /**
     * A Connect request names the IO controller that sent it (CMInitiatorStationName): the end the request came
     * from, which is the flow's client when it went to the server.
     */
    @Override
    public AssetFacts assetFacts() {
        if (stationName == null || stationName.isEmpty() || !"request".equals(packetType)) {
            return null;
        }
        AssetFacts.Side side = AssetFacts.Side.CLIENT;
        for (RpcHeader h : packets == null ? List.<RpcHeader>of() : packets) {
            if (h.packetType() == RpcHeader.REQUEST) {
                side = h.direction() == Direction.TO_SERVER ? AssetFacts.Side.CLIENT : AssetFacts.Side.SERVER;
                break;
            }
        }
        return new AssetFacts(side, null, null, null, null, stationName, "PROFINET IO controller");
    }

    private static void number(DetailWriter out, String field, long value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }

    private static void text(DetailWriter out, String field, String value) {
        if (value != null) {
            out.text(field, value);
        }
    }

    private static void uuid(DetailWriter out, String field, UUID value) {
        if (value != null) {
            out.text(field, value.toString());
        }
    }
}
