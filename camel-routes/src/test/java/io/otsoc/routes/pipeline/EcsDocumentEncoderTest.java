package io.otsoc.routes.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.mappings.ecs.EcsMapper;
import io.otsoc.mappings.opensearch.IndexRouting;
import io.otsoc.routes.delivery.EcsDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming encoder gives, document by document, exactly the mapper's tree form and the routing's target. */
class EcsDocumentEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<JsonNode> BY_VALUE = (a, b) ->
            a.equals(b) || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    @Test
    void eachDocumentIsOneCompactObjectEqualToTheMappersTree() throws Exception {
        List<DomainRecord> records = List.of(TestRecords.event(1_700_000_000_000_000L, "modbus"),
                TestRecords.event(1_700_000_000_000_001L, "modbus"), TestRecords.asset(1_700_000_000_000_002L));
        EcsMapper mapper = new EcsMapper("sensor-7");
        EcsDocumentEncoder encoder = new EcsDocumentEncoder(mapper);

        for (DomainRecord record : records) {
            EcsDocument document = encoder.encode(record);
            String text = new String(document.json(), StandardCharsets.UTF_8);
            JsonNode tree = mapper.toDocument(record);

            assertThat(text).startsWith("{").endsWith("}").doesNotContain("\n");
            // The tree holds numbers as longs where a parser gives ints: compare numbers by value ...
            assertThat(tree.equals(BY_VALUE, JSON.readTree(text))).as("%s vs %s", text, tree).isTrue();
            // ... and the text itself, which also pins the field order.
            assertThat(text).isEqualTo(JSON.writeValueAsString(tree));
            assertThat(document.index()).isEqualTo(IndexRouting.indexFor(record));
            assertThat(document.id()).isEqualTo(IndexRouting.documentIdFor(record));
        }
    }
}
