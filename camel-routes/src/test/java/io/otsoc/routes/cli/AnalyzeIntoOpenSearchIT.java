package io.otsoc.routes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.mappings.opensearch.IndexRouting;
import io.otsoc.routes.opensearch.SharedOpenSearchNode;
import io.otsoc.routes.pipeline.NdjsonTally;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.GetDataStreamResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code otsoc analyze <modbus capture> --out DIR --opensearch URL} into a real embedded node (the run's shared one),
 * checked back with the opensearch-java client against the NDJSON file the same run wrote.
 */
@ExtendWith(SharedOpenSearchNode.class)
class AnalyzeIntoOpenSearchIT {

    private static final String CAPTURE = "modbus/modbus_example.pcap";

    @TempDir
    static Path out;

    private static String url;
    private static OpenSearchClient client;
    private static CommandLineRun run;
    private static NdjsonTally ndjson;

    @BeforeAll
    static void analyzeIntoTheNode(SharedOpenSearchNode.Node node) {
        url = node.url();
        client = node.client();
        run = CommandLineRun.of(AnalysisParts.production(), "analyze", SharedFixtures.pcap(CAPTURE).toString(),
                "--out", out.toString(), "--opensearch", url);
        ndjson = NdjsonTally.of(out.resolve("events.ndjson"));
    }

    @Test
    void everyDocumentIsWrittenToTheFileAndIndexed() {
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        String file = out.resolve("events.ndjson").toString();
        assertThat(run.written(file)).isEqualTo(ndjson.lines()).isPositive();
        assertThat(run.written(url)).isEqualTo(ndjson.lines());
        assertThat(run.rejected(url)).isZero();
    }

    @Test
    void aSearchForModbusFindsExactlyTheModbusEventsOfTheNdjsonFile() throws IOException {
        // No refresh here: the sink makes its documents searchable before the command returns.
        SearchResponse<ObjectNode> found = client.search(s -> s.index("otsoc-events-*")
                .query(q -> q.term(t -> t.field("network.protocol").value(FieldValue.of("modbus"))))
                .trackTotalHits(t -> t.enabled(true))
                .size(1_000), ObjectNode.class);

        long modbus = ndjson.events("modbus");
        assertThat(modbus).isPositive();
        assertThat(found.hits().total().value()).isEqualTo(modbus);
        List<JsonNode> expected = ndjson.documents().stream()
                .filter(d -> d.path("network").path("protocol").asText().equals("modbus")).toList();
        assertThat(found.hits().hits()).extracting(Hit::source).map(JsonNode.class::cast)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(found.hits().hits()).extracting(Hit::index)
                .allMatch(index -> index.startsWith(".ds-" + IndexRouting.EVENTS + "-"));
    }

    @Test
    void theEventsDataStreamHasTheTemplatesTypes() throws IOException {
        GetDataStreamResponse stream = client.indices().getDataStream(d -> d.name(IndexRouting.EVENTS));
        assertThat(stream.dataStreams()).singleElement()
                .satisfies(ds -> assertThat(ds.template()).isEqualTo("otsoc-events"));

        TypeMapping mapping = client.indices().getMapping(m -> m.index(IndexRouting.EVENTS))
                .result().values().iterator().next().mappings();
        assertThat(field(mapping, "source.ip").isIp()).isTrue();
        assertThat(field(mapping, "destination.ip").isIp()).isTrue();
        assertThat(field(mapping, "@timestamp").isDate()).isTrue();
        assertThat(field(mapping, "otsoc.modbus.function_code").isLong()).isTrue();
        assertThat(field(mapping, "event.action").isKeyword()).isTrue();
        assertThat(field(mapping, "network.protocol").isKeyword()).isTrue();
    }

    @Test
    void assetsAreInTheAssetsIndexByTheirId() throws IOException {
        List<JsonNode> assets = ndjson.assets();
        assertThat(assets).isNotEmpty();
        for (JsonNode asset : assets) {
            String id = asset.path("host").path("id").asText();
            GetResponse<ObjectNode> got = client.get(g -> g.index(IndexRouting.ASSETS).id(id), ObjectNode.class);
            assertThat(got.found()).as("asset %s", id).isTrue();
            assertThat((JsonNode) got.source()).isEqualTo(asset);
        }
        assertThat(client.count(c -> c.index(IndexRouting.ASSETS)).count()).isEqualTo(assets.size());
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
}
