package io.otsoc.collector.protocol.enip;

import java.util.List;

/**
 * One CIP response (CIP Vol. 1, 2-4.2): the service it answers (reply bit cleared), general status, the first
 * additional status word ({@link #ABSENT} when none), and what its data says where we read it: the embedded
 * replies of a Multiple Service Packet, the ids a successful Forward Open assigned, the identity a Get Attributes
 * All on the Identity object returned, the PCCC reply status.
 */
record CipResponse(int service, int generalStatus, int extendedStatus, int dataOffset, int dataLength,
                   List<CipResponse> embedded, CipRequest.ConnectionParameters connection, CipIdentity identity,
                   int pcccStatus, String problem) {

    static final int ABSENT = -1;

    boolean success() {
        return generalStatus == 0 || generalStatus == 0x06;
    }

    String error() {
        if (success()) {
            return null;
        }
        String s = "CIP general status 0x" + String.format("%02x", generalStatus) + ": "
                + CipService.statusName(generalStatus);
        return extendedStatus == ABSENT ? s : s + " (extended status 0x" + String.format("%04x", extendedStatus) + ")";
    }
}
