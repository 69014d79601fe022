package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.otsoc.collector.testing.SharedFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ECS field reference, read from the shared {@code specs/ecs/ecs_flat.yml} (ECS 9.4.0): each field's type,
 * whether it is normalised to an array, its pattern, its allowed values, and per event.category the expected
 * event.type values. Tests use it as the oracle for every field the mapper emits.
 */
final class EcsFieldCatalog {

    /** One field of ecs_flat.yml. */
    record Field(String name, String type, boolean array, Pattern pattern, Set<String> allowedValues,
                 Map<String, String> multiFields) {
    }

    private static EcsFieldCatalog loaded;

    private final Map<String, Field> fields;
    private final Map<String, Set<String>> expectedTypesByCategory;
    private final String version;

    private EcsFieldCatalog(Map<String, Field> fields, Map<String, Set<String>> expectedTypesByCategory,
                            String version) {
        this.fields = fields;
        this.expectedTypesByCategory = expectedTypesByCategory;
        this.version = version;
    }

    /** The shared catalog, parsed once per test JVM (the YAML is about 2 MB). */
    static synchronized EcsFieldCatalog load() {
        if (loaded == null) {
            loaded = parse(SharedFixtures.spec("ecs/ecs_flat.yml"), SharedFixtures.spec("ecs/version"));
        }
        return loaded;
    }

    private static EcsFieldCatalog parse(Path flat, Path versionFile) {
        try {
            JsonNode root = new YAMLMapper().readTree(flat.toFile());
            Map<String, Field> fields = new HashMap<>();
            Map<String, Set<String>> expected = new LinkedHashMap<>();
            root.fields().forEachRemaining(entry -> {
                JsonNode f = entry.getValue();
                boolean array = false;
                for (JsonNode n : f.path("normalize")) {
                    array |= n.asText().equals("array");
                }
                Pattern pattern = f.hasNonNull("pattern") ? Pattern.compile(f.get("pattern").asText()) : null;
                Set<String> allowed = new LinkedHashSet<>();
                for (JsonNode value : f.path("allowed_values")) {
                    allowed.add(value.get("name").asText());
                    if (entry.getKey().equals("event.category")) {
                        Set<String> types = new LinkedHashSet<>();
                        value.path("expected_event_types").forEach(t -> types.add(t.asText()));
                        expected.put(value.get("name").asText(), types);
                    }
                }
                Map<String, String> multi = new LinkedHashMap<>();
                for (JsonNode m : f.path("multi_fields")) {
                    multi.put(m.get("name").asText(), m.get("type").asText());
                }
                fields.put(entry.getKey(), new Field(entry.getKey(), f.get("type").asText(), array, pattern,
                        allowed, multi));
            });
            String version = Files.readString(versionFile).trim();
            return new EcsFieldCatalog(fields, expected, version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + flat, e);
        }
    }

    Field field(String name) {
        return fields.get(name);
    }

    /** The ECS release, from the shared {@code version} file. */
    String version() {
        return version;
    }

    /** expected_event_types of a category, or null when the category is not an allowed value. */
    Set<String> expectedTypes(String category) {
        return expectedTypesByCategory.get(category);
    }

    /**
     * Problems with one emitted value against the field's definition: type, array normalisation, pattern,
     * allowed values. Empty when the value conforms.
     */
    List<String> problems(String name, JsonNode value) {
        Field field = fields.get(name);
        List<String> problems = new ArrayList<>();
        if (field == null) {
            problems.add(name + ": not an ECS field");
            return problems;
        }
        if (value.isArray()) {
            if (!field.array()) {
                problems.add(name + ": array given but ECS does not normalise it to an array");
            }
            for (JsonNode element : value) {
                scalarProblems(field, element, problems);
            }
        } else {
            scalarProblems(field, value, problems);
        }
        return problems;
    }

    private static void scalarProblems(Field field, JsonNode value, List<String> problems) {
        String problem = JsonTypes.problem(field.type(), value);
        if (problem != null) {
            problems.add(field.name() + " (" + field.type() + "): " + problem);
            return;
        }
        if (field.pattern() != null && !field.pattern().matcher(value.asText()).matches()) {
            problems.add(field.name() + ": '" + value.asText() + "' does not match " + field.pattern());
        }
        if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(value.asText())) {
            problems.add(field.name() + ": '" + value.asText() + "' is not among " + field.allowedValues());
        }
    }
}
