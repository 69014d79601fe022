package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otsoc.collector.model.DomainRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of every sample document is either an ECS 9.4 field whose value suits its ecs_flat.yml type
 * (and pattern, and allowed values) and which the templates map with that type, or an {@code otsoc.} field that
 * the templates map explicitly with a type the value suits.
 */
class EcsConformanceTest {

    /** OpenSearch 2.19 lacks these ECS types; the documented stand-ins. */
    static final Map<String, String> OPENSEARCH_SUBSTITUTES =
            Map.of("match_only_text", "text", "constant_keyword", "keyword", "flattened", "flat_object");

    private static EcsFieldCatalog ecs;
    private static TemplateFields templates;
    private final EcsMapper mapper = new EcsMapper("sensor-1");

    @BeforeAll
    static void load() {
        ecs = EcsFieldCatalog.load();
        templates = TemplateFields.installedPlus("/index-templates-test/otsoc-testproto.json");
    }

    static String openSearchType(String ecsType) {
        return OPENSEARCH_SUBSTITUTES.getOrDefault(ecsType, ecsType);
    }

    @Test
    void everyEmittedFieldIsEcsOrMappedOtsoc() {
        List<String> problems = new ArrayList<>();
        DocumentConformance conformance = new DocumentConformance(ecs, templates);
        for (DomainRecord record : SampleRecords.all()) {
            ObjectNode document = mapper.toDocument(record);
            String where = record.getClass().getSimpleName() + " " + document.path("event").path("dataset").asText()
                    + " " + document.path("event").path("action").asText() + ": ";
            conformance.fieldProblems(document, where, problems);
        }
        Set<String> ecsFieldsSeen = conformance.ecsFieldsSeen();
        Set<String> otsocFieldsSeen = conformance.otsocFieldsSeen();
        assertThat(problems).isEmpty();
        // The sample set really exercises the mapping (guards against a vacuous pass).
        assertThat(ecsFieldsSeen).contains("@timestamp", "ecs.version", "event.kind", "event.category",
                "event.type", "event.module", "event.dataset", "event.action", "event.outcome", "event.duration",
                "event.start", "event.end", "event.severity", "event.risk_score", "observer.name", "observer.type",
                "observer.vendor", "observer.product", "network.protocol", "network.transport", "network.type",
                "network.community_id", "network.vlan.id", "source.ip", "source.port", "source.mac",
                "destination.ip", "destination.port", "destination.mac", "related.ip", "error.message", "host.id", "host.name",
                "host.mac", "host.ip", "rule.id", "rule.name", "rule.ruleset", "message", "threat.framework",
                "threat.technique.id", "threat.technique.name", "threat.technique.reference", "threat.tactic.id",
                "threat.tactic.name", "threat.tactic.reference");
        assertThat(otsocFieldsSeen).contains("otsoc.category", "otsoc.asset.roles.name", "otsoc.asset.roles.evidence",
                "otsoc.asset.vendor", "otsoc.asset.model", "otsoc.asset.firmware", "otsoc.asset.serial",
                "otsoc.asset.name", "otsoc.asset.device_type", "otsoc.asset.first_seen", "otsoc.asset.last_seen", "otsoc.incident.key",
                "otsoc.incident.state", "otsoc.incident.alert_count", "otsoc.testproto.ratio",
                "otsoc.testproto.names");
    }

    @Test
    void everyModbusFieldTheTemplatesMapIsEmittedBySomeSample() {
        Set<String> emitted = new TreeSet<>();
        for (DomainRecord record : SampleRecords.production()) {
            DocumentLeaves.of(mapper.toDocument(record)).forEach(leaf -> emitted.add(leaf.name()));
        }
        Set<String> mapped = new TreeSet<>();
        templates.all().keySet().stream().filter(n -> n.startsWith("otsoc.modbus.")).forEach(mapped::add);
        assertThat(mapped).hasSize(ModbusFieldContract.FIELDS.size());
        assertThat(emitted).containsAll(mapped);
    }

    @Test
    void categorisationUsesAllowedValuesAndExpectedTypePairs() {
        List<String> problems = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        DocumentConformance conformance = new DocumentConformance(ecs, templates);
        for (DomainRecord record : SampleRecords.all()) {
            JsonNode event = mapper.toDocument(record).path("event");
            kinds.add(event.path("kind").asText());
            conformance.categorisationProblems(event, "", problems);
        }
        assertThat(problems).isEmpty();
        assertThat(kinds).containsExactlyInAnyOrder("event", "asset", "alert");
    }

    @Test
    void everyDocumentHasTheCommonFields() {
        for (DomainRecord record : SampleRecords.all()) {
            ObjectNode document = mapper.toDocument(record);
            assertThat(document.path("ecs").path("version").asText()).isEqualTo(ecs.version());
            assertThat(JsonTypes.isIsoDate(document.path("@timestamp").asText())).isTrue();
            assertThat(document.path("event").path("module").asText()).isEqualTo("otsoc");
            assertThat(document.path("event").path("dataset").asText()).startsWith("otsoc.");
            assertThat(document.path("observer").path("name").asText()).isEqualTo("sensor-1");
            assertThat(document.path("observer").path("type").asText()).isEqualTo("sensor");
        }
    }
}
