package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.opcua.OpcuaOracleTest.n;
import static io.otsoc.collector.protocol.opcua.OpcuaOracleTest.s;
import static io.otsoc.collector.protocol.opcua.UaMessage.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ICSNPP's per-service detail logs against our events, record by record: opensecure_channel (request type,
 * security mode, lifetimes, channel and token ids), create_session (client application, endpoint, session name,
 * timeouts and sizes), get_endpoints (requested URL), get_endpoints_description (each endpoint's URL and server
 * application), activate_session (identity token type, whether a user name was given) and the service results
 * (the {@code ResponseHeader} rows of status_code_detail; its per-operation rows, results inside Read, Write or
 * Browse responses, are not decoded by us and not compared). The logs were cut without headers; columns are
 * addressed by position in the efca88a3 log records (after ts, uid, the connection, is_orig and the message's
 * source and destination: 11 columns). Events after Zeek's content gap are left out as in {@link OpcuaOracleTest}.
 */
class OpcuaDetailOracleTest {

    static final String[] SETS = {"opcua_with-gap.pcap:data-gap", "opcua_with-gap_with-handshake.pcap:data-gap_with-handshake",
            "open62541_client-server_mainloop.pcap:basic",
            "open62541_client-server_mainloop-no-handshake.pcap:no-handshake"};

    @ParameterizedTest
    @ValueSource(strings = {"opensecure_channel", "create_session", "get_endpoints", "get_endpoints_description",
            "activate_session", "status_code_detail"})
    void agreesWithIcsnppDetailLog(String kind) {
        int compared = 0;
        for (String set : SETS) {
            String capture = set.substring(0, set.indexOf(':'));
            String test = set.substring(set.indexOf(':') + 1);
            Path log = SharedFixtures.pcap("opcua/" + capture + ".icsnpp." + test + ".opcua_binary_" + kind + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            List<OracleTable.Rec> oracle = oracle(kind, log);
            List<OracleTable.Rec> ours = ours(kind, OpcuaCaptureRun.of(capture));
            OracleTable t = new OracleTable(log.getFileName().toString()).compare(oracle, ours);
            t.print();
            assertThat(t.agreement()).as(log.getFileName().toString()).isGreaterThanOrEqualTo(0.99);
            compared++;
        }
        assertThat(compared).isPositive();
    }

    private static List<String> columns(Path log) {
        int n = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                if (!line.startsWith("#")) {
                    n = line.split("\t", -1).length;
                    break;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> c = new ArrayList<>(List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
                "is_orig", "src_h", "src_p", "dst_h", "dst_p"));
        for (int i = c.size(); i < n; i++) {
            c.add("c" + i);
        }
        return c;
    }

    private static List<OracleTable.Rec> oracle(String kind, Path log) {
        List<OracleTable.Rec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ZeekLog.Row row : ZeekLog.read(log, columns(log)).rows()) {
            String conn = OpcuaOracleTest.conn(row);
            boolean orig = row.raw("is_orig").equals("T");
            String side = orig ? "T" : "F";
            switch (kind) {
                case "opensecure_channel" -> out.add(orig
                        ? OracleTable.rec(id(conn, side, seen), "request_type", row.raw("c12"),
                                "security_mode", row.raw("c13"), "requested_lifetime", row.raw("c15"))
                        : OracleTable.rec(id(conn, side, seen), "channel_id", row.raw("c17"),
                                "token_id", row.raw("c18"), "revised_lifetime", row.raw("c20")));
                case "create_session" -> out.add(orig
                        ? OracleTable.rec(id(conn, side, seen), "application_uri", row.raw("c11"),
                                "product_uri", row.raw("c12"), "application_name", row.raw("c15"),
                                "application_type", row.raw("c16"), "server_uri", row.raw("c19"),
                                "endpoint_url", row.raw("c20"), "session_name", row.raw("c21"),
                                "requested_session_timeout", row.raw("c25"), "max_response_message_size",
                                row.raw("c26"))
                        : OracleTable.rec(id(conn, side, seen), "revised_session_timeout", row.raw("c39"),
                                "max_request_message_size", row.raw("c45")));
                case "get_endpoints" -> out.add(orig
                        ? OracleTable.rec(id(conn, side, seen), "endpoint_url", row.raw("c11"))
                        : OracleTable.rec(id(conn, side, seen)));
                case "get_endpoints_description" -> out.add(OracleTable.rec(id(conn, side, seen),
                        "endpoint_url", row.raw("c11"), "server_application_uri", row.raw("c12"),
                        "server_product_uri", row.raw("c13"), "server_application_name", row.raw("c16")));
                case "activate_session" -> out.add(orig
                        ? OracleTable.rec(id(conn, side, seen), "identity_token_type", tokenType(row.raw("c19")),
                                "user_name_present", String.valueOf(!row.raw("c22").equals("-")
                                        && !row.raw("c22").equals("(empty)")))
                        : OracleTable.rec(id(conn, side, seen)));
                case "status_code_detail" -> {
                    if (row.raw("c12").equals("ResponseHeader")) {
                        out.add(OracleTable.rec(id(conn, side + " " + row.raw("c14"), seen),
                                "status_code", row.raw("c14")));
                    }
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return out;
    }

    /** ICSNPP's identity token type names, as our identity_token_type values. */
    private static String tokenType(String icsnpp) {
        return switch (icsnpp) {
            case "AnonymousIdentityToken" -> "anonymous";
            case "UserNameIdentityToken" -> "username";
            case "X509IdentityToken" -> "x509";
            case "IssuedIdentityToken" -> "issued";
            default -> icsnpp;
        };
    }

    private static String id(String conn, String side, Map<String, Integer> seen) {
        String base = conn + " " + side;
        return base + " #" + seen.merge(base, 1, Integer::sum);
    }

    private static List<OracleTable.Rec> ours(String kind, OpcuaCaptureRun run) {
        List<OracleTable.Rec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (OtEvent e : run.events) {
            String conn = OpcuaCaptureRun.key(e.flow());
            OpcuaDetail d = OpcuaOracleTest.asZeekSaw(e);
            if (d == null) {
                continue;
            }
            UaMessage q = d.request();
            UaMessage p = d.response();
            UaService service = q != null && q.service != null ? q.service : p != null ? p.service : null;
            switch (kind) {
                case "opensecure_channel" -> {
                    if (service != UaService.OPEN_SECURE_CHANNEL) {
                        continue;
                    }
                    if (q != null) {
                        out.add(OracleTable.rec(id(conn, "T", seen), "request_type", n(q.requestType),
                                "security_mode", n(q.securityMode), "requested_lifetime", n(q.lifetime)));
                    }
                    if (p != null) {
                        out.add(OracleTable.rec(id(conn, "F", seen), "channel_id", n(p.tokenChannelId),
                                "token_id", n(p.tokenId), "revised_lifetime", n(p.lifetime)));
                    }
                }
                case "create_session" -> {
                    if (service != UaService.CREATE_SESSION) {
                        continue;
                    }
                    if (q != null) {
                        out.add(OracleTable.rec(id(conn, "T", seen), "application_uri", s(q.applicationUri),
                                "product_uri", s(q.productUri), "application_name", s(q.applicationName),
                                "application_type", n(q.applicationType), "server_uri", s(q.serverUri),
                                "endpoint_url", s(q.endpointUrl), "session_name", s(q.sessionName),
                                "requested_session_timeout", count(q.sessionTimeout),
                                "max_response_message_size", n(q.maxPeerMessageSize)));
                    }
                    if (p != null) {
                        out.add(OracleTable.rec(id(conn, "F", seen), "revised_session_timeout",
                                count(p.sessionTimeout), "max_request_message_size", n(p.maxPeerMessageSize)));
                    }
                }
                case "get_endpoints" -> {
                    if (service != UaService.GET_ENDPOINTS) {
                        continue;
                    }
                    if (q != null) {
                        out.add(OracleTable.rec(id(conn, "T", seen), "endpoint_url", s(q.endpointUrl)));
                    }
                    if (p != null) {
                        out.add(OracleTable.rec(id(conn, "F", seen)));
                    }
                }
                case "get_endpoints_description" -> {
                    if (service != UaService.GET_ENDPOINTS || p == null || p.endpointUrls == null) {
                        continue;
                    }
                    for (String url : p.endpointUrls) {
                        out.add(OracleTable.rec(id(conn, "F", seen), "endpoint_url", s(url),
                                "server_application_uri", s(p.applicationUri), "server_product_uri",
                                s(p.productUri), "server_application_name", s(p.applicationName)));
                    }
                }
                case "activate_session" -> {
                    if (service != UaService.ACTIVATE_SESSION) {
                        continue;
                    }
                    if (q != null) {
                        out.add(OracleTable.rec(id(conn, "T", seen), "identity_token_type", s(q.identityTokenType),
                                "user_name_present", String.valueOf(Boolean.TRUE.equals(q.userNamePresent))));
                    }
                    if (p != null) {
                        out.add(OracleTable.rec(id(conn, "F", seen)));
                    }
                }
                case "status_code_detail" -> {
                    if (p != null && p.serviceResult != ABSENT) {
                        String code = String.format("0x%08x", p.serviceResult);
                        out.add(OracleTable.rec(id(conn, "F " + code, seen), "status_code", code));
                    }
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return out;
    }

    /** ICSNPP logs the Double session timeouts as counts. */
    private static String count(double v) {
        return Double.isNaN(v) ? "-" : v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
