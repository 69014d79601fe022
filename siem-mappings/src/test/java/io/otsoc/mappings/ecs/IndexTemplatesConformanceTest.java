package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.mappings.opensearch.IndexRouting;
import io.otsoc.mappings.opensearch.IndexTemplates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The installed templates: ECS fields with their ECS types, otsoc fields explicit, routing targets covered. */
class IndexTemplatesConformanceTest {

    /** Leaf types an OpenSearch 2.19 node accepts that otsoc uses; no match_only_text, constant_keyword, flattened. */
    private static final Set<String> OPENSEARCH_LEAF_TYPES =
            Set.of("keyword", "text", "long", "integer", "float", "double", "boolean", "date", "ip", "flat_object");

    private static EcsFieldCatalog ecs;
    private static TemplateFields templates;

    @BeforeAll
    static void load() {
        ecs = EcsFieldCatalog.load();
        templates = TemplateFields.installed();
    }

    @Test
    void everyEcsFieldInTheTemplatesHasItsEcsType() {
        List<String> problems = new ArrayList<>();
        int ecsFields = 0;
        for (TemplateFields.Mapping mapping : templates.all().values()) {
            if (!OPENSEARCH_LEAF_TYPES.contains(mapping.type())) {
                problems.add(mapping.name() + ": type " + mapping.type() + " is not one otsoc may use on OpenSearch 2.19");
            }
            EcsFieldCatalog.Field field = ecs.field(mapping.name());
            if (field == null) {
                if (!mapping.name().startsWith("otsoc.")) {
                    problems.add(mapping.name() + " is neither an ECS field nor under otsoc.");
                }
                continue;
            }
            ecsFields++;
            if (mapping.name().startsWith("otsoc.")) {
                problems.add(mapping.name() + " shadows an ECS field");
            }
            String expected = EcsConformanceTest.openSearchType(field.type());
            if (!expected.equals(mapping.type())) {
                problems.add(mapping.name() + ": mapped " + mapping.type() + ", ECS " + field.type());
            }
            for (Map.Entry<String, String> multi : field.multiFields().entrySet()) {
                String got = mapping.multiFields().get(multi.getKey());
                if (!EcsConformanceTest.openSearchType(multi.getValue()).equals(got)) {
                    problems.add(mapping.name() + "." + multi.getKey() + ": mapped " + got + ", ECS " + multi.getValue());
                }
            }
            if (!field.multiFields().keySet().containsAll(mapping.multiFields().keySet())) {
                problems.add(mapping.name() + ": multi-fields " + mapping.multiFields().keySet() + " not in ECS");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(ecsFields).isGreaterThanOrEqualTo(45);
    }

    @Test
    void ignoreAboveFollowsEcs() throws IOException {
        // ecs_flat.yml carries ignore_above per field; EcsFieldCatalog keeps types only, so read it here.
        JsonNode flat = new YAMLMapper().readTree(SharedFixtures.spec("ecs/ecs_flat.yml").toFile());
        List<String> problems = new ArrayList<>();
        for (TemplateFields.Mapping mapping : templates.all().values()) {
            JsonNode field = flat.get(mapping.name());
            if (field == null) {
                continue;
            }
            Integer expected = field.hasNonNull("ignore_above") ? field.get("ignore_above").asInt() : null;
            if (!java.util.Objects.equals(expected, mapping.ignoreAbove())) {
                problems.add(mapping.name() + ": ignore_above " + mapping.ignoreAbove() + ", ECS " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void modbusFieldsHaveTheDecoderContractTypes() {
        for (Map.Entry<String, String> field : ModbusFieldContract.FIELDS.entrySet()) {
            TemplateFields.Mapping mapping = templates.get("otsoc.modbus." + field.getKey());
            assertThat(mapping).as("otsoc.modbus." + field.getKey()).isNotNull();
            assertThat(mapping.type()).as("otsoc.modbus." + field.getKey()).isEqualTo(field.getValue());
        }
        assertThat(ModbusFieldContract.FIELDS).hasSize(39);
    }

    @Test
    void indexTemplatesCoverTheRoutingTargets() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> components = new java.util.HashSet<>();
        IndexTemplates.componentTemplates().forEach(t -> components.add(t.name()));
        assertThat(components).containsExactlyInAnyOrder("otsoc-ecs", "otsoc-protocols");

        Map<String, Boolean> dataStreamByTarget = Map.of(
                IndexRouting.EVENTS, true, IndexRouting.ALERTS, true, IndexRouting.ASSETS, false);
        for (Map.Entry<String, Boolean> target : dataStreamByTarget.entrySet()) {
            List<String> matching = new ArrayList<>();
            for (IndexTemplates.Template template : IndexTemplates.indexTemplates()) {
                JsonNode body = json.readTree(template.json());
                for (JsonNode pattern : body.path("index_patterns")) {
                    if (glob(pattern.asText()).matcher(target.getKey()).matches()) {
                        matching.add(template.name());
                        assertThat(body.has("data_stream")).as(template.name() + " data_stream")
                                .isEqualTo(target.getValue());
                        body.path("composed_of").forEach(c -> assertThat(components).contains(c.asText()));
                        assertThat(body.path("composed_of")).hasSize(components.size());
                    }
                }
            }
            assertThat(matching).as(target.getKey()).hasSize(1);
        }
    }

    @Test
    void everyRegisteredProtocolShipsItsOwnMappings() throws IOException {
        List<String> protocols = io.otsoc.collector.protocol.DecoderRegistry.discover().protocolNames();
        assertThat(protocols).contains("modbus", "s7comm", "dnp3");
        IndexTemplates.Template composed = IndexTemplates.componentTemplates().stream()
                .filter(t -> t.name().equals("otsoc-protocols")).findFirst().orElseThrow();
        JsonNode otsoc = new ObjectMapper().readTree(composed.json())
                .at("/template/mappings/properties/otsoc/properties");
        for (String protocol : protocols) {
            assertThat(otsoc.path(protocol).path("properties").size()).as("otsoc." + protocol + ".* mappings")
                    .isPositive();
        }
        assertThat(otsoc.has("asset")).as("the component's own fields stay").isTrue();
    }

    @Test
    void aProtocolWithoutMappingsIsNamedInTheError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> IndexTemplates.componentTemplates(List.of("modbus", "no_such_protocol")))
                .hasMessageContaining("index-templates/protocols/no_such_protocol.json");
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }
}
