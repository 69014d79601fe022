package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.AssetRole;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;

import java.util.ArrayList;
import java.util.List;

/** Hand-built domain records whose timestamp is their position in the run, so order can be checked downstream. */
public final class TestRecords {

    public static final FlowRef FLOW = new FlowRef("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", "tcp", "00:00:bc:01:02:03",
            "00:00:bc:0a:0b:0c", "10.0.0.1", 50123, "10.0.0.2", 502, -1);

    private TestRecords() {
    }

    public static OtEvent event(long seq, String protocol) {
        return new OtEvent(seq, -1, FLOW, protocol, "read_holding_registers", EventCategory.READ, Outcome.SUCCESS,
                null, out -> out.number("function_code", 3));
    }

    public static Asset asset(long seq) {
        return new Asset("00:00:bc:0a:0b:0c", "00:00:bc:0a:0b:0c", List.of("10.0.0.2"),
                List.of(new AssetRole("modbus_server", "answered Modbus on 502")), null, 0, seq);
    }

    /** {@code count} modbus events with timestamps 0..count-1. */
    public static List<DomainRecord> events(int count) {
        List<DomainRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(event(i, "modbus"));
        }
        return records;
    }
}
