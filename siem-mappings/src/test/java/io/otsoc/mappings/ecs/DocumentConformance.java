package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conformance checks of one ECS document, shared by the tests over hand-built records and over real captures:
 * every field is either an ECS 9.4 field whose value suits its ecs_flat.yml type (pattern, allowed values) and
 * which the templates map with that type, or an {@code otsoc.} field the templates map explicitly with a type the
 * value suits; and {@code event.kind}, {@code event.category}, {@code event.type} and {@code event.outcome} use
 * ECS's allowed values, each type one that ECS expects for each category. Remembers the fields it has seen, so a
 * test can show that it exercised the mapping rather than passing vacuously.
 */
final class DocumentConformance {

    private final EcsFieldCatalog ecs;
    private final TemplateFields templates;
    private final Set<String> ecsFieldsSeen = new TreeSet<>();
    private final Set<String> otsocFieldsSeen = new TreeSet<>();

    DocumentConformance(EcsFieldCatalog ecs, TemplateFields templates) {
        this.ecs = ecs;
        this.templates = templates;
    }

    /** Every problem of the document, each prefixed with {@code where}; empty when it conforms. */
    List<String> problems(JsonNode document, String where) {
        List<String> problems = new ArrayList<>();
        fieldProblems(document, where, problems);
        categorisationProblems(document.path("event"), where, problems);
        return problems;
    }

    /** Each leaf against ecs_flat.yml and the templates. */
    void fieldProblems(JsonNode document, String where, List<String> problems) {
        for (DocumentLeaves.Leaf leaf : DocumentLeaves.of(document)) {
            TemplateFields.Mapping mapping = templates.get(leaf.name());
            if (leaf.name().startsWith("otsoc.")) {
                otsocFieldsSeen.add(leaf.name());
                if (mapping == null) {
                    problems.add(where + leaf.name() + " is not mapped in the templates");
                    continue;
                }
                for (JsonNode value : leaf.value().isArray() ? leaf.value() : List.of(leaf.value())) {
                    String problem = JsonTypes.problem(mapping.type(), value);
                    if (problem != null) {
                        problems.add(where + leaf.name() + " mapped as " + mapping.type() + ": " + problem);
                    }
                }
            } else {
                ecsFieldsSeen.add(leaf.name());
                ecs.problems(leaf.name(), leaf.value()).forEach(p -> problems.add(where + p));
                EcsFieldCatalog.Field field = ecs.field(leaf.name());
                if (mapping == null) {
                    problems.add(where + leaf.name() + " is not mapped in the templates");
                } else if (field != null
                        && !EcsConformanceTest.openSearchType(field.type()).equals(mapping.type())) {
                    problems.add(where + leaf.name() + " mapped as " + mapping.type() + ", ECS type " + field.type());
                }
            }
        }
    }

    /** event.kind / category / type / outcome: present where ECS requires them, allowed, and paired as expected. */
    void categorisationProblems(JsonNode event, String where, List<String> problems) {
        if (!event.path("category").isArray() || event.path("category").isEmpty()) {
            problems.add(where + "event.category is not a non-empty array");
        }
        if (!event.path("type").isArray() || event.path("type").isEmpty()) {
            problems.add(where + "event.type is not a non-empty array");
        }
        for (JsonNode category : event.path("category")) {
            Set<String> expected = ecs.expectedTypes(category.asText());
            if (expected == null) {
                problems.add(where + category.asText() + " is not an allowed event.category");
                continue;
            }
            for (JsonNode type : event.path("type")) {
                if (!expected.contains(type.asText())) {
                    problems.add(where + event.path("dataset").asText() + ": event.type " + type.asText()
                            + " is not expected for event.category " + category.asText() + " " + expected);
                }
            }
        }
        ecs.problems("event.kind", event.path("kind")).forEach(p -> problems.add(where + p));
        if (event.has("outcome")) {
            ecs.problems("event.outcome", event.path("outcome")).forEach(p -> problems.add(where + p));
        }
    }

    Set<String> ecsFieldsSeen() {
        return ecsFieldsSeen;
    }

    Set<String> otsocFieldsSeen() {
        return otsocFieldsSeen;
    }
}
