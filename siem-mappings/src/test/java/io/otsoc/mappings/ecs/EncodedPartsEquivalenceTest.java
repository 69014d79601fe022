package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.PcapFileSource;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents written with encoded parts (generators of {@link EcsJsonFactory}) are byte for byte those written token
 * by token (any other generator), over every record of real captures and over the values that must not be copied
 * as they are.
 */
class EncodedPartsEquivalenceTest {

    private static final JsonFactory PLAIN = new JsonFactoryBuilder().rootValueSeparator("\n").build();
    private static final JsonFactory PARTS = new EcsJsonFactory("\n");

    private final EcsMapper mapper = new EcsMapper("sensor \"west\" \u00e9");

    @Test
    void recordsOfRealCapturesAreTheSameBytes() throws IOException {
        int checked = 0;
        for (String capture : List.of("modbus/ModbusTCP.pcap", "modbus/modbus_test_2.pcap", "modbus/fuzz-1011.pcap",
                "modbus/modbusSmall.pcap")) {
            List<DomainRecord> records = new ArrayList<>();
            try (PcapFileSource source = new PcapFileSource(SharedFixtures.pcap(capture))) {
                new Collector(CollectorConfig.defaults()).run(source, records::add);
            }
            assertThat(records).as(capture).isNotEmpty();
            assertThat(write(PARTS, records)).as(capture).isEqualTo(write(PLAIN, records));
            checked += records.size();
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void sampleRecordsAreTheSameBytes() throws IOException {
        assertThat(write(PARTS, SampleRecords.all())).isEqualTo(write(PLAIN, SampleRecords.all()));
    }

    @Test
    void valuesThatNeedEscapingAreTheSameBytes() throws IOException {
        FlowRef flow = new FlowRef("1:a/b+c=", "tcp", "00:1d:9c:c7:b0:70", null, "10.0.0.1", 1024, "10.0.0.1", 502,
                4095);
        List<DomainRecord> records = new ArrayList<>();
        for (String action : List.of("read_coils", "with \"quotes\"", "tab\there", "caf\u00e9", "back\\slash", "")) {
            records.add(new OtEvent(-62_135_596_800_000_001L, 7, flow, "modbus", action, EventCategory.AUTH,
                    Outcome.UNKNOWN, "error \"x\"\n", out -> {
                        out.numbers("values", new int[] {0, -1, 65535}, 3);
                        out.numbers("none", new int[0], 0);
                        out.text("name", "\u0001\u00ff");
                    }));
        }
        records.add(new OtEvent(253_402_300_800_000_000L, 0, flow, "d\u00e9mo", "x", EventCategory.OTHER,
                Outcome.FAILURE, null, out -> { }));
        assertThat(write(PARTS, records)).isEqualTo(write(PLAIN, records));
    }

    @Test
    void everyKindOfDetailValueIsTheSameBytes() throws IOException {
        FlowRef flow = SampleRecords.IPV6;
        List<DomainRecord> records = new ArrayList<>();
        for (double decimal : new double[] {0.1, -0.0, 1e-7, 1e21, 123456.789, Double.NaN, Double.MAX_VALUE}) {
            records.add(new OtEvent(SampleRecords.T0, 1, flow, "bacnet", "read_property", EventCategory.READ,
                    Outcome.SUCCESS, null, out -> {
                        out.decimal("present_value", decimal);
                        out.flag("out_of_service", decimal > 1);
                        out.number("instance", Long.MIN_VALUE);
                        out.number("max", Long.MAX_VALUE);
                        out.texts("names", java.util.Arrays.asList("a", null, "b\"c", "\u2603", null));
                        out.texts("empty", List.of());
                        out.texts("none", null);
                        out.text("absent", null);
                        out.numbers("absent_values", null, 3);
                        out.numbers("some", new int[] {1, 2, 3}, 2);
                        out.numbers("too_many", new int[] {4}, 9);
                        out.numbers("negative_count", new int[] {5}, -1);
                        out.text("odd \"name\"", "value");
                        out.number("caf\u00e9", 1);
                    }));
        }
        records.add(new OtEvent(SampleRecords.T0, -1, flow, "bacnet", "who_is", EventCategory.DISCOVERY,
                Outcome.SUCCESS, null, out -> { }));
        assertThat(write(PARTS, records)).isEqualTo(write(PLAIN, records));
    }

    @Test
    void aGeneratorWithChangedSettingsIsWrittenTokenByToken() throws IOException {
        List<DomainRecord> records = SampleRecords.all();
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (JsonGenerator a = PARTS.createGenerator(parts, JsonEncoding.UTF8);
             JsonGenerator b = PLAIN.createGenerator(plain, JsonEncoding.UTF8)) {
            a.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            b.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            a.useDefaultPrettyPrinter();
            b.useDefaultPrettyPrinter();
            for (DomainRecord record : records) {
                mapper.write(record, a);
                mapper.write(record, b);
            }
        }
        assertThat(parts.toString(StandardCharsets.UTF_8)).contains("\\u00E9").isEqualTo(
                plain.toString(StandardCharsets.UTF_8));
    }

    private String write(JsonFactory factory, List<DomainRecord> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            for (DomainRecord record : records) {
                mapper.write(record, out);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
