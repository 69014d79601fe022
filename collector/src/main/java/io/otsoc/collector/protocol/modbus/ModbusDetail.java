package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one Modbus transaction (request and/or response) carried. Numbers are unsigned wire values; {@link #ABSENT}
 * (-1) marks a number the transaction did not carry, null an absent text, flag or list. Value lists hold register
 * values or coil bits (0/1), at most {@link #MAX_VALUES} of them.
 *
 * <p>{@link #writeFields} writes exactly the {@code otsoc.modbus.*} field names agreed with the ECS mapping.
 * Kept for Java consumers and not written: {@code otherDeviceObjects} (Read Device Identification objects other
 * than 0x00-0x06, by object id, for the asset inventory), and {@code requestLength} / {@code responseLength}, the
 * MBAP length field (unit id + PDU bytes) of the request and of the response ADU, {@link #ABSENT} when that
 * message was not seen: they tell which messages a transaction was built from, as per-message tools (Zeek's
 * {@code modbus_message}) count them.
 */
public record ModbusDetail(
        int transactionId,
        int unitId,
        int functionCode,
        int exceptionCode,
        String exception,
        int address,
        int quantity,
        int[] requestValues,
        int[] responseValues,
        int readAddress,
        int readQuantity,
        int writeAddress,
        int writeQuantity,
        int andMask,
        int orMask,
        int subfunctionCode,
        int meiType,
        int readDeviceIdCode,
        int objectId,
        int conformityLevel,
        Boolean moreFollows,
        String vendorName,
        String productCode,
        String revision,
        String vendorUrl,
        String productName,
        String modelName,
        String userApplicationName,
        Map<Integer, String> otherDeviceObjects,
        int fileNumber,
        int recordNumber,
        int recordLength,
        int subRequestCount,
        int fifoPointerAddress,
        int fifoCount,
        int exceptionStatus,
        int eventCount,
        int status,
        String serverId,
        Boolean runIndicator,
        int requestLength,
        int responseLength) implements ProtocolDetail {

    /** Marks a number that is not present. */
    public static final int ABSENT = -1;
    /** Value lists keep at most this many entries (the largest register read). */
    public static final int MAX_VALUES = 125;

    public ModbusDetail {
        otherDeviceObjects = otherDeviceObjects == null || otherDeviceObjects.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(otherDeviceObjects));
    }

    /** A copy of the request's values, or null. */
    @Override
    public int[] requestValues() {
        return requestValues == null ? null : requestValues.clone();
    }

    /** A copy of the response's values, or null. */
    @Override
    public int[] responseValues() {
        return responseValues == null ? null : responseValues.clone();
    }

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "transaction_id", transactionId);
        number(out, "unit_id", unitId);
        number(out, "function_code", functionCode);
        number(out, "exception_code", exceptionCode);
        text(out, "exception", exception);
        number(out, "address", address);
        number(out, "quantity", quantity);
        if (requestValues != null) {
            out.numbers("request_values", requestValues, requestValues.length);
        }
        if (responseValues != null) {
            out.numbers("response_values", responseValues, responseValues.length);
        }
        number(out, "read_address", readAddress);
        number(out, "read_quantity", readQuantity);
        number(out, "write_address", writeAddress);
        number(out, "write_quantity", writeQuantity);
        number(out, "and_mask", andMask);
        number(out, "or_mask", orMask);
        number(out, "subfunction_code", subfunctionCode);
        number(out, "mei_type", meiType);
        number(out, "read_device_id_code", readDeviceIdCode);
        number(out, "object_id", objectId);
        number(out, "conformity_level", conformityLevel);
        if (moreFollows != null) {
            out.flag("more_follows", moreFollows);
        }
        text(out, "vendor_name", vendorName);
        text(out, "product_code", productCode);
        text(out, "revision", revision);
        text(out, "vendor_url", vendorUrl);
        text(out, "product_name", productName);
        text(out, "model_name", modelName);
        text(out, "user_application_name", userApplicationName);
        number(out, "file_number", fileNumber);
        number(out, "record_number", recordNumber);
        number(out, "record_length", recordLength);
        number(out, "sub_request_count", subRequestCount);
        number(out, "fifo_pointer_address", fifoPointerAddress);
        number(out, "fifo_count", fifoCount);
        number(out, "exception_status", exceptionStatus);
        number(out, "event_count", eventCount);
        number(out, "status", status);
        text(out, "server_id", serverId);
        if (runIndicator != null) {
            out.flag("run_indicator", runIndicator);
        }
    }

    private static void number(DetailWriter out, String field, int value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }

    private static void text(DetailWriter out, String field, String value) {
        if (value != null) {
            out.text(field, value);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModbusDetail d)) {
            return false;
        }
        return transactionId == d.transactionId && unitId == d.unitId && functionCode == d.functionCode
                && exceptionCode == d.exceptionCode && Objects.equals(exception, d.exception)
                && address == d.address && quantity == d.quantity
                && Arrays.equals(requestValues, d.requestValues) && Arrays.equals(responseValues, d.responseValues)
                && readAddress == d.readAddress && readQuantity == d.readQuantity
                && writeAddress == d.writeAddress && writeQuantity == d.writeQuantity
                && andMask == d.andMask && orMask == d.orMask && subfunctionCode == d.subfunctionCode
                && meiType == d.meiType && readDeviceIdCode == d.readDeviceIdCode && objectId == d.objectId
                && conformityLevel == d.conformityLevel && Objects.equals(moreFollows, d.moreFollows)
                && Objects.equals(vendorName, d.vendorName) && Objects.equals(productCode, d.productCode)
                && Objects.equals(revision, d.revision) && Objects.equals(vendorUrl, d.vendorUrl)
                && Objects.equals(productName, d.productName) && Objects.equals(modelName, d.modelName)
                && Objects.equals(userApplicationName, d.userApplicationName)
                && otherDeviceObjects.equals(d.otherDeviceObjects)
                && fileNumber == d.fileNumber && recordNumber == d.recordNumber && recordLength == d.recordLength
                && subRequestCount == d.subRequestCount && fifoPointerAddress == d.fifoPointerAddress
                && fifoCount == d.fifoCount && exceptionStatus == d.exceptionStatus && eventCount == d.eventCount
                && status == d.status && Objects.equals(serverId, d.serverId)
                && Objects.equals(runIndicator, d.runIndicator)
                && requestLength == d.requestLength && responseLength == d.responseLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, unitId, functionCode, exceptionCode, address, quantity,
                Arrays.hashCode(requestValues), Arrays.hashCode(responseValues), subfunctionCode, meiType);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ModbusDetail{");
        writeFields(new DetailWriter() {
            @Override
            public void number(String field, long value) {
                s.append(field).append('=').append(value).append(' ');
            }

            @Override
            public void decimal(String field, double value) {
                s.append(field).append('=').append(value).append(' ');
            }

            @Override
            public void text(String field, String value) {
                s.append(field).append("='").append(value).append("' ");
            }

            @Override
            public void flag(String field, boolean value) {
                s.append(field).append('=').append(value).append(' ');
            }

            @Override
            public void numbers(String field, int[] values, int count) {
                s.append(field).append('=').append(Arrays.toString(Arrays.copyOf(values, count))).append(' ');
            }

            @Override
            public void texts(String field, java.util.List<String> values) {
                s.append(field).append('=').append(values).append(' ');
            }
        });
        if (!otherDeviceObjects.isEmpty()) {
            s.append("other_device_objects=").append(otherDeviceObjects).append(' ');
        }
        if (requestLength != ABSENT) {
            s.append("(request_length=").append(requestLength).append(") ");
        }
        if (responseLength != ABSENT) {
            s.append("(response_length=").append(responseLength).append(") ");
        }
        return s.append('}').toString();
    }
}
