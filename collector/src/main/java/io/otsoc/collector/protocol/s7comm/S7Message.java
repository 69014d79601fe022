package io.otsoc.collector.protocol.s7comm;

import static io.otsoc.collector.protocol.s7comm.S7Detail.ABSENT;

/** The fields of one S7comm PDU, reused per direction; copied into a pending exchange when kept. */
final class S7Message {
    int rosctr = ABSENT;
    int pduReference = ABSENT;
    int functionCode = ABSENT;
    int itemCount = ABSENT;
    int errorClass = ABSENT;
    int errorCode = ABSENT;
    String piService;
    String blockType;
    int blockNumber = ABSENT;
    int szlId = ABSENT;
    int szlIndex = ABSENT;
    int userdataGroup = ABSENT;
    int userdataSubfunction = ABSENT;
    /** Userdata type nibble: 0 push, 4 request, 8 response. */
    int userdataType = ABSENT;
    /** Read/write var item addresses (requests), at most {@link #MAX_ITEMS}; null when none. */
    String[] items;
    /** What an SZL read response says about the module; null otherwise. */
    S7Identity identity;
    long timestampMicros;

    static final int MAX_ITEMS = 32;

    void clear() {
        rosctr = pduReference = functionCode = itemCount = errorClass = errorCode = ABSENT;
        piService = blockType = null;
        items = null;
        identity = null;
        blockNumber = szlId = szlIndex = userdataGroup = userdataSubfunction = userdataType = ABSENT;
    }

    void copyFrom(S7Message m) {
        rosctr = m.rosctr;
        pduReference = m.pduReference;
        functionCode = m.functionCode;
        itemCount = m.itemCount;
        errorClass = m.errorClass;
        errorCode = m.errorCode;
        piService = m.piService;
        blockType = m.blockType;
        blockNumber = m.blockNumber;
        szlId = m.szlId;
        szlIndex = m.szlIndex;
        userdataGroup = m.userdataGroup;
        userdataSubfunction = m.userdataSubfunction;
        userdataType = m.userdataType;
        items = m.items;
        identity = m.identity;
        timestampMicros = m.timestampMicros;
    }

    boolean isUserdata() {
        return rosctr == 7;
    }

    static int pick(int first, int second) {
        return first != ABSENT ? first : second;
    }
}
