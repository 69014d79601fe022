package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.mappings.opensearch.IndexTemplates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields mapped by the component templates, by dotted name: leaf type, ignore_above and multi-fields.
 * Built from {@link IndexTemplates}, i.e. exactly what otsoc installs.
 */
final class TemplateFields {

    record Mapping(String name, String type, Integer ignoreAbove, Map<String, String> multiFields, String component) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Mapping> mappings = new LinkedHashMap<>();

    /** The production component templates. */
    static TemplateFields installed() {
        TemplateFields fields = new TemplateFields();
        for (IndexTemplates.Template template : IndexTemplates.componentTemplates()) {
            fields.add(template.name(), template.json());
        }
        return fields;
    }

    /** The production templates plus a test-only component from the test resources. */
    static TemplateFields installedPlus(String testResource) {
        TemplateFields fields = installed();
        try (InputStream in = TemplateFields.class.getResourceAsStream(testResource)) {
            fields.add(testResource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    private void add(String component, String json) {
        try {
            JsonNode properties = JSON.readTree(json).path("template").path("mappings").path("properties");
            walk("", properties, component);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + component + " is not valid JSON", e);
        }
    }

    private void walk(String prefix, JsonNode properties, String component) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode definition = entry.getValue();
            if (definition.has("properties")) {
                walk(name, definition.get("properties"), component);
            } else {
                Map<String, String> multi = new LinkedHashMap<>();
                definition.path("fields").fields().forEachRemaining(m -> multi.put(m.getKey(), m.getValue().path("type").asText()));
                Integer ignoreAbove = definition.has("ignore_above") ? definition.get("ignore_above").asInt() : null;
                Mapping previous = mappings.put(name, new Mapping(name, definition.path("type").asText(null),
                        ignoreAbove, multi, component));
                if (previous != null) {
                    throw new IllegalStateException(name + " is mapped twice: in " + previous.component()
                            + " and " + component);
                }
            }
        }
    }

    Mapping get(String name) {
        return mappings.get(name);
    }

    Map<String, Mapping> all() {
        return mappings;
    }
}
