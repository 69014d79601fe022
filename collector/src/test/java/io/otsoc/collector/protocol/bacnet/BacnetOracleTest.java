package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.protocol.bacnet.BacnetCapture.Message;
import io.otsoc.collector.protocol.bacnet.OracleMatch.Rec;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against CISA ICSNPP-BACnet's logs under {@code ../shared/pcaps/bacnet}: each capture goes through a
 * real collector once, our events are split back into the datagrams they were built from, and each log's records
 * are compared with ours record by record on the fields that log carries (see {@link OracleMatch}). ICSNPP writes
 * one record per datagram (one per reassembled segmented message) in {@code bacnet.log}, one per discovery
 * message in {@code bacnet_discovery.log}, one per property value in {@code bacnet_property.log}, and one per
 * ReinitializeDevice / DeviceCommunicationControl request or answer in {@code bacnet_device_control.log}.
 *
 * <p>Conventions of ICSNPP that the comparison follows, not differences: vendor names are written without commas
 * (Zeek's set separator is a comma; the registry's "Acuity Brands Lighting, Inc." is logged "Acuity Brands
 * Lighting Inc."), the btest baseline masks numbers that look like times (a value written with X digits matches
 * any value of ours), and the password of ReinitializeDevice/DCC is compared as present or not (we never keep it).
 *
 * <p>Differences argued beside the code that counts them: character strings in other character sets than UTF-8
 * ({@link #objectName}), bit strings' unused bits ({@link #paddedBitString}), NULL and empty values
 * ({@link #propertyValue}). One extra record of ours in bacnet_services.pcap's property log: the ReadProperty ack
 * of invoke id 168 (device 29, device-address-binding) carries an empty list ({@code 3e 3f}); ICSNPP logs a
 * record per value and so none for it, we report the property read with no value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacnetOracleTest {

    private static final String[] BVLC = {"BVLC_Result", "Write_Broadcast_Table", "Read_Broadcast_Table",
            "Read_Broadcast_Table_ACK", "Forwarded_NPDU", "Register_Foreign_Device", "Read_Foreign_Device_Table",
            "Read_Foreign_Device_Table_ACK", "Delete_Foreign_Device_Table_Entry", "Distribute_Broadcast_to_Network",
            "Original_Unicast_NPDU", "Original_Broadcast_NPDU", "Secure_BVLL"};
    private static final String[] APDU = {"CONFIRMED_REQUEST", "UNCONFIRMED_REQUEST", "SIMPLE_ACK", "COMPLEX_ACK",
            "SEGMENT_ACK", "ERROR_PDU", "REJECT_PDU", "ABORT_PDU"};

    private final Map<String, String> table = new TreeMap<>();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "bacnet_example.pcap        | icsnpp.basic.bacnet.log",
            "bacnet_example.pcap        | icsnpp.basic.bacnet_discovery.log",
            "bacnet_example.pcap        | icsnpp.basic.bacnet_property.log",
            "bacnet_segmented_data.pcap | icsnpp.segmented_data.bacnet.log",
            "bacnet_segmented_data.pcap | icsnpp.segmented_data.bacnet_discovery.log",
            "bacnet_segmented_data.pcap | icsnpp.segmented_data.bacnet_property.log",
            "bacnet_services.pcap       | icsnpp.services.bacnet.log",
            "bacnet_services.pcap       | icsnpp.services.bacnet_device_control.log",
            "bacnet_services.pcap       | icsnpp.services.bacnet_discovery.log",
            "bacnet_services.pcap       | icsnpp.services.bacnet_property.log"})
    void agreesWithIcsnpp(String capture, String oracle) {
        BacnetCapture run = BacnetCapture.of(capture);
        ZeekLog log = ZeekLog.read(SharedFixtures.pcap("bacnet/" + capture + "." + oracle));
        List<Rec> expected = new ArrayList<>();
        List<Rec> ours = new ArrayList<>();
        String kind = log.path();
        for (ZeekLog.Row row : log.rows()) {
            expected.add(switch (kind) {
                case "bacnet" -> bacnetRecord(row);
                case "bacnet_discovery" -> discoveryRecord(row);
                case "bacnet_property" -> propertyRecord(row);
                default -> deviceControlRecord(row);
            });
        }
        for (Message m : run.messages()) {
            switch (kind) {
                case "bacnet" -> ours.add(bacnetRecord(m));
                case "bacnet_discovery" -> discoveryRecord(m, ours);
                case "bacnet_property" -> propertyRecords(m, ours);
                default -> deviceControlRecord(m, ours);
            }
        }
        if (kind.equals("bacnet")) {
            run.unframed().forEach(e -> ours.add(new Rec("malformed", List.of(String.valueOf(e.errorMessage())))));
        }
        OracleMatch match = OracleMatch.compare(expected, ours, BacnetOracleTest::paddedBitString);
        table.put(capture + " " + kind, match.row(capture + " " + kind));
        match.samples.forEach(s -> System.out.println(capture + " " + kind + ": " + s));
        assertThat(run.stats().decoderErrors()).isEmpty();
        assertThat(match.records).isPositive();
        assertThat(match.agreement()).as(match.row(capture + " " + kind)).isGreaterThanOrEqualTo(0.99);
    }

    // ---- bacnet.log: bvlc_function, pdu_type, pdu_service, invoke_id, result_code

    private static Rec bacnetRecord(ZeekLog.Row row) {
        return new Rec(conn(row) + " " + row.raw("invoke_id"), List.of(row.raw("bvlc_function"),
                row.raw("pdu_type"), row.raw("pdu_service"), row.raw("invoke_id"), row.raw("result_code")));
    }

    private static Rec bacnetRecord(Message m) {
        BacnetMessage b = m.message();
        String pduType = b.networkMessageType() != -1 ? "NPDU" : b.pduType() == -1 ? "-" : APDU[b.pduType()];
        String service;
        if (b.networkMessageType() != -1) {
            service = b.networkMessageType() < BacnetFraming.NETWORK_MESSAGES.length
                    ? BacnetFraming.NETWORK_MESSAGES[b.networkMessageType()] : "-";
        } else if (b.pduType() == BacnetFraming.UNCONFIRMED_REQUEST) {
            service = BacnetService.unconfirmedName(b.serviceChoice());
        } else if (b.pduType() == -1 || b.pduType() == BacnetFraming.SEGMENT_ACK || m.serviceChoice() == -1) {
            service = "-";
        } else {
            service = BacnetService.confirmedName(m.serviceChoice());
        }
        String invoke = b.invokeId() == -1 ? "-" : Integer.toString(b.invokeId());
        String result = switch (b.pduType()) {
            case BacnetFraming.ERROR -> b.errorCode() == -1 ? "-" : BacnetNames.errorCode(b.errorCode());
            case BacnetFraming.REJECT -> BacnetEnums.rejectReason(b.rejectReason());
            case BacnetFraming.ABORT -> BacnetEnums.abortReason(b.abortReason());
            default -> "-";
        };
        return new Rec(m.conn() + " " + invoke, List.of(BVLC[b.bvlcFunction()], pduType, service, invoke, result));
    }

    // ---- bacnet_discovery.log

    private static Rec discoveryRecord(ZeekLog.Row row) {
        return new Rec(conn(row) + " " + row.raw("pdu_service"), List.of(row.raw("device_id_type"),
                row.raw("device_id_number"), row.raw("object_type"), row.raw("instance_number"), row.raw("vendor"),
                row.raw("range"), row.raw("object_name")));
    }

    private static void discoveryRecord(Message m, List<Rec> out) {
        BacnetMessage b = m.message();
        if (b.pduType() != BacnetFraming.UNCONFIRMED_REQUEST) {
            return;
        }
        String range = b.rangeLow() == -1 ? "All" : b.rangeLow() + "-" + b.rangeHigh();
        PropertyItem obj = b.items().isEmpty() ? null : b.items().get(0);
        String type = obj == null ? "-" : obj.objectTypeName();
        String instance = obj == null ? "-" : Long.toString(obj.instance());
        switch (b.serviceChoice()) {
            case BacnetService.WHO_IS -> out.add(new Rec(m.conn() + " who-is",
                    List.of("-", "-", "-", "-", "-", range, "-")));
            case BacnetService.I_AM -> {
                String vendor = BacnetVendors.name(b.vendorId());
                out.add(new Rec(m.conn() + " i-am", List.of("-", "-", type, instance,
                        vendor == null ? "-" : vendor.replace(",", ""), "-", "-")));
            }
            case BacnetService.WHO_HAS -> out.add(new Rec(m.conn() + " who-has", List.of("-", "-", type, instance,
                    "-", range, b.objectName() == null ? "N/A" : b.objectName())));
            case BacnetService.I_HAVE -> out.add(new Rec(m.conn() + " i-have", List.of("device",
                    Long.toString(b.deviceInstance()), type, instance, "-", "-", objectName(b))));
            default -> { }
        }
    }

    /**
     * ICSNPP reads character strings of character set 0 (UTF-8) only and logs others as an empty string. In
     * bacnet_segmented_data.pcap the two I-Have names are {@code 75 09 01 03 a4 ...}: character set 1 (IBM/Microsoft
     * DBCS) with code page 0x03a4 = 932, six bytes of Shift-JIS text. We decode them; ICSNPP logs (empty).
     */
    private static String objectName(BacnetMessage b) {
        if (b.objectName() == null || b.objectName().isEmpty()) {
            return "(empty)";
        }
        return b.objectNameCharset() > 0 ? OracleMatch.ARGUED + "charset " + b.objectNameCharset() + " "
                + b.objectName() : b.objectName();
    }

    // ---- bacnet_property.log: one record per property value

    private static Rec propertyRecord(ZeekLog.Row row) {
        String value = row.raw("value");
        return new Rec(conn(row) + " " + row.raw("invoke_id") + " " + row.raw("pdu_service"),
                List.of(row.raw("object_type"), row.raw("instance_number"), row.raw("property"),
                        row.raw("array_index"), value.contains("XXXX") ? OracleMatch.ANY : value));
    }

    private static void propertyRecords(Message m, List<Rec> out) {
        BacnetMessage b = m.message();
        int choice = m.serviceChoice();
        String service;
        boolean request = b.pduType() == BacnetFraming.CONFIRMED_REQUEST;
        if (b.pduType() == BacnetFraming.ERROR && choice == BacnetService.READ_PROPERTY) {
            out.add(new Rec(m.conn() + " " + b.invokeId() + " ERROR: read_property", List.of(
                    BacnetNames.errorCode(b.errorCode()), "-", "-", "-", "-")));
            return;
        }
        if (choice == BacnetService.READ_PROPERTY && (request || b.pduType() == BacnetFraming.COMPLEX_ACK)) {
            service = request ? "read-property-request" : "read-property-ack";
        } else if (choice == BacnetService.READ_PROPERTY_MULTIPLE
                && (request || b.pduType() == BacnetFraming.COMPLEX_ACK)) {
            service = request ? "read-property-multiple-request" : "read-property-multiple-ack";
        } else if (choice == BacnetService.WRITE_PROPERTY && request) {
            service = "write-property";
        } else if (choice == BacnetService.WRITE_PROPERTY_MULTIPLE && request) {
            service = "write-property-multiple";
        } else {
            return;
        }
        for (PropertyItem i : b.items()) {
            out.add(new Rec(m.conn() + " " + b.invokeId() + " " + service, List.of(i.objectTypeName(),
                    Long.toString(i.instance()), i.propertyName(),
                    i.arrayIndex() == -1 ? "-" : Long.toString(i.arrayIndex()), propertyValue(i))));
        }
    }

    /**
     * ICSNPP writes every bit of a bit string's octets, the unused trailing bits that the initial octet counts
     * (clause 20.2.10) included. bacnet_services.pcap, invoke id 154: protocol-services-supported is
     * {@code 85 06 05 03 0b 48 30 e0}, 6 octets of which the first says 5 unused bits: 35 services; ICSNPP logs 40
     * letters, ours are the 35 and the 5 it adds are F. Status flags ({@code 82 04 40}) are 4 bits, logged as 8.
     */
    private static boolean paddedBitString(String oracle, String ours) {
        return oracle.matches("[TF]+") && ours.matches("[TF]*") && oracle.length() % 8 == 0
                && oracle.length() - ours.length() > 0 && oracle.length() - ours.length() < 8
                && oracle.startsWith(ours) && oracle.substring(ours.length()).matches("F+");
    }

    /**
     * ICSNPP leaves the value of a NULL and of an empty character string unset (the binary-input descriptions of
     * bacnet_services.pcap are {@code 71 00}: character set 0, no characters), and writes "PropertyError" for a
     * ReadPropertyMultiple property access error.
     */
    private static String propertyValue(PropertyItem i) {
        if (i.accessError()) {
            return "PropertyError";
        }
        return i.value() == null || i.value().equals("null") || i.value().isEmpty() ? "-" : i.value();
    }

    // ---- bacnet_device_control.log

    private static Rec deviceControlRecord(ZeekLog.Row row) {
        String password = row.raw("password");
        return new Rec(conn(row) + " " + row.raw("invoke_id") + " " + row.raw("pdu_service"), List.of(
                row.raw("time_duration"), row.raw("device_state"),
                password.equals("-") ? "-" : password.equals("(empty)") ? "absent" : "present",
                row.raw("result"), row.raw("result_code")));
    }

    private static void deviceControlRecord(Message m, List<Rec> out) {
        BacnetMessage b = m.message();
        int choice = m.serviceChoice();
        if (choice != BacnetService.REINITIALIZE_DEVICE && choice != BacnetService.DEVICE_COMMUNICATION_CONTROL) {
            return;
        }
        String id = m.conn() + " " + b.invokeId() + " " + BacnetService.confirmedName(choice);
        if (b.pduType() == BacnetFraming.CONFIRMED_REQUEST) {
            String state = choice == BacnetService.REINITIALIZE_DEVICE
                    ? BacnetEnums.reinitializedState(b.reinitializedState()) : BacnetEnums.enableDisable(b.enableDisable());
            out.add(new Rec(id, List.of(b.durationMinutes() == -1 ? "-" : Long.toString(b.durationMinutes()), state,
                    Boolean.TRUE.equals(b.passwordPresent()) ? "present" : "absent", "-", "-")));
            return;
        }
        String result = switch (b.pduType()) {
            case BacnetFraming.SIMPLE_ACK -> "SUCCESS";
            case BacnetFraming.ERROR -> "ERROR";
            case BacnetFraming.REJECT -> "REJECT";
            case BacnetFraming.ABORT -> "ABORT";
            default -> "-";
        };
        String code = b.pduType() == BacnetFraming.ERROR ? BacnetNames.errorCode(b.errorCode()) : "-";
        out.add(new Rec(id, List.of("-", "-", "-", result, code)));
    }

    private static String conn(ZeekLog.Row row) {
        return row.raw("source_h") + ">" + row.raw("destination_h");
    }

    @AfterAll
    void printTable() {
        System.out.println("BACnet agreement with ICSNPP logs (matched / (records + extra)):");
        table.values().forEach(System.out::println);
    }
}
