package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.testing.ZeekLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;

/**
 * Zeek's per-function Modbus events as the shared event-print outputs show them,
 * {@code modbus_<function>_request|_response, [conn id], [tid, pid, uid, function_code, len], args...}, and the same
 * fields read from one of our messages. The arguments, by event (Zeek's {@code modbus} event signatures):
 * <ul>
 *   <li>read coils / discrete inputs / holding / input registers request: start address, quantity;</li>
 *   <li>read coils / discrete inputs response: the status bits, whole bytes (padding bits included);</li>
 *   <li>read holding / input registers response: the register values (the fuzz test also prints their count);</li>
 *   <li>write single coil request and response: address, value (T = 0xff00);</li>
 *   <li>write multiple coils request: start address, the coil bits (quantity of them);
 *       response: start address, quantity.</li>
 * </ul>
 * Zeek raises one only for a message its parser decoded, so a message of ours is compared only when it carries
 * every field the event prints (see {@link #ours}). The event's name is compared with the operation our event
 * reports ({@code func}).
 */
final class ZeekFunctionEvents {

    private ZeekFunctionEvents() {
    }

    /** Whether an event print is one of Zeek's per-function Modbus events (not {@code modbus_message}). */
    static boolean isFunctionEvent(ZeekLog.EventPrint e) {
        return e.name().startsWith("modbus_") && (e.name().endsWith("_request") || e.name().endsWith("_response"));
    }

    static boolean isRequest(ZeekLog.EventPrint e) {
        return e.name().endsWith("_request");
    }

    /** The key of the message an event is about: connection, transaction id, unit id, direction. */
    static String key(ZeekLog.EventPrint e) {
        Map<String, String> h = e.record(1);
        return key(conn(e), Integer.parseInt(h.get("tid")), Integer.parseInt(h.get("uid")), isRequest(e));
    }

    static String key(String conn, int tid, int uid, boolean request) {
        return conn + " tid=" + tid + " uid=" + uid + (request ? " request" : " response");
    }

    static String conn(ZeekLog.EventPrint e) {
        Map<String, String> c = e.record(0);
        return c.get("orig_h") + ":" + port(c.get("orig_p")) + ">" + c.get("resp_h") + ":" + port(c.get("resp_p"));
    }

    /**
     * The fields of one event print. {@code requestedBits} is the quantity of Zeek's own request event for the
     * same transaction, if it printed one: a bits response is then cut to that many bits (the rest is the padding
     * of the last byte, which we do not keep).
     */
    static Map<String, String> oracle(ZeekLog.EventPrint e, Integer requestedBits) {
        Map<String, String> h = e.record(1);
        Map<String, String> f = new LinkedHashMap<>();
        int code = functionOf(e);
        f.put("func", ZeekModbusNames.function(code));
        f.put("function_code", h.get("function_code"));
        f.put("len", h.get("len"));
        f.put("pid", h.get("pid"));
        List<String> a = e.args();
        boolean request = isRequest(e);
        switch (code) {
            case 1, 2, 3, 4 -> {
                if (request) {
                    f.put("address", a.get(2));
                    f.put("quantity", a.get(3));
                } else if (code <= 2) {
                    List<String> bits = bits(a.get(2));
                    f.put("values", String.join(",", requestedBits == null || requestedBits > bits.size()
                            ? bits : bits.subList(0, requestedBits)));
                } else {
                    f.put("values", String.join(",", vector(a.get(2))));
                    if (a.size() > 3) {
                        f.put("count", a.get(3));
                    }
                }
            }
            case 5 -> {
                f.put("address", a.get(2));
                f.put("values", a.get(3).equals("T") ? "1" : "0");
            }
            case 15 -> {
                f.put("address", a.get(2));
                if (request) {
                    f.put("values", String.join(",", bits(a.get(3))));
                } else {
                    f.put("quantity", a.get(3));
                }
            }
            default -> throw new IllegalArgumentException("line " + e.line() + ": no mapping for " + e.name());
        }
        return f;
    }

    /** The quantity a request event asked for, or null when it is not a read of bits. */
    static Integer requestedBits(ZeekLog.EventPrint e) {
        int code = functionOf(e);
        return isRequest(e) && (code == 1 || code == 2) ? Integer.valueOf(e.args().get(3)) : null;
    }

    /**
     * The same fields read from our message, or null when we have no such event (another function) or the message
     * lacks one of the fields (we did not decode it).
     */
    static Map<String, String> ours(CaptureRun.Message m) {
        ModbusDetail d = m.detail();
        int code = m.functionCode();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("func", ZeekModbusNames.functionOfAction(m.event().action(), d)); // the operation we reported
        f.put("function_code", String.valueOf(code));
        f.put("len", String.valueOf(m.length()));
        f.put("pid", "0"); // the decoder accepts no other protocol id
        int[] values = m.request() ? d.requestValues() : d.responseValues();
        switch (code) {
            case 1, 2, 3, 4 -> {
                if (m.request()) {
                    put(f, "address", d.address());
                    put(f, "quantity", d.quantity());
                } else {
                    f.put("values", join(values));
                    if (code >= 3) {
                        f.put("count", values == null ? "-" : String.valueOf(values.length));
                    }
                }
            }
            case 5 -> {
                put(f, "address", d.address());
                f.put("values", join(values));
            }
            case 15 -> {
                put(f, "address", d.address());
                if (m.request()) {
                    f.put("values", join(values));
                } else {
                    put(f, "quantity", d.quantity());
                }
            }
            default -> {
                return null;
            }
        }
        return f.containsValue("-") ? null : f;
    }

    private static int functionOf(ZeekLog.EventPrint e) {
        String name = e.name().substring("modbus_".length(), e.name().lastIndexOf('_'));
        int code = ZeekModbusNames.code(name.toUpperCase(Locale.ROOT));
        int header = Integer.parseInt(e.record(1).get("function_code"));
        if (header != code) {
            throw new IllegalArgumentException("line " + e.line() + ": " + e.name() + " with function code " + header);
        }
        return code;
    }

    private static void put(Map<String, String> f, String field, int value) {
        f.put(field, value == ABSENT ? "-" : String.valueOf(value));
    }

    private static String join(int[] values) {
        if (values == null) {
            return "-";
        }
        List<String> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(String.valueOf(v));
        }
        return String.join(",", out);
    }

    /** {@code [a, b, c]} into its elements. */
    static List<String> vector(String text) {
        String body = text.strip();
        body = body.substring(1, body.length() - 1).strip();
        return body.isEmpty() ? List.of() : List.of(body.split(",\\s*"));
    }

    /** A vector of Zeek bools as 0/1. */
    private static List<String> bits(String text) {
        return vector(text).stream().map(b -> b.equals("T") ? "1" : "0").toList();
    }

    private static String port(String value) {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }
}
