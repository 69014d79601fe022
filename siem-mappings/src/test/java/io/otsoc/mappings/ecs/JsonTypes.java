package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Whether a JSON value can be indexed as a field of a given ECS / OpenSearch type. */
final class JsonTypes {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private JsonTypes() {
    }

    /** Null when {@code value} suits {@code type}, else what is wrong. */
    static String problem(String type, JsonNode value) {
        switch (type) {
            case "keyword", "constant_keyword", "wildcard", "text", "match_only_text":
                return value.isTextual() ? null : "expected a string, got " + value;
            case "long":
                return value.isIntegralNumber() && value.canConvertToLong() ? null : "expected an integer, got " + value;
            case "integer":
                return value.isIntegralNumber() && value.canConvertToInt() ? null : "expected a 32-bit integer, got " + value;
            case "float", "double", "scaled_float", "half_float":
                return value.isNumber() ? null : "expected a number, got " + value;
            case "boolean":
                return value.isBoolean() ? null : "expected a boolean, got " + value;
            case "date":
                return value.isTextual() && isIsoDate(value.asText()) ? null : "expected an ISO-8601 date, got " + value;
            case "ip":
                return value.isTextual() && isIp(value.asText()) ? null : "expected an IP address, got " + value;
            default:
                return "type " + type + " is not a leaf type otsoc writes";
        }
    }

    static boolean isIsoDate(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A literal IPv4 or IPv6 address; never a host name (so no DNS lookup can happen). */
    static boolean isIp(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(text).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
