package io.otsoc.routes.opensearch;

import io.otsoc.mappings.opensearch.IndexTemplates;
import io.otsoc.mappings.opensearch.IndexTemplates.Template;
import org.opensearch.client.opensearch.generic.Body;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Installs otsoc's component templates, then the index templates composed of them, before anything is
 * written, so data streams and the asset index get their field types from the templates rather than from
 * dynamic guesses. Installing is idempotent: a template of the same name is replaced.
 */
final class TemplateInstaller {

    private static final String JSON = "application/json";

    private TemplateInstaller() {
    }

    static void install(NodeConnection node) {
        put(node, "/_component_template/", "component template", IndexTemplates.componentTemplates());
        put(node, "/_index_template/", "index template", IndexTemplates.indexTemplates());
    }

    private static void put(NodeConnection node, String path, String kind, List<Template> templates) {
        for (Template template : templates) {
            String what = kind + " " + template.name();
            Body body = Body.from(template.json().getBytes(StandardCharsets.UTF_8), JSON);
            NodeConnection.Answer answer = node.send("PUT", path + template.name(), Map.of(), body, what);
            if (!answer.ok()) {
                throw node.refused(what, answer);
            }
        }
    }
}
