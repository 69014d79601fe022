package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.ArrayList;
import java.util.List;

import static io.otsoc.collector.protocol.bacnet.BacnetMessage.ABSENT;

/**
 * One BACnet transaction or message: a confirmed request with the response that answered it (either may be
 * missing when it was not captured), or one unconfirmed request, network-layer message, BVLC message or segment
 * acknowledgement alone (then {@code response} is null).
 *
 * <p>{@link #writeFields} writes the {@code otsoc.bacnet.*} fields agreed with the index template: the headers of
 * the first message, the service's parameters (from the request, the response's where the request has none) and
 * the response's outcome (error class and code, reject or abort reason).
 *
 * @param request  the request or single message; null for a response whose request was not seen
 * @param response the response (simple/complex ack, error, reject, abort), or null
 */
public record BacnetDetail(BacnetMessage request, BacnetMessage response) implements ProtocolDetail {

    /** Values written per event; the message keeps up to {@link BacnetMessage#MAX_ITEMS}. */
    static final int MAX_WRITTEN_VALUES = 64;

    public BacnetDetail {
        if (request == null && response == null) {
            throw new IllegalArgumentException("a detail needs a request or a response");
        }
    }

    /** The message whose headers describe the transaction: the request, else the response. */
    public BacnetMessage first() {
        return request != null ? request : response;
    }

    @Override
    public void writeFields(DetailWriter out) {
        BacnetMessage f = first();
        number(out, "bvlc_function", f.bvlcFunction);
        text(out, "originating_address", f.originatingAddress);
        number(out, "bvlc_result_code", f.bvlcResultCode);
        number(out, "bdt_entries", f.bdtEntries);
        number(out, "time_to_live", f.timeToLive);
        number(out, "dnet", f.dnet);
        text(out, "dadr", f.dadr);
        number(out, "snet", f.snet);
        text(out, "sadr", f.sadr);
        number(out, "hop_count", f.hopCount);
        number(out, "network_message_type", f.networkMessageType);
        number(out, "network_number", f.networkNumber);
        number(out, "pdu_type", f.pduType);
        if (request != null && response != null) {
            number(out, "response_pdu_type", response.pduType);
        }
        number(out, "invoke_id", f.invokeId);
        number(out, "service_choice", f.serviceChoice);
        if (f.segmented) {
            out.flag("segmented", true);
        }
        number(out, "max_apdu_accepted", f.maxApduAccepted);
        number(out, "sequence_number", f.pduType == BacnetFraming.SEGMENT_ACK ? f.sequenceNumber : ABSENT);
        number(out, "window_size", f.pduType == BacnetFraming.SEGMENT_ACK ? f.windowSize : ABSENT);
        if (f.negativeAck) {
            out.flag("negative_ack", true);
        }
        if (response != null && response.segmentCount != ABSENT) {
            number(out, "response_segments", response.segmentCount);
        }

        BacnetMessage s = f.items.isEmpty() && response != null ? response : f;
        if (!s.items.isEmpty()) {
            PropertyItem item = s.items.get(0);
            if (item.objectType() >= 0) {
                number(out, "object_type", item.objectType());
                text(out, "object_type_name", item.objectTypeName());
                number(out, "instance_number", item.instance());
            }
            if (item.property() >= 0) {
                number(out, "property_id", item.property());
                text(out, "property", item.propertyName());
            }
            number(out, "array_index", item.arrayIndex());
        }
        List<String> values = values();
        if (!values.isEmpty()) {
            out.texts("values", values.size() > MAX_WRITTEN_VALUES ? values.subList(0, MAX_WRITTEN_VALUES) : values);
            number(out, "value_count", values.size() + (response != null ? response.itemsDropped : 0));
        }
        number(out, "property_count", s.items.size() + s.itemsDropped);
        long priority = f.priority;
        number(out, "priority", priority);
        number(out, "device_instance", f.deviceInstance);
        number(out, "max_apdu", f.maxApdu);
        number(out, "segmentation_supported", f.segmentationSupported);
        number(out, "vendor_id", f.vendorId);
        text(out, "vendor", f.vendorId == ABSENT || f.networkMessageType != ABSENT ? null
                : BacnetVendors.name(f.vendorId));
        number(out, "range_low", f.rangeLow);
        number(out, "range_high", f.rangeHigh);
        text(out, "object_name", f.objectName);
        number(out, "reinitialized_state", f.reinitializedState);
        text(out, "reinitialized_state_name", f.reinitializedState == ABSENT ? null
                : BacnetEnums.reinitializedState(f.reinitializedState));
        number(out, "duration_minutes", f.durationMinutes);
        number(out, "enable_disable", f.enableDisable);
        text(out, "enable_disable_name", f.enableDisable == ABSENT ? null : BacnetEnums.enableDisable(f.enableDisable));
        if (f.passwordPresent != null) {
            out.flag("password_present", f.passwordPresent);
        }
        number(out, "process_id", f.processId);
        number(out, "initiating_device", f.initiatingDevice);
        number(out, "time_remaining", f.timeRemaining);
        number(out, "lifetime", f.lifetime);
        if (f.issueConfirmedNotifications != null) {
            out.flag("issue_confirmed_notifications", f.issueConfirmedNotifications);
        }
        text(out, "time", f.time);
        number(out, "file_start_position", f.fileStartPosition);
        number(out, "file_count", f.fileCount);
        Boolean recordAccess = f.recordAccess != null ? f.recordAccess : response != null ? response.recordAccess : null;
        if (recordAccess != null) {
            out.flag("file_record_access", recordAccess);
        }
        if (response != null) {
            number(out, "file_data_length", response.serviceChoice == BacnetService.ATOMIC_READ_FILE
                    ? response.fileCount : ABSENT);
            if (response.endOfFile != null) {
                out.flag("end_of_file", response.endOfFile);
            }
        }
        BacnetMessage outcome = response != null ? response : f;
        number(out, "error_class", outcome.errorClass);
        number(out, "error_code", outcome.errorCode);
        if (outcome.errorClass != ABSENT || outcome.errorCode != ABSENT) {
            text(out, "error", BacnetEnums.errorClass(outcome.errorClass) + ": "
                    + (outcome.errorCode == ABSENT ? "-" : BacnetNames.errorCode(outcome.errorCode)));
        }
        number(out, "reject_reason", outcome.rejectReason);
        text(out, "reject", outcome.rejectReason == ABSENT ? null : BacnetEnums.rejectReason(outcome.rejectReason));
        number(out, "abort_reason", outcome.abortReason);
        text(out, "abort", outcome.abortReason == ABSENT ? null : BacnetEnums.abortReason(outcome.abortReason));
    }

    /** The values the transaction carried: a write's values, else a read's results. */
    public List<String> values() {
        List<String> out = new ArrayList<>();
        BacnetMessage source = first().items.stream().anyMatch(i -> i.value() != null) ? first() : response;
        if (source != null) {
            for (PropertyItem i : source.items) {
                if (i.value() != null) {
                    out.add(i.value());
                }
            }
        }
        return out;
    }

    static final int DEVICE_OBJECT = 8;
    static final int PROP_APPLICATION_SOFTWARE_VERSION = 12;
    static final int PROP_FIRMWARE_REVISION = 44;
    static final int PROP_MODEL_NAME = 70;
    static final int PROP_OBJECT_NAME = 77;
    static final int PROP_VENDOR_NAME = 121;
    static final int PROP_SERIAL_NUMBER = 372;

    /**
     * An I-Am names its sender's device instance and vendor; a ReadProperty(Multiple) answer about a Device object
     * tells its answerer's name, vendor name, model, firmware (or application software version) and serial number.
     * BACnet devices have no name in the I-Am: the device instance stands for it ("device:721").
     */
    @Override
    public AssetFacts assetFacts() {
        BacnetMessage f = first();
        if (response != null && response.pduType == BacnetFraming.COMPLEX_ACK) {
            return deviceProperties(response);
        }
        if (f.pduType != BacnetFraming.UNCONFIRMED_REQUEST || f.serviceChoice != BacnetService.I_AM
                || f.deviceInstance == ABSENT) {
            return null;
        }
        String vendor = f.vendorId == ABSENT ? null : BacnetVendors.name(f.vendorId);
        if (vendor == null && f.vendorId != ABSENT) {
            vendor = "BACnet vendor " + f.vendorId;
        }
        return new AssetFacts(f.fromClient ? AssetFacts.Side.CLIENT : AssetFacts.Side.SERVER, vendor, null, null,
                null, "device:" + f.deviceInstance, "BACnet device");
    }

    private static AssetFacts deviceProperties(BacnetMessage m) {
        String name = null;
        String vendor = null;
        String model = null;
        String firmware = null;
        String software = null;
        String serial = null;
        for (PropertyItem i : m.items) {
            if (i.objectType() != DEVICE_OBJECT || i.value() == null || i.value().isEmpty()) {
                continue;
            }
            switch ((int) Math.min(i.property(), Integer.MAX_VALUE)) {
                case PROP_OBJECT_NAME -> name = i.value();
                case PROP_VENDOR_NAME -> vendor = i.value();
                case PROP_MODEL_NAME -> model = i.value();
                case PROP_FIRMWARE_REVISION -> firmware = i.value();
                case PROP_APPLICATION_SOFTWARE_VERSION -> software = i.value();
                case PROP_SERIAL_NUMBER -> serial = i.value();
                default -> { }
            }
        }
        if (firmware == null) {
            firmware = software;
        }
        if (name == null && vendor == null && model == null && firmware == null && serial == null) {
            return null;
        }
        return new AssetFacts(m.fromClient ? AssetFacts.Side.CLIENT : AssetFacts.Side.SERVER, vendor, model,
                firmware, serial, name, null);
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
}
