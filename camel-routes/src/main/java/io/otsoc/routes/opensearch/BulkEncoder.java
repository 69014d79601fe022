package io.otsoc.routes.opensearch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.otsoc.routes.delivery.EcsDocument;
import org.opensearch.client.opensearch.generic.Body;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code _bulk} request bodies (NDJSON) from documents that are already serialised, without parsing
 * them: an action line per document ({@code create} into a data stream when the document has no id,
 * {@code index} with its id otherwise, so a re-sent asset overwrites itself) followed by its bytes as they are.
 * A body stops before it would pass the byte budget, so one batch may need several requests.
 *
 * <p>Not thread-safe: one encoder per sink, its buffer reused from request to request.
 */
final class BulkEncoder {

    static final String CONTENT_TYPE = "application/x-ndjson";

    private static final byte[] CREATE = ascii("{\"create\":{\"_index\":\"");
    private static final byte[] INDEX = ascii("{\"index\":{\"_index\":\"");
    private static final byte[] ID = ascii("\",\"_id\":\"");
    private static final byte[] END = ascii("\"}}\n");

    private final int maxBytes;
    /** Action lines per data stream, and index-line prefixes per index: a pipeline writes to few of them. */
    private final Map<String, byte[]> createLines = new HashMap<>();
    private final Map<String, byte[]> indexPrefixes = new HashMap<>();
    private final JsonStringEncoder escaper = JsonStringEncoder.getInstance();

    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private int[] positions = new int[256];
    private int count;

    BulkEncoder(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("bulk byte budget must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Encodes documents from {@code from} on until the byte budget is reached (always at least one document,
     * however large). Documents that cannot go into a bulk body at all are reported to {@code invalid} and
     * skipped.
     *
     * @return the position after the last document consumed
     */
    int encode(List<EcsDocument> documents, int from, InvalidDocuments invalid) {
        length = 0;
        count = 0;
        int next = from;
        while (next < documents.size()) {
            EcsDocument document = documents.get(next);
            String problem = problem(document);
            if (problem != null) {
                invalid.reject(next, problem);
                next++;
                continue;
            }
            int mark = length;
            appendAction(document);
            append(document.json());
            appendByte((byte) '\n');
            if (length > maxBytes && count > 0) {
                length = mark; // this one starts the next body
                break;
            }
            addPosition(next);
            next++;
            if (length >= maxBytes) {
                break;
            }
        }
        return next;
    }

    /** How many documents the last body holds. */
    int count() {
        return count;
    }

    /** The position, in the encoded list, of the {@code i}-th document of the last body. */
    int position(int i) {
        return positions[i];
    }

    /** How many bytes the last body holds. */
    int length() {
        return length;
    }

    /** The last body, without copying it; valid until the next {@link #encode}. */
    Body body() {
        byte[] bytes = buffer;
        int size = length;
        return new Body() {
            @Override
            public String contentType() {
                return CONTENT_TYPE;
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(bytes, 0, size);
            }

            @Override
            public void close() {
            }
        };
    }

    /** The last body as text, for tests. */
    String bodyAsString() {
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** Receives documents that cannot be sent at all. */
    interface InvalidDocuments {
        void reject(int position, String reason);
    }

    private static String problem(EcsDocument document) {
        if (document.index() == null || document.index().isEmpty()) {
            return "invalid_document: no target index";
        }
        byte[] json = document.json();
        if (json == null || json.length == 0) {
            return "invalid_document: empty document";
        }
        // A raw line break would split the document into two bulk lines and corrupt the rest of the body.
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                return "invalid_document: not compact JSON (contains a line break)";
            }
        }
        return null;
    }

    private void appendAction(EcsDocument document) {
        if (document.id() == null) {
            append(createLines.computeIfAbsent(document.index(), index -> concat(CREATE, escaper.quoteAsUTF8(index), END)));
        } else {
            append(indexPrefixes.computeIfAbsent(document.index(), index -> concat(INDEX, escaper.quoteAsUTF8(index), ID)));
            append(escaper.quoteAsUTF8(document.id()));
            append(END);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void appendByte(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            int wanted = Math.max(length + more, Math.min(Integer.MAX_VALUE - 8, buffer.length * 2));
            buffer = Arrays.copyOf(buffer, wanted);
        }
    }

    private void addPosition(int position) {
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
        }
        positions[count++] = position;
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
