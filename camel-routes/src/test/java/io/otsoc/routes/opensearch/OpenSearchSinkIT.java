package io.otsoc.routes.opensearch;

import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DeliveryResult;
import io.otsoc.routes.delivery.EcsDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.GetDataStreamResponse;
import org.opensearch.client.opensearch.indices.GetMappingResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink against a real single-node OpenSearch started from the embedded-opensearch module (one node shared by
 * the test classes of the run). Everything is checked back with the opensearch-java client, not with the sink.
 */
@ExtendWith(SharedOpenSearchNode.class)
class OpenSearchSinkIT {

    private static final String MODBUS = "otsoc-events-modbus";
    private static final String DNP3 = "otsoc-events-dnp3";
    private static final String ASSETS = "otsoc-assets";

    private static EmbeddedOpenSearch node;
    private static OpenSearchSink sink;
    private static OpenSearchClient client;

    @BeforeAll
    static void connect(SharedOpenSearchNode.Node shared) {
        node = shared.embedded();
        client = shared.client();
        sink = new OpenSearchSink(OpenSearchSinkOptions.of(node.url()).withCredentials(OpenSearchCredentials.none()));
    }

    @AfterAll
    static void disconnect() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void nodeRunsInItsOwnJvmOnLoopbackWithItsOwnClasspath() {
        assertThat(node.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(node.dataDir().resolve("node_1/data")).isDirectory();
        // The node's Lucene and runner stay in the child JVM.
        assertThatThrownBy(() -> Class.forName("org.codelibs.opensearch.runner.OpenSearchRunner"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.lucene.index.IndexWriter"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void eventsAreSearchableWithTheTemplatesFieldTypes() throws IOException {
        List<EcsDocument> batch = List.of(
                modbusEvent("2024-05-01T10:00:00.000Z", "10.0.0.5", 3),
                modbusEvent("2024-05-01T10:00:01.000Z", "10.0.0.6", 16),
                modbusEvent("2024-05-01T10:00:02.000Z", "10.0.0.5", 5),
                event(DNP3, "{\"@timestamp\":\"2024-05-01T10:00:03.000Z\",\"network\":{\"protocol\":\"dnp3\",\"transport\":\"tcp\"},"
                        + "\"source\":{\"ip\":\"10.0.1.1\"},\"destination\":{\"ip\":\"10.0.1.2\",\"port\":20000},"
                        + "\"otsoc\":{\"dnp3\":{\"function_code\":1}}}"));

        DeliveryResult result = sink.deliver(batch);
        sink.refresh();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.delivered()).isEqualTo(4);
        SearchResponse<Map> modbus = client.search(s -> s.index(MODBUS, DNP3)
                .query(q -> q.term(t -> t.field("network.protocol").value(FieldValue.of("modbus")))).size(20), Map.class);
        assertThat(modbus.hits().total().value()).isEqualTo(3);
        assertThat(modbus.hits().hits()).extracting(Hit::index).allMatch(index -> index.startsWith(".ds-" + MODBUS + "-"));
        List<Object> functionCodes = modbus.hits().hits().stream()
                .map(hit -> ((Map<?, ?>) ((Map<?, ?>) hit.source().get("otsoc")).get("modbus")).get("function_code"))
                .collect(Collectors.toList());
        assertThat(functionCodes).containsExactlyInAnyOrder(3, 16, 5);

        // The data stream was made from otsoc's index template ...
        GetDataStreamResponse stream = client.indices().getDataStream(d -> d.name(MODBUS));
        assertThat(stream.dataStreams()).singleElement().satisfies(ds -> assertThat(ds.template()).isEqualTo("otsoc-events"));
        // ... and its fields have the template's types, not dynamic guesses (a dynamic IP would be text).
        GetMappingResponse mapping = client.indices().getMapping(m -> m.index(MODBUS));
        TypeMapping backing = mapping.result().values().iterator().next().mappings();
        assertThat(field(backing, "source.ip").isIp()).isTrue();
        assertThat(field(backing, "destination.ip").isIp()).isTrue();
        assertThat(field(backing, "@timestamp").isDate()).isTrue();
        assertThat(field(backing, "otsoc.modbus.function_code").isLong()).isTrue();
        assertThat(field(backing, "network.protocol").isKeyword()).isTrue();
    }

    @Test
    void assetsAreOverwrittenByIdNotDuplicated() throws IOException {
        String id = "mac-00:80:f4:01:02:03";
        DeliveryResult first = sink.deliver(List.of(asset(id, "2024-05-01T10:00:00.000Z", "Modbus server")));
        DeliveryResult second = sink.deliver(List.of(asset(id, "2024-05-01T11:00:00.000Z", "S7 PLC")));
        sink.refresh();

        assertThat(first.delivered()).isEqualTo(1);
        assertThat(second.delivered()).isEqualTo(1);
        GetResponse<Map> got = client.get(g -> g.index(ASSETS).id(id), Map.class);
        assertThat(got.found()).isTrue();
        assertThat(got.version()).isEqualTo(2L);
        assertThat(got.source()).containsEntry("@timestamp", "2024-05-01T11:00:00.000Z");
        assertThat(client.count(c -> c.index(ASSETS)).count()).isEqualTo(1);
    }

    @Test
    void aTypeConflictIsRejectedWithItsReasonWhileTheRestOfTheBatchIsIndexed() throws IOException {
        String stream = "otsoc-events-conflict";
        List<EcsDocument> batch = List.of(
                event(stream, "{\"@timestamp\":\"2024-05-01T12:00:00.000Z\",\"network\":{\"protocol\":\"modbus\"},\"source\":{\"ip\":\"10.0.0.7\"}}"),
                event(stream, "{\"@timestamp\":\"2024-05-01T12:00:01.000Z\",\"network\":{\"protocol\":\"modbus\"},\"source\":{\"ip\":\"not-an-ip\"}}"),
                event(stream, "{\"@timestamp\":\"2024-05-01T12:00:02.000Z\",\"network\":{\"protocol\":\"modbus\"},\"source\":{\"ip\":\"10.0.0.8\"}}"));

        DeliveryResult result = sink.deliver(batch);
        sink.refresh();

        assertThat(result.delivered()).isEqualTo(2);
        assertThat(result.rejected()).singleElement().satisfies(line -> {
            assertThat(line).startsWith(stream + ": mapper_parsing_exception: ");
            assertThat(line).contains("source.ip").contains("not-an-ip");
        });
        assertThat(client.count(c -> c.index(stream)).count()).isEqualTo(2);
    }

    @Test
    void aBatchAboveTheByteBudgetIsSplitAndFullyIndexed() throws IOException {
        String stream = "otsoc-events-split";
        List<EcsDocument> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(event(stream, "{\"@timestamp\":\"2024-05-01T13:00:00.000Z\",\"network\":{\"protocol\":\"modbus\"},"
                    + "\"otsoc\":{\"modbus\":{\"transaction_id\":" + i + "}}}"));
        }
        OpenSearchSinkOptions small = OpenSearchSinkOptions.of(node.url())
                .withCredentials(OpenSearchCredentials.none()).withMaxBulkBytes(1024);
        try (OpenSearchSink splitting = new OpenSearchSink(small)) {
            DeliveryResult result = splitting.deliver(batch);
            splitting.refresh();
            assertThat(result.rejected()).isEmpty();
            assertThat(result.delivered()).isEqualTo(60);
        }
        assertThat(client.count(c -> c.index(stream)).count()).isEqualTo(60);
        SearchResponse<Map> last = client.search(s -> s.index(stream)
                .query(q -> q.term(t -> t.field("otsoc.modbus.transaction_id").value(FieldValue.of(59)))), Map.class);
        assertThat(last.hits().total().value()).isEqualTo(1);
    }

    @Test
    void closingTheSinkMakesWhatItDeliveredSearchable() throws IOException {
        String stream = "otsoc-events-closing";
        List<EcsDocument> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(event(stream, "{\"@timestamp\":\"2024-05-01T15:00:00.000Z\",\"network\":{\"protocol\":\"modbus\"}}"));
        }
        OpenSearchSinkOptions options = OpenSearchSinkOptions.of(node.url()).withCredentials(OpenSearchCredentials.none());
        try (OpenSearchSink closing = new OpenSearchSink(options)) {
            closing.deliver(batch.subList(0, 1));
            // From here on only an explicit refresh makes documents visible.
            client.indices().putSettings(p -> p.index(stream).settings(s -> s.refreshInterval(t -> t.time("-1"))));
            DeliveryResult result = closing.deliver(batch.subList(1, batch.size()));
            assertThat(result.delivered()).isEqualTo(19);
            assertThat(client.count(c -> c.index(stream)).count()).isLessThan(20);
        }
        assertThat(client.count(c -> c.index(stream)).count()).isEqualTo(20);
    }

    @Test
    void aDocumentWithoutTimestampIsRejectedByTheDataStream() {
        DeliveryResult result = sink.deliver(List.of(event("otsoc-events-untimed", "{\"network\":{\"protocol\":\"modbus\"}}")));

        assertThat(result.delivered()).isZero();
        assertThat(result.rejected()).singleElement().asString().startsWith("otsoc-events-untimed: ").contains("@timestamp");
    }

    @Test
    void tenThousandSmallEventsInOneBatch() throws IOException {
        String stream = "otsoc-events-volume";
        List<EcsDocument> batch = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            batch.add(event(stream, "{\"@timestamp\":\"2024-05-01T14:00:00.000Z\",\"event\":{\"action\":\"read_holding_registers\"},"
                    + "\"network\":{\"protocol\":\"modbus\",\"transport\":\"tcp\"},\"source\":{\"ip\":\"10.0.2." + (i % 250)
                    + "\",\"port\":" + (40000 + i % 1000) + "},\"destination\":{\"ip\":\"10.0.3.1\",\"port\":502},"
                    + "\"otsoc\":{\"modbus\":{\"transaction_id\":" + i + ",\"unit_id\":1,\"function_code\":3}}}"));
        }
        long start = System.nanoTime();
        DeliveryResult result = sink.deliver(batch);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("bulk: %d documents in %.2f s = %.0f docs/s%n", result.delivered(), seconds, result.delivered() / seconds);
        sink.refresh();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.delivered()).isEqualTo(10_000);
        assertThat(client.count(c -> c.index(stream)).count()).isEqualTo(10_000);
    }

    @Test
    void anUnreachableNodeFailsWithOneLineNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> new OpenSearchSink(OpenSearchSinkOptions.of(url).withCredentials(OpenSearchCredentials.none())))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Property field(TypeMapping mapping, String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        Map<String, Property> properties = mapping.properties();
        Property property = null;
        for (int i = 0; i < parts.length; i++) {
            property = properties.get(parts[i]);
            assertThat(property).as("mapping of %s", dottedPath).isNotNull();
            if (i < parts.length - 1) {
                properties = property.object().properties();
            }
        }
        return property;
    }

    private static EcsDocument modbusEvent(String timestamp, String sourceIp, int functionCode) {
        return event(MODBUS, "{\"@timestamp\":\"" + timestamp + "\",\"ecs\":{\"version\":\"9.4.0\"},"
                + "\"event\":{\"kind\":\"event\",\"dataset\":\"otsoc.modbus\",\"module\":\"otsoc\"},"
                + "\"network\":{\"protocol\":\"modbus\",\"transport\":\"tcp\"},"
                + "\"source\":{\"ip\":\"" + sourceIp + "\",\"port\":49152},\"destination\":{\"ip\":\"10.0.0.1\",\"port\":502},"
                + "\"otsoc\":{\"modbus\":{\"unit_id\":1,\"function_code\":" + functionCode + "}}}");
    }

    private static EcsDocument asset(String id, String timestamp, String role) {
        return new EcsDocument(ASSETS, id, ("{\"@timestamp\":\"" + timestamp + "\",\"event\":{\"kind\":\"state\","
                + "\"dataset\":\"otsoc.asset\"},\"host\":{\"ip\":[\"10.0.0.1\"],\"mac\":[\"00-80-F4-01-02-03\"]},"
                + "\"otsoc\":{\"asset\":{\"role\":\"" + role + "\"}}}").getBytes(StandardCharsets.UTF_8));
    }

    private static EcsDocument event(String stream, String json) {
        return new EcsDocument(stream, null, json.getBytes(StandardCharsets.UTF_8));
    }
}
