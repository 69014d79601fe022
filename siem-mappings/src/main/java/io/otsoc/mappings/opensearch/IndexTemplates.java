package io.otsoc.mappings.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otsoc.collector.protocol.DecoderRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSearch templates otsoc installs before it writes: component templates (field mappings) and the
 * composable index templates that use them, kept as JSON resources under {@code index-templates/}.
 *
 * <p>The {@value #PROTOCOLS} component holds otsoc's own fields. Each protocol's {@code otsoc.<protocol>.*}
 * mappings live beside it in {@code index-templates/protocols/<protocol>.json} (the object that goes under
 * {@code properties}) and are added for every protocol a registered decoder emits, so that a decoder ships its
 * mappings with it. A registered protocol without such a file is an error.
 */
public final class IndexTemplates {

    /** A template's name and its request body as JSON. */
    public record Template(String name, String json) {
    }

    static final String PROTOCOLS = "otsoc-protocols";
    private static final List<String> COMPONENTS = List.of("otsoc-ecs", PROTOCOLS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INDEX_TEMPLATES = List.of("otsoc-events", "otsoc-alerts", "otsoc-assets");

    private IndexTemplates() {
    }

    /** Component templates, to install first ({@code PUT _component_template/<name>}). */
    public static List<Template> componentTemplates() {
        return componentTemplates(DecoderRegistry.discover().protocolNames());
    }

    /** Component templates with the protocol mappings of these protocols. */
    public static List<Template> componentTemplates(List<String> protocols) {
        List<Template> templates = new ArrayList<>();
        for (Template t : load("component", COMPONENTS)) {
            templates.add(t.name().equals(PROTOCOLS) ? withProtocols(t, protocols) : t);
        }
        return List.copyOf(templates);
    }

    /** Composable index templates ({@code PUT _index_template/<name>}). */
    public static List<Template> indexTemplates() {
        return load("index", INDEX_TEMPLATES);
    }

    private static Template withProtocols(Template base, List<String> protocols) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(base.json());
            ObjectNode otsoc = (ObjectNode) root.at("/template/mappings/properties/otsoc/properties");
            for (String protocol : protocols) {
                String resource = "/index-templates/protocols/" + protocol + ".json";
                JsonNode fields = JSON.readTree(read(resource));
                if (!fields.isObject()) {
                    throw new IllegalStateException(resource + " must be a JSON object of field mappings");
                }
                otsoc.putObject(protocol).set("properties", fields);
            }
            return new Template(base.name(), JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build component template " + base.name(), e);
        }
    }

    private static List<Template> load(String kind, List<String> names) {
        List<Template> templates = new ArrayList<>(names.size());
        for (String name : names) {
            templates.add(new Template(name, read("/index-templates/" + kind + "/" + name + ".json")));
        }
        return List.copyOf(templates);
    }

    private static String read(String resource) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + resource
                        + " (every registered protocol needs its otsoc.<protocol>.* mappings there)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + resource, e);
        }
    }
}
