package io.otsoc.collector.protocol.opcua;

import java.util.Map;

/** OPC UA StatusCodes (OPC 10000-4, 7.39; StatusCode.csv): severity from the top two bits, names of common codes. */
final class StatusCodes {

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x00000000L, "Good"),
            Map.entry(0x80010000L, "BadUnexpectedError"),
            Map.entry(0x80020000L, "BadInternalError"),
            Map.entry(0x80030000L, "BadOutOfMemory"),
            Map.entry(0x80050000L, "BadCommunicationError"),
            Map.entry(0x80060000L, "BadEncodingError"),
            Map.entry(0x80070000L, "BadDecodingError"),
            Map.entry(0x80080000L, "BadEncodingLimitsExceeded"),
            Map.entry(0x800A0000L, "BadTimeout"),
            Map.entry(0x800B0000L, "BadServiceUnsupported"),
            Map.entry(0x800C0000L, "BadShutdown"),
            Map.entry(0x800D0000L, "BadServerNotConnected"),
            Map.entry(0x800E0000L, "BadServerHalted"),
            Map.entry(0x800F0000L, "BadNothingToDo"),
            Map.entry(0x80100000L, "BadTooManyOperations"),
            Map.entry(0x80130000L, "BadCertificateInvalid"),
            Map.entry(0x80140000L, "BadSecurityChecksFailed"),
            Map.entry(0x801F0000L, "BadUserAccessDenied"),
            Map.entry(0x80200000L, "BadIdentityTokenInvalid"),
            Map.entry(0x80210000L, "BadIdentityTokenRejected"),
            Map.entry(0x80220000L, "BadSecureChannelIdInvalid"),
            Map.entry(0x80250000L, "BadSessionIdInvalid"),
            Map.entry(0x80260000L, "BadSessionClosed"),
            Map.entry(0x80270000L, "BadSessionNotActivated"),
            Map.entry(0x80280000L, "BadSubscriptionIdInvalid"),
            Map.entry(0x802A0000L, "BadRequestHeaderInvalid"),
            Map.entry(0x80330000L, "BadNodeIdInvalid"),
            Map.entry(0x80340000L, "BadNodeIdUnknown"),
            Map.entry(0x80350000L, "BadAttributeIdInvalid"),
            Map.entry(0x803A0000L, "BadNotReadable"),
            Map.entry(0x803B0000L, "BadNotWritable"),
            Map.entry(0x803C0000L, "BadOutOfRange"),
            Map.entry(0x803D0000L, "BadNotSupported"),
            Map.entry(0x803E0000L, "BadNotFound"),
            Map.entry(0x80740000L, "BadTypeMismatch"),
            Map.entry(0x80750000L, "BadMethodInvalid"),
            Map.entry(0x80760000L, "BadArgumentsMissing"),
            Map.entry(0x807F0000L, "BadTcpServerTooBusy"),
            Map.entry(0x80800000L, "BadTcpMessageTypeInvalid"),
            Map.entry(0x80810000L, "BadTcpSecureChannelUnknown"),
            Map.entry(0x80820000L, "BadTcpMessageTooLarge"),
            Map.entry(0x80830000L, "BadTcpNotEnoughResources"),
            Map.entry(0x80840000L, "BadTcpInternalError"),
            Map.entry(0x80850000L, "BadTcpEndpointUrlInvalid"),
            Map.entry(0x80860000L, "BadRequestInterrupted"),
            Map.entry(0x80870000L, "BadRequestTimeout"),
            Map.entry(0x80880000L, "BadSecureChannelClosed"),
            Map.entry(0x80890000L, "BadSecureChannelTokenUnknown"),
            Map.entry(0x808A0000L, "BadSequenceNumberInvalid"),
            Map.entry(0x80AB0000L, "BadInvalidArgument"),
            Map.entry(0x80AC0000L, "BadConnectionRejected"),
            Map.entry(0x80AD0000L, "BadDisconnect"),
            Map.entry(0x80AE0000L, "BadConnectionClosed"),
            Map.entry(0x80AF0000L, "BadInvalidState"),
            Map.entry(0x80B80000L, "BadRequestTooLarge"),
            Map.entry(0x80B90000L, "BadResponseTooLarge"));

    private StatusCodes() {
    }

    /** Severity Bad: bit 31 set, bit 30 clear (10). */
    static boolean isBad(long code) {
        return (code >>> 30 & 3) == 2 || (code >>> 30 & 3) == 3;
    }

    static String describe(long code) {
        String name = NAMES.get(code & 0xFFFF0000L);
        return String.format("0x%08X", code) + (name != null ? " (" + name + ")" : "");
    }
}
