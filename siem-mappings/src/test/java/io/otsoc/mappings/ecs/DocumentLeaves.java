package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The leaf fields of a document by dotted name, as OpenSearch flattens them: an array of scalars is one leaf
 * whose value is the array; objects inside arrays contribute their own leaves under the array's name.
 */
final class DocumentLeaves {

    record Leaf(String name, JsonNode value) {
    }

    private DocumentLeaves() {
    }

    static List<Leaf> of(JsonNode document) {
        List<Leaf> leaves = new ArrayList<>();
        walk("", document, leaves);
        return leaves;
    }

    private static void walk(String prefix, JsonNode node, List<Leaf> leaves) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            for (JsonNode element : node) {
                walk(prefix, element, leaves);
            }
        } else {
            leaves.add(new Leaf(prefix, node));
        }
    }
}
