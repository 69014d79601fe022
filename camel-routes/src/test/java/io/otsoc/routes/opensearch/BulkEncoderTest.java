package io.otsoc.routes.opensearch;

import io.otsoc.routes.delivery.EcsDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkEncoderTest {

    private final List<String> invalid = new ArrayList<>();
    private final BulkEncoder.InvalidDocuments collect = (position, reason) -> invalid.add(position + " " + reason);

    @Test
    void dataStreamDocumentsAreCreatedAndAssetsIndexedByIdWithTheirBytesUntouched() throws IOException {
        String event = "{\"@timestamp\":\"2024-05-01T10:00:00.000Z\",\"message\":\"caf\u00e9 \\\"quoted\\\"\"}";
        String asset = "{\"@timestamp\":\"2024-05-01T10:00:00.000Z\",\"host\":{\"name\":\"plc-1\"}}";
        List<EcsDocument> batch = List.of(doc("otsoc-events-modbus", null, event), doc("otsoc-assets", "mac-00:80:f4:01:02:03", asset));
        BulkEncoder encoder = new BulkEncoder(1 << 20);

        int next = encoder.encode(batch, 0, collect);

        assertThat(next).isEqualTo(2);
        assertThat(encoder.count()).isEqualTo(2);
        assertThat(encoder.bodyAsString()).isEqualTo(
                "{\"create\":{\"_index\":\"otsoc-events-modbus\"}}\n" + event + "\n"
                        + "{\"index\":{\"_index\":\"otsoc-assets\",\"_id\":\"mac-00:80:f4:01:02:03\"}}\n" + asset + "\n");
        assertThat(encoder.body().contentType()).isEqualTo("application/x-ndjson");
        assertThat(encoder.body().body().readAllBytes()).hasSize(encoder.length());
        assertThat(invalid).isEmpty();
    }

    @Test
    void idsAndIndexNamesAreJsonEscapedInTheActionLine() {
        BulkEncoder encoder = new BulkEncoder(1 << 20);

        encoder.encode(List.of(doc("otsoc-assets", "a\"b\\c", "{}")), 0, collect);

        assertThat(encoder.bodyAsString()).startsWith("{\"index\":{\"_index\":\"otsoc-assets\",\"_id\":\"a\\\"b\\\\c\"}}\n");
    }

    @Test
    void aBodyStopsBeforeTheByteBudgetAndTheNextStartsWhereItStopped() {
        String json = "{\"@timestamp\":\"2024-05-01T10:00:00.000Z\",\"n\":0}";
        String action = "{\"create\":{\"_index\":\"s\"}}\n";
        int perDocument = action.length() + json.length() + 1;
        List<EcsDocument> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(doc("s", null, json));
        }
        BulkEncoder encoder = new BulkEncoder(3 * perDocument + perDocument / 2);

        List<Integer> counts = new ArrayList<>();
        int next = 0;
        while (next < batch.size()) {
            next = encoder.encode(batch, next, collect);
            assertThat(encoder.length()).isLessThanOrEqualTo(3 * perDocument + perDocument / 2);
            assertThat(encoder.position(0)).isEqualTo(counts.stream().mapToInt(Integer::intValue).sum());
            counts.add(encoder.count());
        }

        assertThat(counts).containsExactly(3, 3, 3, 1);
    }

    @Test
    void aDocumentLargerThanTheBudgetTravelsAlone() {
        List<EcsDocument> batch = List.of(doc("s", null, "{\"a\":1}"), doc("s", null, "{\"big\":\"" + "x".repeat(500) + "\"}"),
                doc("s", null, "{\"b\":2}"));
        BulkEncoder encoder = new BulkEncoder(100);

        int next = encoder.encode(batch, 0, collect);
        assertThat(encoder.count()).isEqualTo(1);
        next = encoder.encode(batch, next, collect);
        assertThat(encoder.count()).isEqualTo(1);
        assertThat(encoder.position(0)).isEqualTo(1);
        assertThat(encoder.length()).isGreaterThan(500);
        next = encoder.encode(batch, next, collect);
        assertThat(encoder.count()).isEqualTo(1);
        assertThat(next).isEqualTo(3);
    }

    @Test
    void documentsThatWouldCorruptTheBodyAreReportedAndSkipped() {
        List<EcsDocument> batch = List.of(
                doc("s", null, "{\"a\":1}"),
                doc("s", null, "{\"a\":\n1}"),
                new EcsDocument("s", null, new byte[0]),
                doc(null, null, "{\"a\":2}"),
                doc("s", null, "{\"a\":3}"));
        BulkEncoder encoder = new BulkEncoder(1 << 20);

        encoder.encode(batch, 0, collect);

        assertThat(encoder.count()).isEqualTo(2);
        assertThat(encoder.position(0)).isZero();
        assertThat(encoder.position(1)).isEqualTo(4);
        assertThat(invalid).containsExactly(
                "1 invalid_document: not compact JSON (contains a line break)",
                "2 invalid_document: empty document",
                "3 invalid_document: no target index");
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new BulkEncoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static EcsDocument doc(String index, String id, String json) {
        return new EcsDocument(index, id, json.getBytes(StandardCharsets.UTF_8));
    }
}
