package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.util.List;

/** Small value writers shared by the document writers. */
final class JsonFields {

    private JsonFields() {
    }

    /** An ISO-8601 UTC date with microseconds. */
    static void date(JsonGenerator out, SerializableString name, long micros, MappingScratch scratch)
            throws IOException {
        out.writeFieldName(name);
        out.writeString(scratch.chars, 0, scratch.timestamp.format(micros, scratch.chars));
    }

    /** A MAC address in ECS's RFC 7042 form: upper-case hex, octets separated by hyphens. */
    static String ecsMac(String mac) {
        char[] buffer = new char[mac.length()];
        for (int i = 0; i < buffer.length; i++) {
            char c = mac.charAt(i);
            if (c == ':') {
                c = '-';
            } else if (c >= 'a' && c <= 'f') {
                c = (char) (c - ('a' - 'A'));
            }
            buffer[i] = c;
        }
        return new String(buffer);
    }

    static void string(JsonGenerator out, SerializableString name, String value) throws IOException {
        if (value != null) {
            out.writeFieldName(name);
            out.writeString(value);
        }
    }

    static void strings(JsonGenerator out, SerializableString name, List<String> values) throws IOException {
        out.writeFieldName(name);
        out.writeStartArray();
        for (int i = 0, n = values.size(); i < n; i++) {
            out.writeString(values.get(i));
        }
        out.writeEndArray();
    }

    static void string(JsonGenerator out, SerializableString name, SerializableString value) throws IOException {
        if (value != null) {
            out.writeFieldName(name);
            out.writeString(value);
        }
    }

    static void values(JsonGenerator out, SerializableString name, List<? extends SerializableString> values)
            throws IOException {
        out.writeFieldName(name);
        out.writeStartArray();
        for (int i = 0, n = values.size(); i < n; i++) {
            out.writeString(values.get(i));
        }
        out.writeEndArray();
    }
}
