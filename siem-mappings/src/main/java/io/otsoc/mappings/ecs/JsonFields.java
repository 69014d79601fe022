package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.util.List;

/** Small value writers shared by the document writers; they format into the thread's char buffer. */
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
    static void mac(JsonGenerator out, String mac, MappingScratch scratch) throws IOException {
        out.writeString(scratch.chars, 0, ecsMac(mac, scratch.chars));
    }

    static int ecsMac(String mac, char[] buffer) {
        int n = Math.min(mac.length(), buffer.length);
        for (int i = 0; i < n; i++) {
            char c = mac.charAt(i);
            if (c == ':' || c == '.') {
                c = '-';
            } else if (c >= 'a' && c <= 'f') {
                c = (char) (c - ('a' - 'A'));
            }
            buffer[i] = c;
        }
        return n;
    }

    /** A number stored as a keyword (e.g. network.vlan.id), without building a String. */
    static void numberAsKeyword(JsonGenerator out, int value, MappingScratch scratch) throws IOException {
        char[] buffer = scratch.chars;
        long v = value;
        boolean negative = v < 0;
        if (negative) {
            v = -v;
        }
        int at = buffer.length;
        do {
            buffer[--at] = (char) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        if (negative) {
            buffer[--at] = '-';
        }
        out.writeString(buffer, at, buffer.length - at);
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
