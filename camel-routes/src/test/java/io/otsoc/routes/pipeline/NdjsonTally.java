package io.otsoc.routes.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@code events.ndjson} file holds, read back line by line: every line must be one JSON object with an
 * {@code @timestamp}; events are counted per {@code network.protocol}, assets (and anything else) per
 * {@code event.kind}.
 */
public final class NdjsonTally {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> documents;
    private final Map<String, Long> eventsByProtocol = new TreeMap<>();
    private final Map<String, Long> byKind = new TreeMap<>();

    private NdjsonTally(List<JsonNode> documents) {
        this.documents = documents;
        for (JsonNode document : documents) {
            String kind = document.path("event").path("kind").asText();
            byKind.merge(kind, 1L, Long::sum);
            if (kind.equals("event")) {
                eventsByProtocol.merge(document.path("network").path("protocol").asText(), 1L, Long::sum);
            }
        }
    }

    /** Reads the file; fails on a line that is not a JSON object with a timestamp. */
    public static NdjsonTally of(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                JsonNode document = JSON.readTree(line);
                if (document == null || !document.isObject() || !document.hasNonNull("@timestamp")) {
                    throw new AssertionError(file + " line " + number + " is not a timestamped JSON object: " + line);
                }
                documents.add(document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new NdjsonTally(documents);
    }

    public int lines() {
        return documents.size();
    }

    public List<JsonNode> documents() {
        return Collections.unmodifiableList(documents);
    }

    public Map<String, Long> eventsByProtocol() {
        return Collections.unmodifiableMap(eventsByProtocol);
    }

    public long events(String protocol) {
        return eventsByProtocol.getOrDefault(protocol, 0L);
    }

    /** Documents of one {@code event.kind}: event, asset, alert... */
    public long ofKind(String kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    public List<JsonNode> assets() {
        return documents.stream().filter(d -> d.path("event").path("kind").asText().equals("asset")).toList();
    }
}
