package io.otsoc.collector.protocol.bacnet;

import static io.otsoc.collector.protocol.bacnet.BacnetFraming.COMPLEX_ACK;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.CONFIRMED_REQUEST;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.ERROR;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.UNCONFIRMED_REQUEST;
import static io.otsoc.collector.protocol.bacnet.BacnetMessage.ABSENT;

/**
 * Reads the parameters of the services an OT analyst asks about (ANSI/ASHRAE 135 clauses 13-17 and 21): Who-Is,
 * I-Am, Who-Has, I-Have, ReadProperty(Multiple), WriteProperty(Multiple), SubscribeCOV, COV notifications,
 * ReinitializeDevice, DeviceCommunicationControl, AtomicReadFile, AtomicWriteFile, TimeSynchronization, and the
 * error class and code of an Error PDU. Parameters of other services are not read. A parameter that does not
 * fit or is missing leaves {@link BacnetMessage#problem} saying which.
 */
final class ServiceParser {

    private ServiceParser() {
    }

    static void parse(BacnetMessage m, byte[] buf, int offset, int end) {
        TagReader r = new TagReader(buf, offset, end);
        switch (m.pduType) {
            case CONFIRMED_REQUEST -> confirmedRequest(m, r);
            case UNCONFIRMED_REQUEST -> unconfirmedRequest(m, r);
            case COMPLEX_ACK -> complexAck(m, r);
            case ERROR -> error(m, r);
            default -> { }
        }
        if (r.error() != null && m.problem == null) {
            m.problem = serviceName(m) + ": " + r.error();
        }
    }

    private static String serviceName(BacnetMessage m) {
        return m.pduType == UNCONFIRMED_REQUEST ? BacnetService.unconfirmedName(m.serviceChoice)
                : BacnetService.confirmedName(m.serviceChoice);
    }

    private static void confirmedRequest(BacnetMessage m, TagReader r) {
        switch (m.serviceChoice) {
            case BacnetService.READ_PROPERTY -> propertyReference(m, r, false);
            case BacnetService.WRITE_PROPERTY -> propertyReference(m, r, true);
            case BacnetService.READ_PROPERTY_MULTIPLE -> accessSpecifications(m, r, false);
            case BacnetService.WRITE_PROPERTY_MULTIPLE -> accessSpecifications(m, r, true);
            case BacnetService.SUBSCRIBE_COV -> subscribeCov(m, r);
            case BacnetService.CONFIRMED_COV_NOTIFICATION -> covNotification(m, r);
            case BacnetService.REINITIALIZE_DEVICE -> reinitialize(m, r);
            case BacnetService.DEVICE_COMMUNICATION_CONTROL -> communicationControl(m, r);
            case BacnetService.ATOMIC_READ_FILE, BacnetService.ATOMIC_WRITE_FILE -> fileRequest(m, r);
            default -> { }
        }
    }

    private static void unconfirmedRequest(BacnetMessage m, TagReader r) {
        switch (m.serviceChoice) {
            case BacnetService.WHO_IS -> whoIs(m, r);
            case BacnetService.I_AM -> iAm(m, r);
            case BacnetService.WHO_HAS -> whoHas(m, r);
            case BacnetService.I_HAVE -> iHave(m, r);
            case BacnetService.UNCONFIRMED_COV_NOTIFICATION -> covNotification(m, r);
            case BacnetService.TIME_SYNCHRONIZATION, BacnetService.UTC_TIME_SYNCHRONIZATION -> timeSync(m, r);
            default -> { }
        }
    }

    private static void complexAck(BacnetMessage m, TagReader r) {
        switch (m.serviceChoice) {
            case BacnetService.READ_PROPERTY -> propertyReference(m, r, true);
            case BacnetService.READ_PROPERTY_MULTIPLE -> readAccessResults(m, r);
            case BacnetService.ATOMIC_READ_FILE -> readFileAck(m, r);
            case BacnetService.ATOMIC_WRITE_FILE -> writeFileAck(m, r);
            default -> { }
        }
    }

    /** Error class and code: the first two enumerated application values (some services wrap them in [0]). */
    private static void error(BacnetMessage m, TagReader r) {
        while (r.next()) {
            if (r.isApplication(TagReader.ENUMERATED)) {
                if (m.errorClass == ABSENT) {
                    m.errorClass = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
                } else {
                    m.errorCode = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
                    return;
                }
            }
        }
        if (r.error() == null) {
            r.reject("Error PDU without its error class and error code");
        }
    }

    // ---- Who-Is / I-Am / Who-Has / I-Have (clause 16.9, 16.10, 16.8)

    private static void whoIs(BacnetMessage m, TagReader r) {
        if (!r.hasMore()) {
            return; // all devices
        }
        if (r.next() && r.isContext(0)) {
            m.rangeLow = r.unsignedValue();
            if (r.next() && r.isContext(1)) {
                m.rangeHigh = r.unsignedValue();
                return;
            }
        }
        if (r.error() == null) {
            r.reject("Who-Is range needs both [0] low and [1] high limits");
        }
    }

    private static void iAm(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isApplication(TagReader.OBJECT_IDENTIFIER) && r.length() == 4)) {
            missing(r, "I-Am without its device identifier");
            return;
        }
        long id = r.unsignedValue();
        m.deviceInstance = id & 0x3FFFFF;
        m.add(new PropertyItem((int) (id >>> 22), id & 0x3FFFFF, ABSENT, ABSENT, null));
        if (!(r.next() && r.isApplication(TagReader.UNSIGNED))) {
            missing(r, "I-Am without its max APDU length accepted");
            return;
        }
        m.maxApdu = r.unsignedValue();
        if (!(r.next() && r.isApplication(TagReader.ENUMERATED))) {
            missing(r, "I-Am without its segmentation supported");
            return;
        }
        m.segmentationSupported = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
        if (!(r.next() && r.isApplication(TagReader.UNSIGNED))) {
            missing(r, "I-Am without its vendor identifier");
            return;
        }
        m.vendorId = r.unsignedValue();
    }

    private static void whoHas(BacnetMessage m, TagReader r) {
        if (!r.next()) {
            missing(r, "Who-Has without an object");
            return;
        }
        if (r.isContext(0)) {
            m.rangeLow = r.unsignedValue();
            if (!(r.next() && r.isContext(1))) {
                missing(r, "Who-Has range needs both [0] low and [1] high limits");
                return;
            }
            m.rangeHigh = r.unsignedValue();
            if (!r.next()) {
                missing(r, "Who-Has without an object");
                return;
            }
        }
        if (r.isContext(2) && r.length() == 4) {
            long id = r.unsignedValue();
            m.add(new PropertyItem((int) (id >>> 22), id & 0x3FFFFF, ABSENT, ABSENT, null));
        } else if (r.isContext(3)) {
            m.objectName = BacnetValues.characterString(r.buffer(), r.valueOffset(), r.length());
            m.objectNameCharset = r.length() > 0 ? r.buffer()[r.valueOffset()] & 0xFF : ABSENT;
        } else {
            r.reject("Who-Has object is neither [2] an identifier nor [3] a name");
        }
    }

    private static void iHave(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isApplication(TagReader.OBJECT_IDENTIFIER) && r.length() == 4)) {
            missing(r, "I-Have without its device identifier");
            return;
        }
        m.deviceInstance = r.unsignedValue() & 0x3FFFFF;
        if (!(r.next() && r.isApplication(TagReader.OBJECT_IDENTIFIER) && r.length() == 4)) {
            missing(r, "I-Have without its object identifier");
            return;
        }
        long id = r.unsignedValue();
        m.add(new PropertyItem((int) (id >>> 22), id & 0x3FFFFF, ABSENT, ABSENT, null));
        if (!(r.next() && r.isApplication(TagReader.CHARACTER_STRING))) {
            missing(r, "I-Have without its object name");
            return;
        }
        m.objectName = BacnetValues.characterString(r.buffer(), r.valueOffset(), r.length());
        m.objectNameCharset = r.length() > 0 ? r.buffer()[r.valueOffset()] & 0xFF : ABSENT;
    }

    private static void timeSync(BacnetMessage m, TagReader r) {
        String date = null;
        if (r.next() && r.isApplication(TagReader.DATE)) {
            date = r.text();
            if (r.next() && r.isApplication(TagReader.TIME)) {
                m.time = date + " " + r.text();
                return;
            }
        }
        missing(r, "time synchronization without its date and time");
    }

    // ---- ReadProperty / WriteProperty (clause 15.5, 15.9)

    /**
     * [0] object, [1] property, [2] array index, then for a WriteProperty request or a ReadProperty ack [3] the
     * value(s) and for WriteProperty [4] the priority.
     */
    private static void propertyReference(BacnetMessage m, TagReader r, boolean withValue) {
        if (!(r.next() && r.isContext(0) && r.length() == 4)) {
            missing(r, "without its [0] object identifier");
            return;
        }
        long id = r.unsignedValue();
        int type = (int) (id >>> 22);
        long instance = id & 0x3FFFFF;
        if (!(r.next() && r.isContext(1))) {
            missing(r, "without its [1] property identifier");
            return;
        }
        long property = r.unsignedValue();
        long index = ABSENT;
        boolean more = r.next();
        if (more && r.isContext(2)) {
            index = r.unsignedValue();
            more = r.next();
        }
        if (!withValue || (m.pduType == CONFIRMED_REQUEST && m.serviceChoice == BacnetService.READ_PROPERTY)) {
            m.add(new PropertyItem(type, instance, property, index, null));
            if (more && r.error() == null) {
                r.reject("unexpected tag " + r.number() + " after the property reference");
            }
            return;
        }
        if (!(more && r.isOpening(3))) {
            missing(r, "without its [3] property value");
            return;
        }
        int before = m.items.size() + m.itemsDropped;
        values(m, r, 3, type, instance, property, index);
        if (m.items.size() + m.itemsDropped == before) {
            m.add(new PropertyItem(type, instance, property, index, null));
        }
        if (r.next() && r.isContext(4)) {
            m.priority = r.unsignedValue();
        }
    }

    /**
     * The primitive values up to the closing tag {@code closing} (the opening tag was just read), one item each;
     * values nested in constructed data are taken in order.
     */
    private static void values(BacnetMessage m, TagReader r, int closing, int type, long instance, long property,
                               long index) {
        int depth = 0;
        while (r.next()) {
            if (r.isOpening()) {
                depth++;
            } else if (r.isClosing()) {
                if (depth == 0) {
                    if (r.number() != closing) {
                        r.reject("closing tag [" + r.number() + "] where [" + closing + "] was expected");
                    }
                    return;
                }
                depth--;
            } else {
                String text = r.isApplication(TagReader.ENUMERATED)
                        ? BacnetValues.enumerated(property, r.unsignedValue()) : r.text();
                m.add(new PropertyItem(type, instance, property, index, text));
            }
        }
        if (r.error() == null) {
            r.reject("value list without its closing tag [" + closing + "]");
        }
    }

    // ---- ReadPropertyMultiple / WritePropertyMultiple (clause 15.7, 15.10)

    private static void accessSpecifications(BacnetMessage m, TagReader r, boolean write) {
        boolean any = false;
        while (r.next()) {
            if (!(r.isContext(0) && r.length() == 4)) {
                r.reject("access specification without its [0] object identifier");
                return;
            }
            long id = r.unsignedValue();
            int type = (int) (id >>> 22);
            long instance = id & 0x3FFFFF;
            if (!(r.next() && r.isOpening(1))) {
                missing(r, "access specification without its [1] property list");
                return;
            }
            while (r.next() && !r.isClosing(1)) {
                if (!r.isContext(0)) {
                    r.reject("property reference without its [0] property identifier");
                    return;
                }
                long property = r.unsignedValue();
                long index = ABSENT;
                if (!write) {
                    int mark = r.position();
                    if (r.next() && r.isContext(1)) {
                        index = r.unsignedValue();
                    } else {
                        rewind(r, mark);
                    }
                    m.add(new PropertyItem(type, instance, property, index, null));
                    any = true;
                    continue;
                }
                if (!r.next()) {
                    missing(r, "property value without its [2] value");
                    return;
                }
                if (r.isContext(1)) {
                    index = r.unsignedValue();
                    if (!r.next()) {
                        missing(r, "property value without its [2] value");
                        return;
                    }
                }
                if (!r.isOpening(2)) {
                    r.reject("property value without its [2] value");
                    return;
                }
                int before = m.items.size() + m.itemsDropped;
                values(m, r, 2, type, instance, property, index);
                if (m.items.size() + m.itemsDropped == before) {
                    m.add(new PropertyItem(type, instance, property, index, null));
                }
                any = true;
                int mark = r.position();
                if (r.next() && r.isContext(3)) {
                    m.priority = r.unsignedValue();
                } else {
                    rewind(r, mark);
                }
            }
            if (r.error() != null) {
                return;
            }
        }
        if (!any && r.error() == null) {
            r.reject("no property references");
        }
    }

    /** ReadAccessResult: [0] object, [1] list of ([2] property, [3] index, [4] value | [5] error). */
    private static void readAccessResults(BacnetMessage m, TagReader r) {
        while (r.next()) {
            if (!(r.isContext(0) && r.length() == 4)) {
                r.reject("access result without its [0] object identifier");
                return;
            }
            long id = r.unsignedValue();
            int type = (int) (id >>> 22);
            long instance = id & 0x3FFFFF;
            if (!(r.next() && r.isOpening(1))) {
                missing(r, "access result without its [1] result list");
                return;
            }
            while (r.next() && !r.isClosing(1)) {
                if (!r.isContext(2)) {
                    r.reject("access result without its [2] property identifier");
                    return;
                }
                long property = r.unsignedValue();
                long index = ABSENT;
                if (!r.next()) {
                    missing(r, "access result without its value or error");
                    return;
                }
                if (r.isContext(3)) {
                    index = r.unsignedValue();
                    if (!r.next()) {
                        missing(r, "access result without its value or error");
                        return;
                    }
                }
                if (r.isOpening(4)) {
                    int before = m.items.size() + m.itemsDropped;
                    values(m, r, 4, type, instance, property, index);
                    if (m.items.size() + m.itemsDropped == before) {
                        m.add(new PropertyItem(type, instance, property, index, null));
                    }
                } else if (r.isOpening(5)) {
                    m.add(new PropertyItem(type, instance, property, index, null, true));
                    if (r.next() && r.isApplication(TagReader.ENUMERATED)) {
                        m.errorClass = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
                        if (r.next() && r.isApplication(TagReader.ENUMERATED)) {
                            m.errorCode = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
                            r.next(); // closing [5]
                        }
                    }
                    if (r.error() == null && !r.isClosing(5)) {
                        r.reject("property access error without its closing tag [5]");
                        return;
                    }
                } else {
                    r.reject("access result holds neither [4] a value nor [5] an error");
                    return;
                }
            }
            if (r.error() != null) {
                return;
            }
        }
    }

    // ---- SubscribeCOV and COV notifications (clause 13.14, 13.6, 13.7)

    private static void subscribeCov(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isContext(0))) {
            missing(r, "SubscribeCOV without its [0] subscriber process identifier");
            return;
        }
        m.processId = r.unsignedValue();
        if (!(r.next() && r.isContext(1) && r.length() == 4)) {
            missing(r, "SubscribeCOV without its [1] monitored object identifier");
            return;
        }
        long id = r.unsignedValue();
        m.add(new PropertyItem((int) (id >>> 22), id & 0x3FFFFF, ABSENT, ABSENT, null));
        if (r.next() && r.isContext(2)) {
            m.issueConfirmedNotifications = r.booleanValue();
            if (r.next() && r.isContext(3)) {
                m.lifetime = r.unsignedValue();
            }
        }
    }

    private static void covNotification(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isContext(0))) {
            missing(r, "COV notification without its [0] subscriber process identifier");
            return;
        }
        m.processId = r.unsignedValue();
        if (!(r.next() && r.isContext(1) && r.length() == 4)) {
            missing(r, "COV notification without its [1] initiating device identifier");
            return;
        }
        m.initiatingDevice = r.unsignedValue() & 0x3FFFFF;
        if (!(r.next() && r.isContext(2) && r.length() == 4)) {
            missing(r, "COV notification without its [2] monitored object identifier");
            return;
        }
        long id = r.unsignedValue();
        int type = (int) (id >>> 22);
        long instance = id & 0x3FFFFF;
        if (!(r.next() && r.isContext(3))) {
            missing(r, "COV notification without its [3] time remaining");
            return;
        }
        m.timeRemaining = r.unsignedValue();
        if (!(r.next() && r.isOpening(4))) {
            missing(r, "COV notification without its [4] list of values");
            return;
        }
        while (r.next() && !r.isClosing(4)) {
            if (!r.isContext(0)) {
                r.reject("COV value without its [0] property identifier");
                return;
            }
            long property = r.unsignedValue();
            long index = ABSENT;
            if (!r.next()) {
                break;
            }
            if (r.isContext(1)) {
                index = r.unsignedValue();
                if (!r.next()) {
                    break;
                }
            }
            if (!r.isOpening(2)) {
                r.reject("COV value without its [2] value");
                return;
            }
            int before = m.items.size() + m.itemsDropped;
            values(m, r, 2, type, instance, property, index);
            if (m.items.size() + m.itemsDropped == before) {
                m.add(new PropertyItem(type, instance, property, index, null));
            }
            int mark = r.position();
            if (r.next() && r.isContext(3)) {
                m.priority = r.unsignedValue();
            } else {
                rewind(r, mark);
            }
        }
        if (r.error() == null && !r.isClosing(4)) {
            r.reject("COV value list without its closing tag [4]");
        }
    }

    // ---- ReinitializeDevice, DeviceCommunicationControl (clause 16.4, 16.1)

    private static void reinitialize(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isContext(0))) {
            missing(r, "ReinitializeDevice without its [0] reinitialized state");
            return;
        }
        m.reinitializedState = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
        m.passwordPresent = r.next() && r.isContext(1) && r.length() > 1;
    }

    private static void communicationControl(BacnetMessage m, TagReader r) {
        if (!r.next()) {
            missing(r, "DeviceCommunicationControl without its [1] enable-disable");
            return;
        }
        if (r.isContext(0)) {
            m.durationMinutes = r.unsignedValue();
            if (!r.next()) {
                missing(r, "DeviceCommunicationControl without its [1] enable-disable");
                return;
            }
        }
        if (!r.isContext(1)) {
            r.reject("DeviceCommunicationControl without its [1] enable-disable");
            return;
        }
        m.enableDisable = (int) Math.min(r.unsignedValue(), Integer.MAX_VALUE);
        m.passwordPresent = r.next() && r.isContext(2) && r.length() > 1;
    }

    // ---- AtomicReadFile / AtomicWriteFile (clause 14.1, 14.2)

    private static void fileRequest(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isApplication(TagReader.OBJECT_IDENTIFIER) && r.length() == 4)) {
            missing(r, "file access without its file object identifier");
            return;
        }
        long id = r.unsignedValue();
        m.add(new PropertyItem((int) (id >>> 22), id & 0x3FFFFF, ABSENT, ABSENT, null));
        if (!(r.next() && (r.isOpening(0) || r.isOpening(1)))) {
            missing(r, "file access without its [0] stream or [1] record access");
            return;
        }
        m.recordAccess = r.isOpening(1);
        if (!(r.next() && r.isApplication(TagReader.SIGNED))) {
            missing(r, "file access without its start position");
            return;
        }
        m.fileStartPosition = r.signedValue();
        if (!r.next()) {
            missing(r, "file access without its count or data");
            return;
        }
        if (r.isApplication(TagReader.UNSIGNED)) {
            m.fileCount = r.unsignedValue(); // requested octet/record count, or record count of a write
        } else if (r.isApplication(TagReader.OCTET_STRING)) {
            m.fileCount = r.length(); // octets written
        }
    }

    private static void readFileAck(BacnetMessage m, TagReader r) {
        if (!(r.next() && r.isApplication(TagReader.BOOLEAN))) {
            missing(r, "AtomicReadFile ack without its end-of-file flag");
            return;
        }
        m.endOfFile = r.booleanValue();
        if (!(r.next() && (r.isOpening(0) || r.isOpening(1)))) {
            missing(r, "AtomicReadFile ack without its [0] stream or [1] record access");
            return;
        }
        m.recordAccess = r.isOpening(1);
        if (r.next() && r.isApplication(TagReader.SIGNED)) {
            m.fileStartPosition = r.signedValue();
            if (r.next()) {
                if (r.isApplication(TagReader.OCTET_STRING)) {
                    m.fileCount = r.length();
                } else if (r.isApplication(TagReader.UNSIGNED)) {
                    m.fileCount = r.unsignedValue();
                }
            }
        }
    }

    private static void writeFileAck(BacnetMessage m, TagReader r) {
        if (r.next() && (r.isContext(0) || r.isContext(1))) {
            m.recordAccess = r.number() == 1;
            m.fileStartPosition = r.signedValue();
            return;
        }
        missing(r, "AtomicWriteFile ack without its [0] or [1] start position");
    }

    private static void missing(TagReader r, String what) {
        if (r.error() == null) {
            r.reject(what);
        }
    }

    /** Steps back to {@code mark} after looking at an optional tag that was not there. */
    private static void rewind(TagReader r, int mark) {
        r.seek(mark);
    }
}
