package io.otsoc.collector.protocol.modbus;

import java.util.TreeMap;

import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;
import static io.otsoc.collector.protocol.modbus.ModbusDetail.MAX_VALUES;

/**
 * A transaction being decoded: the request's fields, then the response's, gathered in place. Instances are reused
 * from one transaction to the next so that decoding allocates nothing until the event is built.
 */
final class Transaction {

    static final byte NO_FLAG = -1;

    int key;
    int transactionId;
    int unitId;
    /** Function code without the exception bit. */
    int functionCode;
    long requestMicros;
    long responseMicros;
    /** Why the request, or the response, broke the specification; null when it did not. */
    String requestProblem;
    String responseProblem;

    int exceptionCode;
    int address;
    int quantity;
    private int[] requestValues;
    int requestValueCount;
    private int[] responseValues;
    int responseValueCount;
    int readAddress;
    int readQuantity;
    int writeAddress;
    int writeQuantity;
    int andMask;
    int orMask;
    int subfunctionCode;
    int meiType;
    int readDeviceIdCode;
    int objectId;
    int conformityLevel;
    byte moreFollows;
    String vendorName;
    String productCode;
    String revision;
    String vendorUrl;
    String productName;
    String modelName;
    String userApplicationName;
    TreeMap<Integer, String> otherDeviceObjects;
    int fileNumber;
    int recordNumber;
    int recordLength;
    int subRequestCount;
    int fifoPointerAddress;
    int fifoCount;
    int exceptionStatus;
    int eventCount;
    int status;
    String serverId;
    byte runIndicator;
    /** MBAP length field of the request and of the response ADU; ABSENT until that message is seen. */
    int requestLength;
    int responseLength;

    /** Clears every field for a new transaction. */
    void begin(int key, int transactionId, int unitId, int functionCode, long requestMicros) {
        this.key = key;
        this.transactionId = transactionId;
        this.unitId = unitId;
        this.functionCode = functionCode;
        this.requestMicros = requestMicros;
        responseMicros = -1;
        requestProblem = null;
        responseProblem = null;
        exceptionCode = ABSENT;
        address = ABSENT;
        quantity = ABSENT;
        requestValueCount = -1;
        responseValueCount = -1;
        readAddress = ABSENT;
        readQuantity = ABSENT;
        writeAddress = ABSENT;
        writeQuantity = ABSENT;
        andMask = ABSENT;
        orMask = ABSENT;
        subfunctionCode = ABSENT;
        meiType = ABSENT;
        readDeviceIdCode = ABSENT;
        objectId = ABSENT;
        conformityLevel = ABSENT;
        moreFollows = NO_FLAG;
        vendorName = null;
        productCode = null;
        revision = null;
        vendorUrl = null;
        productName = null;
        modelName = null;
        userApplicationName = null;
        otherDeviceObjects = null;
        fileNumber = ABSENT;
        recordNumber = ABSENT;
        recordLength = ABSENT;
        subRequestCount = ABSENT;
        fifoPointerAddress = ABSENT;
        fifoCount = ABSENT;
        exceptionStatus = ABSENT;
        eventCount = ABSENT;
        status = ABSENT;
        serverId = null;
        runIndicator = NO_FLAG;
        requestLength = ABSENT;
        responseLength = ABSENT;
    }

    boolean hasRequest() {
        return requestMicros >= 0;
    }

    /** Starts the request's value list (present even if it stays empty). */
    void startRequestValues() {
        if (requestValues == null) {
            requestValues = new int[MAX_VALUES];
        }
        requestValueCount = 0;
    }

    void addRequestValue(int value) {
        if (requestValueCount < MAX_VALUES) {
            requestValues[requestValueCount++] = value;
        }
    }

    void startResponseValues() {
        if (responseValues == null) {
            responseValues = new int[MAX_VALUES];
        }
        responseValueCount = 0;
    }

    void addResponseValue(int value) {
        if (responseValueCount < MAX_VALUES) {
            responseValues[responseValueCount++] = value;
        }
    }

    void putDeviceObject(int objectId, String value) {
        switch (objectId) {
            case 0x00 -> vendorName = value;
            case 0x01 -> productCode = value;
            case 0x02 -> revision = value;
            case 0x03 -> vendorUrl = value;
            case 0x04 -> productName = value;
            case 0x05 -> modelName = value;
            case 0x06 -> userApplicationName = value;
            default -> {
                if (otherDeviceObjects == null) {
                    otherDeviceObjects = new TreeMap<>();
                }
                otherDeviceObjects.put(objectId, value);
            }
        }
    }

    ModbusDetail toDetail() {
        ModbusExceptionCode exception = exceptionCode == ABSENT ? null : ModbusExceptionCode.of(exceptionCode);
        return new ModbusDetail(
                transactionId, unitId, functionCode,
                exceptionCode, exception == null ? null : exception.snakeName(),
                address, quantity,
                copy(requestValues, requestValueCount), copy(responseValues, responseValueCount),
                readAddress, readQuantity, writeAddress, writeQuantity,
                andMask, orMask, subfunctionCode,
                meiType, readDeviceIdCode, objectId, conformityLevel, flag(moreFollows),
                vendorName, productCode, revision, vendorUrl, productName, modelName, userApplicationName,
                otherDeviceObjects,
                fileNumber, recordNumber, recordLength, subRequestCount,
                fifoPointerAddress, fifoCount, exceptionStatus, eventCount, status,
                serverId, flag(runIndicator), requestLength, responseLength);
    }

    private static int[] copy(int[] values, int count) {
        if (count <= 0) { // an empty list is reported as absent
            return null;
        }
        int[] out = new int[count];
        System.arraycopy(values, 0, out, 0, count);
        return out;
    }

    private static Boolean flag(byte value) {
        return value == NO_FLAG ? null : value != 0;
    }
}
