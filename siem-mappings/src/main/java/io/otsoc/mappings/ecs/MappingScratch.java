package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonEncoding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one thread reuses from document to document: a char buffer for timestamps, the timestamp formatter with
 * its cached date, the detail writer, the recent flows' encoded values, the encoder of fixed document parts, a
 * buffer for raw text, and a UTF-8 generator over a growable byte buffer.
 */
final class MappingScratch {

    private static final JsonFactory JSON = new EcsJsonFactory(null);
    /** Past this the byte buffer is dropped after use, so one huge document does not pin memory. */
    private static final int KEEP_BYTES = 1 << 20;

    private static final ThreadLocal<MappingScratch> PER_THREAD = ThreadLocal.withInitial(MappingScratch::new);

    final char[] chars = new char[64];
    final MicrosTimestamp timestamp = new MicrosTimestamp();
    final JsonDetailWriter detail = new JsonDetailWriter();
    final RawDetailWriter rawDetail = new RawDetailWriter();
    final FlowStrings.Cache flows = new FlowStrings.Cache();
    final EncodedParts parts = new EncodedParts();
    /** Text written raw into a document (checked to need no escaping). */
    final RawText raw = new RawText();

    /** Actions by identity (decoders pass literals) and their encoded {@code ,"action":"..."}. */
    private static final int MAX_ACTIONS = 4096;
    private static final byte[] NEEDS_ESCAPING = new byte[0];
    private final IdentityCache<String, byte[]> actionFields = new IdentityCache<>(MAX_ACTIONS);

    private ProtocolNames lastProtocolTable;
    private String lastProtocol;
    private ProtocolNames.Names lastProtocolNames;

    private Bytes bytes;
    private JsonGenerator generator;

    static MappingScratch get() {
        return PER_THREAD.get();
    }

    /** {@code table.of(protocol)}, remembered for the next event, which is nearly always of the same protocol. */
    ProtocolNames.Names protocolNames(ProtocolNames table, String protocol) {
        if (protocol != lastProtocol || table != lastProtocolTable) {
            lastProtocolNames = table.of(protocol);
            lastProtocolTable = table;
            lastProtocol = protocol;
        }
        return lastProtocolNames;
    }

    /** {@code ,"action":"<action>"} as UTF-8, or null for an action that needs escaping. */
    byte[] actionField(String action) {
        byte[] field = actionFields.get(action, MappingScratch::encodeActionField);
        return field == NEEDS_ESCAPING ? null : field;
    }

    private static byte[] encodeActionField(String action) {
        if (!RawText.plain(action)) {
            return NEEDS_ESCAPING;
        }
        return (",\"action\":\"" + action + '"').getBytes(StandardCharsets.US_ASCII);
    }

    /** The thread's UTF-8 generator, positioned at the start of an empty buffer. */
    JsonGenerator utf8() {
        if (generator == null) {
            bytes = new Bytes();
            try {
                generator = JSON.createGenerator(bytes, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        bytes.size = 0;
        return generator;
    }

    /** Flushes the generator and returns what it wrote since {@link #utf8()}. */
    byte[] utf8Bytes() throws IOException {
        generator.flush();
        byte[] copy = Arrays.copyOf(bytes.data, bytes.size);
        if (bytes.data.length > KEEP_BYTES) {
            discardUtf8();
        }
        return copy;
    }

    /** Flushes the generator and copies what it wrote to {@code out}. */
    void utf8To(OutputStream out) throws IOException {
        generator.flush();
        out.write(bytes.data, 0, bytes.size);
        if (bytes.data.length > KEEP_BYTES) {
            discardUtf8();
        }
    }

    /** After a failure mid-document the generator's state is unknown: start afresh next time. */
    void discardUtf8() {
        generator = null;
        bytes = null;
    }

    /** An unsynchronised growable byte sink (ByteArrayOutputStream locks on every write). */
    static final class Bytes extends OutputStream {
        byte[] data = new byte[2048];
        int size;

        @Override
        public void write(int b) {
            ensure(1);
            data[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, data, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }
    }
}
