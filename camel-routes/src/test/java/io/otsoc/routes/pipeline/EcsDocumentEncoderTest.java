package io.otsoc.routes.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.mappings.ecs.EcsMapper;
import io.otsoc.mappings.opensearch.IndexRouting;
import io.otsoc.routes.delivery.EcsDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming encoder gives, document by document, exactly the mapper's tree form and the routing's target. */
class EcsDocumentEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachDocumentIsOneCompactObjectEqualToTheMappersTree() throws Exception {
        List<DomainRecord> records = List.of(TestRecords.event(1_700_000_000_000_000L, "modbus"),
                TestRecords.event(1_700_000_000_000_001L, "modbus"), TestRecords.asset(1_700_000_000_000_002L));
        EcsMapper mapper = new EcsMapper("sensor-7");
        BuiltParts.assumeBuilt("the ECS mapper", () -> mapper.toDocument(records.get(0)));
        BuiltParts.assumeBuilt("the index routing", () -> IndexRouting.indexFor(records.get(0)));
        EcsDocumentEncoder encoder = new EcsDocumentEncoder(mapper);

        for (DomainRecord record : records) {
            EcsDocument document = encoder.encode(record);
            String text = new String(document.json(), StandardCharsets.UTF_8);

            assertThat(text).startsWith("{").endsWith("}").doesNotContain("\n");
            JsonNode parsed = JSON.readTree(text);
            assertThat(parsed).isEqualTo(mapper.toDocument(record));
            assertThat(document.index()).isEqualTo(IndexRouting.indexFor(record));
            assertThat(document.id()).isEqualTo(IndexRouting.documentIdFor(record));
        }
    }
}
