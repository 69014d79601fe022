package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.OtEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tree, the streamed text and the UTF-8 bytes are one document, whatever the thread or the order. */
class EcsMapperEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EcsMapper mapper = new EcsMapper("sensor-1");

    private static final java.util.Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    @Test
    void treeStreamAndBytesAgree() throws Exception {
        for (DomainRecord record : SampleRecords.all()) {
            JsonNode tree = mapper.toDocument(record);

            StringWriter text = new StringWriter();
            try (JsonGenerator generator = JSON.getFactory().createGenerator(text)) {
                mapper.write(record, generator);
            }
            byte[] bytes = mapper.toJson(record);
            ByteArrayOutputStream appended = new ByteArrayOutputStream();
            mapper.writeJson(record, appended);

            // The tree keeps longs as LongNode where a parser would give IntNode: compare numbers by value.
            assertThat(tree.equals(BY_VALUE, JSON.readTree(text.toString()))).as("tree vs streamed text").isTrue();
            assertThat(tree.equals(BY_VALUE, JSON.readTree(bytes))).as("tree vs UTF-8 bytes").isTrue();
            assertThat(appended.toByteArray()).isEqualTo(bytes);
            // Same field order too: the text form of the tree is the streamed text.
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(tree))
                    .isEqualTo(text.toString());
        }
    }

    @Test
    void reusedBuffersDoNotLeakBetweenDocuments() {
        List<DomainRecord> records = SampleRecords.all();
        List<byte[]> first = new ArrayList<>();
        records.forEach(r -> first.add(mapper.toJson(r)));
        for (int round = 0; round < 3; round++) {
            for (int i = records.size() - 1; i >= 0; i--) {
                assertThat(mapper.toJson(records.get(i))).isEqualTo(first.get(i));
            }
        }
    }

    @Test
    void threadsShareOneMapper() throws Exception {
        List<DomainRecord> records = SampleRecords.all();
        List<byte[]> expected = new ArrayList<>();
        records.forEach(r -> expected.add(mapper.toJson(r)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int n = 0; n < 2_000; n++) {
                        int i = (n * 7 + offset) % records.size();
                        if (!java.util.Arrays.equals(mapper.toJson(records.get(i)), expected.get(i))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingDetailIsReportedAndTheNextDocumentIsClean() {
        OtEvent good = SampleRecords.modbusWrite();
        OtEvent bad = new OtEvent(good.timestampMicros(), -1, good.flow(), "modbus", "broken",
                good.category(), good.outcome(), null, out -> {
                    out.number("unit_id", 1);
                    throw new IllegalArgumentException("detail record is inconsistent");
                });
        byte[] before = mapper.toJson(good);
        assertThatThrownBy(() -> mapper.toJson(bad))
                .hasMessageContaining("cannot map OtEvent")
                .hasMessageContaining("detail record is inconsistent");
        assertThat(mapper.toJson(good)).isEqualTo(before);
    }

    @Test
    void manyInterleavedFlowsEachGetTheirOwnAddresses() throws Exception {
        // More flows than the per-thread flow cache has slots, revisited in a scrambled order.
        List<OtEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            io.otsoc.collector.model.FlowRef flow = new io.otsoc.collector.model.FlowRef("1:flow" + i, "tcp",
                    String.format("02:00:00:00:%02x:%02x", i >> 8, i & 0xFF), null, "10.1." + (i >> 8) + "." + (i & 0xFF),
                    1024 + i, "10.2.0.1", 502, i % 4095);
            events.add(new OtEvent(SampleRecords.T0 + i, -1, flow, "modbus", "read_coils",
                    io.otsoc.collector.model.EventCategory.READ, io.otsoc.collector.model.Outcome.SUCCESS, null,
                    out -> out.number("unit_id", 1)));
        }
        for (int n = 0; n < 3_000; n++) {
            OtEvent event = events.get((n * 211) % events.size());
            JsonNode doc = JSON.readTree(mapper.toJson(event));
            assertThat(doc.path("source").path("ip").asText()).isEqualTo(event.flow().clientIp());
            assertThat(doc.path("source").path("port").asInt()).isEqualTo(event.flow().clientPort());
            assertThat(doc.path("source").path("mac").asText())
                    .isEqualTo(event.flow().clientMac().toUpperCase(java.util.Locale.ROOT).replace(':', '-'));
            assertThat(doc.path("network").path("community_id").asText()).isEqualTo(event.flow().communityId());
            assertThat(doc.path("network").path("vlan").path("id").asText())
                    .isEqualTo(Integer.toString(event.flow().vlanId()));
        }
    }
}
