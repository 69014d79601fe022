package io.otsoc.mappings.ecs;

import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.AssetRole;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.Incident;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hand-built domain records covering every shape the mapper handles. */
final class SampleRecords {

    private SampleRecords() {
    }

    /** 2024-05-01T12:34:56.123456Z */
    static final long T0 = 1_714_566_896_123_456L;

    static final String COMMUNITY_ID = "1:LQU9qZlK+B5F3KDmev6m5PMibrg=";

    /** IPv4 Modbus/TCP, both MACs, VLAN 100. */
    static final FlowRef IPV4_TAGGED = new FlowRef(COMMUNITY_ID, "tcp", "00:1d:9c:c7:b0:70", "00:80:f4:0a:bc:de",
            "192.168.10.21", 50123, "192.168.10.5", 502, 100);
    /** IPv4 from a Linux cooked capture: no MACs, untagged, no Community ID computed. */
    static final FlowRef IPV4_BARE = new FlowRef(null, "tcp", null, null, "10.0.0.7", 40000, "10.0.0.9", 502, -1);
    /** IPv6 over UDP, both MACs, untagged. */
    static final FlowRef IPV6 = new FlowRef("1:3O0ojaVvSrUxk5PZ8lWXGdfKzw0=", "udp", "02:00:5e:10:00:01",
            "02:00:5e:10:00:02", "2001:db8::10", 47808, "fe80::1:2", 47808, -1);

    static final List<FlowRef> FLOWS = List.of(IPV4_TAGGED, IPV4_BARE, IPV6);

    /** write_multiple_registers (FC 16), answered in 1.5 ms. */
    static OtEvent modbusWrite() {
        ProtocolDetail detail = out -> {
            out.number("transaction_id", 7);
            out.number("unit_id", 1);
            out.number("function_code", 16);
            out.number("address", 100);
            out.number("quantity", 3);
            out.numbers("request_values", new int[] {1, 2, 65535, 99}, 3);
        };
        return new OtEvent(T0, 1_500, IPV4_TAGGED, "modbus", "write_multiple_registers", EventCategory.WRITE,
                Outcome.SUCCESS, null, detail);
    }

    /** read_holding_registers answered with exception 2. */
    static OtEvent modbusException() {
        ProtocolDetail detail = out -> {
            out.number("transaction_id", 8);
            out.number("unit_id", 1);
            out.number("function_code", 3);
            out.number("exception_code", 2);
            out.text("exception", "illegal_data_address");
            out.number("address", 40000);
            out.number("quantity", 10);
        };
        return new OtEvent(T0 + 5_000, 900, IPV4_TAGGED, "modbus", "read_holding_registers", EventCategory.READ,
                Outcome.FAILURE, "exception response 2: illegal data address", detail);
    }

    /** One event per Modbus detail shape, so that every otsoc.modbus field the decoder writes is emitted. */
    static List<OtEvent> modbusShapes() {
        List<OtEvent> events = new ArrayList<>();
        events.add(modbusWrite());
        events.add(modbusException());
        events.add(modbus("read_device_identification", EventCategory.DISCOVERY, out -> {
            out.number("function_code", 43);
            out.number("mei_type", 14);
            out.number("read_device_id_code", 1);
            out.number("object_id", 0);
            out.number("conformity_level", 0x81);
            out.flag("more_follows", false);
            out.text("vendor_name", "Schneider Electric");
            out.text("product_code", "BMX P34 2020");
            out.text("revision", "v2.70");
            out.text("vendor_url", "http://www.schneider-electric.com");
            out.text("product_name", "Modicon M340");
            out.text("model_name", "BMX P34");
            out.text("user_application_name", "PUMP_STATION_1");
        }));
        events.add(modbus("report_server_id", EventCategory.DIAGNOSTIC, out -> {
            out.number("function_code", 17);
            out.text("server_id", "0a1b");
            out.flag("run_indicator", true);
        }));
        events.add(modbus("mask_write_register", EventCategory.WRITE, out -> {
            out.number("function_code", 22);
            out.number("address", 4);
            out.number("and_mask", 0xF2);
            out.number("or_mask", 0x25);
        }));
        events.add(modbus("read_write_multiple_registers", EventCategory.WRITE, out -> {
            out.number("function_code", 23);
            out.number("read_address", 3);
            out.number("read_quantity", 6);
            out.number("write_address", 14);
            out.number("write_quantity", 3);
            out.numbers("request_values", new int[] {0xFF, 0xFF, 0xFF}, 3);
            out.numbers("response_values", new int[] {0xFE, 0xAC, 0x6F, 0x0A, 0x85, 0x23}, 6);
        }));
        events.add(modbus("diagnostics", EventCategory.DIAGNOSTIC, out -> {
            out.number("function_code", 8);
            out.number("subfunction_code", 0);
        }));
        events.add(modbus("read_exception_status", EventCategory.DIAGNOSTIC, out -> {
            out.number("function_code", 7);
            out.number("exception_status", 0x6D);
        }));
        events.add(modbus("get_comm_event_counter", EventCategory.DIAGNOSTIC, out -> {
            out.number("function_code", 11);
            out.number("status", 0xFFFF);
            out.number("event_count", 264);
        }));
        events.add(modbus("read_file_record", EventCategory.READ, out -> {
            out.number("function_code", 20);
            out.number("sub_request_count", 1);
            out.number("file_number", 4);
            out.number("record_number", 1);
            out.number("record_length", 2);
        }));
        events.add(modbus("read_fifo_queue", EventCategory.READ, out -> {
            out.number("function_code", 24);
            out.number("fifo_pointer_address", 0x04DE);
            out.number("fifo_count", 2);
            out.numbers("response_values", new int[] {0x01B8, 0x1284}, 2);
        }));
        return events;
    }

    private static OtEvent modbus(String action, EventCategory category, ProtocolDetail detail) {
        return new OtEvent(T0 + 10_000, 2_000, IPV4_BARE, "modbus", action, category, Outcome.SUCCESS, null, detail);
    }

    /** Every EventCategory with every Outcome, over the three flow shapes, with and without durations. */
    static List<OtEvent> categoriesAndOutcomes() {
        List<OtEvent> events = new ArrayList<>();
        int i = 0;
        for (EventCategory category : EventCategory.values()) {
            for (Outcome outcome : Outcome.values()) {
                int n = i++;
                ProtocolDetail detail = out -> {
                    out.number("transaction_id", n);
                    out.number("unit_id", 255);
                    out.number("function_code", 90);
                };
                events.add(new OtEvent(T0 + n * 1_000_003L, n % 2 == 0 ? -1 : 250 + n, FLOWS.get(n % 3), "modbus",
                        category.name().toLowerCase(Locale.ROOT) + "_operation", category, outcome,
                        outcome == Outcome.FAILURE ? "malformed PDU: length 3 exceeds the 1 bytes left" : null,
                        detail, outcome == Outcome.FAILURE && n % 2 == 0));
            }
        }
        return events;
    }

    /** A detail that uses every DetailWriter method, under a test protocol mapped by a test-only component. */
    static OtEvent everyDetailKind() {
        ProtocolDetail detail = out -> {
            out.number("counter", 4_294_967_296L);
            out.decimal("ratio", 0.25);
            out.decimal("not_a_number", Double.NaN);
            out.text("label", "pump \"A\" \u00e9tage 2");
            out.text("absent", null);
            out.flag("armed", true);
            out.numbers("registers", new int[] {0, 65535, -1, 7}, 3);
            out.numbers("empty", new int[0], 0);
            out.texts("names", java.util.Arrays.asList("alpha", null, "gamma"));
        };
        return new OtEvent(T0, 12, IPV6, "testproto", "probe", EventCategory.OTHER, Outcome.UNKNOWN, null, detail);
    }

    static Asset assetWithMac() {
        return new Asset("00:80:f4:0a:bc:de", "00:80:f4:0a:bc:de", List.of("192.168.10.5", "fe80::280:f4ff:fe0a:bcde"),
                List.of(new AssetRole("modbus_server", "answered Modbus/TCP requests on port 502"),
                        new AssetRole("plc", "Modbus device identification: Modicon M340")),
                "Schneider Electric", "BMX P34 2020", "v2.70", "0x0000a1b2", "plc-line-1",
                "Programmable Logic Controller", T0 - 3_600_000_000L, T0);
    }

    static Asset assetByIp() {
        return new Asset("ip:10.0.0.7", null, List.of("10.0.0.7"), List.of(), null, T0, T0 + 1);
    }

    static Alert alertUnauthorisedWrite() {
        return new Alert(T0, "otsoc-modbus-write-from-new-client", "Modbus write from a client never seen before",
                "attack-ics", List.of("T0855", "T0836"), 3, 73,
                "192.168.10.21 wrote 3 holding registers on 192.168.10.5 unit 1", List.of(modbusWrite()));
    }

    static Alert alertModeChange() {
        return new Alert(T0 + 60_000_000L, "otsoc-plc-mode-change", "PLC operating mode changed", "attack-ics",
                List.of("T0858"), 4, 90, "PLC switched to program mode", List.of());
    }

    static Alert alertUnknownTechnique() {
        return new Alert(T0, "otsoc-future", "A rule citing a technique newer than the catalog", "baseline",
                List.of("T0999", "T0855"), 1, 10, "test", List.of(modbusException(), modbusShapes().get(2)));
    }

    static Incident incidentOpen() {
        return new Incident("192.168.10.5/T0855", T0 + 60_000_000L, 4, Incident.State.OPEN,
                List.of(alertUnauthorisedWrite(), alertModeChange()));
    }

    static Incident incidentResolvedEmpty() {
        return new Incident("10.0.0.9/T0836", T0, 1, Incident.State.RESOLVED, List.of());
    }

    /** Records whose every field must be mapped by the production templates. */
    static List<DomainRecord> production() {
        List<DomainRecord> records = new ArrayList<>();
        records.addAll(modbusShapes());
        records.addAll(categoriesAndOutcomes());
        records.add(assetWithMac());
        records.add(assetByIp());
        records.add(alertUnauthorisedWrite());
        records.add(alertModeChange());
        records.add(alertUnknownTechnique());
        records.add(incidentOpen());
        records.add(incidentResolvedEmpty());
        return records;
    }

    /** production() plus the every-DetailWriter-method event. */
    static List<DomainRecord> all() {
        List<DomainRecord> records = new ArrayList<>(production());
        records.add(everyDetailKind());
        return records;
    }
}
