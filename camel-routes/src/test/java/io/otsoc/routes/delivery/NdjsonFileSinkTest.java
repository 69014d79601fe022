package io.otsoc.routes.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdjsonFileSinkTest {

    @TempDir
    Path dir;

    private static EcsDocument document(String json) {
        return new EcsDocument("otsoc-events-modbus", null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesOneDocumentPerLineInOrderAndOnlyTheCommitMakesTheFile() throws IOException {
        try (NdjsonFileSink sink = new NdjsonFileSink(dir.resolve("out"))) {
            DeliveryResult first = sink.deliver(List.of(document("{\"a\":1}"), document("{\"a\":2}")));
            DeliveryResult second = sink.deliver(List.of(document("{\"a\":3}")));

            assertThat(first).isEqualTo(DeliveryResult.allDelivered(2));
            assertThat(second).isEqualTo(DeliveryResult.allDelivered(1));
            assertThat(dir.resolve("out/events.ndjson")).doesNotExist();
            assertThat(Files.readString(dir.resolve("out/events.ndjson.partial")))
                    .isEqualTo("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");

            sink.commit();
        }
        assertThat(Files.readString(dir.resolve("out/events.ndjson"))).isEqualTo("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
        assertThat(dir.resolve("out/events.ndjson.partial")).doesNotExist();
    }

    @Test
    void closingWithoutCommitDeletesThePartialFileAndKeepsAnOlderResult() throws IOException {
        Files.writeString(dir.resolve("events.ndjson"), "{\"older\":true}\n");
        try (NdjsonFileSink sink = new NdjsonFileSink(dir)) {
            sink.deliver(List.of(document("{\"newer\":true}")));
        }
        assertThat(Files.readString(dir.resolve("events.ndjson"))).isEqualTo("{\"older\":true}\n");
        assertThat(dir.resolve("events.ndjson.partial")).doesNotExist();
    }

    @Test
    void aCommitReplacesAnOlderResult() throws IOException {
        Files.writeString(dir.resolve("events.ndjson"), "{\"older\":true}\n");
        try (NdjsonFileSink sink = new NdjsonFileSink(dir)) {
            sink.deliver(List.of(document("{\"newer\":true}")));
            sink.commit();
        }
        assertThat(Files.readString(dir.resolve("events.ndjson"))).isEqualTo("{\"newer\":true}\n");
    }

    @Test
    void aStalePartialFileFromAnEarlierCrashIsOverwritten() throws IOException {
        Files.writeString(dir.resolve("events.ndjson.partial"), "{\"crashed\":true}\n{\"half");
        try (NdjsonFileSink sink = new NdjsonFileSink(dir)) {
            sink.deliver(List.of(document("{\"b\":1}")));
            sink.commit();
        }
        assertThat(Files.readString(dir.resolve("events.ndjson"))).isEqualTo("{\"b\":1}\n");
    }

    @Test
    void documentsLargerThanTheBufferAndManySmallOnesKeepTheirBytesAndOrder() throws IOException {
        String big = "{\"big\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        List<EcsDocument> batch = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            String json = "{\"n\":" + i + "}";
            batch.add(document(json));
            expected.append(json).append('\n');
            if (i == 30_000) {
                batch.add(document(big));
                expected.append(big).append('\n');
            }
        }
        try (NdjsonFileSink sink = new NdjsonFileSink(dir)) {
            assertThat(sink.deliver(batch).delivered()).isEqualTo(60_001);
            sink.commit();
        }
        assertThat(Files.readString(dir.resolve("events.ndjson"))).isEqualTo(expected.toString());
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsADeliveryExceptionNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThatThrownBy(() -> new NdjsonFileSink(file.resolve("out")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("cannot create " + file.resolve("out/events.ndjson.partial") + ": "
                        + file.resolve("out") + ": ");
    }

    @Test
    void itsNameIsTheFinalPathAndItRefusesBatchesOnceClosed() {
        NdjsonFileSink sink = new NdjsonFileSink(dir);
        assertThat(sink.name()).isEqualTo(dir.resolve("events.ndjson").toString());
        sink.close();
        assertThatThrownBy(() -> sink.deliver(List.of(document("{}")))).isInstanceOf(IllegalStateException.class);
    }
}
