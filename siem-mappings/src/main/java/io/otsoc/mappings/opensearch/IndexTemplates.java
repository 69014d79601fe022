package io.otsoc.mappings.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSearch templates otsoc installs before it writes: component templates (field mappings) and the
 * composable index templates that use them, kept as JSON resources under {@code index-templates/}.
 */
public final class IndexTemplates {

    /** A template's name and its request body as JSON. */
    public record Template(String name, String json) {
    }

    private static final List<String> COMPONENTS = List.of("otsoc-ecs", "otsoc-protocols");
    private static final List<String> INDEX_TEMPLATES = List.of("otsoc-events", "otsoc-alerts", "otsoc-assets");

    private IndexTemplates() {
    }

    /** Component templates, to install first ({@code PUT _component_template/<name>}). */
    public static List<Template> componentTemplates() {
        return load("component", COMPONENTS);
    }

    /** Composable index templates ({@code PUT _index_template/<name>}). */
    public static List<Template> indexTemplates() {
        return load("index", INDEX_TEMPLATES);
    }

    private static List<Template> load(String kind, List<String> names) {
        List<Template> templates = new ArrayList<>(names.size());
        for (String name : names) {
            String resource = "/index-templates/" + kind + "/" + name + ".json";
            try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing template resource " + resource);
                }
                templates.add(new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template resource " + resource, e);
            }
        }
        return List.copyOf(templates);
    }
}
