package io.otsoc.collector.protocol.bacnet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one BACnet/IP datagram carried, layer by layer: the BVLC header, the NPDU's routing information or
 * network-layer message, the APDU header and the service parameters. Filled once by {@link BacnetParser} and
 * not changed afterwards. Numbers are wire values; -1 marks a number the message did not carry.
 */
public final class BacnetMessage {

    /** Values and property references kept per message. */
    static final int MAX_ITEMS = 1024;

    static final int ABSENT = -1;

    // which end of the flow sent it
    boolean fromClient;

    // BVLC (Annex J.2)
    int bvlcFunction = ABSENT;
    int bvlcLength = ABSENT;
    int bvlcResultCode = ABSENT;
    String originatingAddress;
    int bdtEntries = ABSENT;
    int timeToLive = ABSENT;

    // NPDU (clause 6.2)
    int npduControl = ABSENT;
    int dnet = ABSENT;
    String dadr;
    int snet = ABSENT;
    String sadr;
    int hopCount = ABSENT;
    int networkMessageType = ABSENT;
    int networkNumber = ABSENT;

    // APDU header (clause 20.1)
    int pduType = ABSENT;
    int invokeId = ABSENT;
    int serviceChoice = ABSENT;
    boolean segmented;
    boolean moreFollows;
    boolean segmentedResponseAccepted;
    int sequenceNumber = ABSENT;
    int windowSize = ABSENT;
    int maxApduAccepted = ABSENT;
    /** Segments this message was reassembled from, or -1 when it came whole. */
    int segmentCount = ABSENT;
    boolean negativeAck;

    // service parameters
    final List<PropertyItem> items = new ArrayList<>();
    int itemsDropped;
    long priority = ABSENT;
    long deviceInstance = ABSENT;
    long maxApdu = ABSENT;
    int segmentationSupported = ABSENT;
    long vendorId = ABSENT;
    long rangeLow = ABSENT;
    long rangeHigh = ABSENT;
    String objectName;
    /** The character set of {@link #objectName} (0 UTF-8, 1 DBCS, 3 UCS-4, 4 UCS-2, 5 ISO 8859-1). */
    int objectNameCharset = ABSENT;
    int errorClass = ABSENT;
    int errorCode = ABSENT;
    int rejectReason = ABSENT;
    int abortReason = ABSENT;
    int reinitializedState = ABSENT;
    Boolean passwordPresent;
    long durationMinutes = ABSENT;
    int enableDisable = ABSENT;
    long fileStartPosition = ABSENT;
    long fileCount = ABSENT;
    Boolean recordAccess;
    Boolean endOfFile;
    long processId = ABSENT;
    long lifetime = ABSENT;
    Boolean issueConfirmedNotifications;
    long timeRemaining = ABSENT;
    long initiatingDevice = ABSENT;
    String time;

    /** What was wrong in this message, or null. */
    String problem;

    void add(PropertyItem item) {
        if (items.size() < MAX_ITEMS) {
            items.add(item);
        } else {
            itemsDropped++;
        }
    }

    /** Which end of the flow sent the message. */
    public boolean fromClient() {
        return fromClient;
    }

    public int bvlcFunction() {
        return bvlcFunction;
    }

    public int pduType() {
        return pduType;
    }

    public int invokeId() {
        return invokeId;
    }

    public int serviceChoice() {
        return serviceChoice;
    }

    public int networkMessageType() {
        return networkMessageType;
    }

    /** The properties the message names, with their values where it carries values. */
    public List<PropertyItem> items() {
        return Collections.unmodifiableList(items);
    }

    public long deviceInstance() {
        return deviceInstance;
    }

    public long vendorId() {
        return vendorId;
    }

    public long rangeLow() {
        return rangeLow;
    }

    public long rangeHigh() {
        return rangeHigh;
    }

    public String objectName() {
        return objectName;
    }

    public int objectNameCharset() {
        return objectNameCharset;
    }

    public int errorClass() {
        return errorClass;
    }

    public int errorCode() {
        return errorCode;
    }

    public int rejectReason() {
        return rejectReason;
    }

    public int abortReason() {
        return abortReason;
    }

    public int reinitializedState() {
        return reinitializedState;
    }

    public Boolean passwordPresent() {
        return passwordPresent;
    }

    public long durationMinutes() {
        return durationMinutes;
    }

    public int enableDisable() {
        return enableDisable;
    }

    public int segmentCount() {
        return segmentCount;
    }

    /** What was wrong with the message, or null. */
    public String problem() {
        return problem;
    }
}
