package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the suricata-verify tests under {@code ../shared/pcaps/snmp}: each {@code checks:} entry counts
 * the eve records that match its fields; Suricata's {@code snmp} records are one per SNMP message (one per
 * datagram: 8 for the 8 datagrams of each capture), and its alerts one per matching message. We count our messages
 * (requests and responses taken apart from our events) that match the same fields, with the test's rules evaluated
 * on them: {@code snmp.community; content:"x"} and {@code snmp.usm; content:"x"} (community or USM user name
 * containing x), {@code snmp.pdu_type: name-or-number}, and a rule without a keyword (every message). A check is one
 * record, matched when the counts are equal. {@code requires:} version gates are ignored: we answer every check.
 */
class SnmpSuricataOracleTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "SNMPv2c_get_requests.pcap | snmp-v2c-get.test       | snmp-v2c-get.test",
            "SNMPv2c_get_requests.pcap | snmp-community.test     | snmp-community.test",
            "SNMPv2c_get_requests.pcap | snmp-pdu-type.test      | snmp-pdu-type.test",
            "SNMPv3.pcap               | snmp-v3-encrypted.test  | snmp-v3-encrypted.min7"})
    void agreesWithSuricataVerify(String capture, String test, String rules) throws IOException {
        Path dir = SharedFixtures.pcap("snmp");
        String prefix = capture + ".suricata-verify.";
        List<Check> checks = parseChecks(Files.readAllLines(dir.resolve(prefix + test + ".yaml"), StandardCharsets.UTF_8));
        Map<Integer, Predicate<SnmpCaptureRun.Message>> sids = parseRules(
                Files.readAllLines(dir.resolve(prefix + rules + ".rules"), StandardCharsets.UTF_8));
        List<SnmpCaptureRun.Message> messages = SnmpCaptureRun.of("snmp/" + capture).messages();

        List<SnmpOracleTally.Expected> expected = new ArrayList<>();
        List<SnmpOracleTally.Ours> ours = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Predicate<SnmpCaptureRun.Message> p = m -> true;
            for (Map.Entry<String, String> e : c.match().entrySet()) {
                p = p.and(field(e.getKey(), e.getValue(), sids));
            }
            long n = messages.stream().filter(p).count();
            String key = "check " + (i + 1) + " " + c.match();
            expected.add(new SnmpOracleTally.Expected(key, Map.of("count", Integer.toString(c.count())), "check " + (i + 1)));
            ours.add(new SnmpOracleTally.Ours(key, Map.of("count", Long.toString(n)), n + " messages"));
        }
        SnmpOracleTally t = SnmpOracleTally.compare(prefix + test + ".yaml", expected, ours);
        System.out.println(SnmpOracleTally.header());
        System.out.println(t.row());
        t.differences.forEach(d -> System.out.println("  " + d));
        assertThat(t.records).isPositive();
        assertThat(t.agreement()).as(t.differences.toString()).isGreaterThanOrEqualTo(0.99);
    }

    private record Check(int count, Map<String, String> match) {
    }

    private static Predicate<SnmpCaptureRun.Message> field(String name, String value,
                                                          Map<Integer, Predicate<SnmpCaptureRun.Message>> sids) {
        return switch (name) {
            case "event_type" -> m -> true; // snmp records and alerts are both per message
            case "alert.signature_id" -> {
                Predicate<SnmpCaptureRun.Message> rule = sids.get(Integer.parseInt(value));
                if (rule == null) {
                    throw new AssertionError("no rule with sid " + value);
                }
                yield rule;
            }
            case "snmp.version" -> m -> Integer.toString(m.message().versionNumber()).equals(value);
            case "snmp.pdu_type" -> m -> m.pduType().equals(value);
            case "snmp.community" -> m -> value.equals(m.message().community());
            case "snmp.vars" -> m -> m.vars().equals(list(value));
            default -> throw new AssertionError("check field not understood: " + name);
        };
    }

    private static List<String> list(String value) {
        String inner = value.strip();
        inner = inner.substring(1, inner.length() - 1);
        List<String> out = new ArrayList<>();
        for (String part : inner.split(",")) {
            if (!part.isBlank()) {
                out.add(unquote(part.strip()));
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    /** The {@code checks:} of a suricata-verify test.yaml: each {@code filter:} with its count and match fields. */
    private static List<Check> parseChecks(List<String> lines) {
        List<Check> out = new ArrayList<>();
        boolean inChecks = false;
        boolean inMatch = false;
        int count = -1;
        Map<String, String> match = null;
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                inChecks = line.startsWith("checks:");
                continue;
            }
            if (!inChecks) {
                continue;
            }
            String s = line.strip();
            if (s.startsWith("- filter:")) {
                if (match != null) {
                    out.add(new Check(count, match));
                }
                match = new LinkedHashMap<>();
                count = -1;
                inMatch = false;
            } else if (s.startsWith("count:")) {
                count = Integer.parseInt(s.substring("count:".length()).strip());
                inMatch = false;
            } else if (s.startsWith("match:")) {
                inMatch = true;
            } else if (s.startsWith("requires:") || s.startsWith("min-version:")) {
                inMatch = false;
            } else if (inMatch) {
                int colon = s.indexOf(':');
                match.put(s.substring(0, colon).strip(), unquote(s.substring(colon + 1).strip()));
            }
        }
        if (match != null) {
            out.add(new Check(count, match));
        }
        return out;
    }

    private static final Pattern SID = Pattern.compile("sid:(\\d+);");
    private static final Pattern BUFFER_CONTENT = Pattern.compile("snmp\\.(community|usm); content:\"([^\"]*)\";");
    private static final Pattern PDU_TYPE = Pattern.compile("snmp\\.pdu_type: ?(\\w+);");

    /** The test's rules by sid, as predicates over one message. */
    private static Map<Integer, Predicate<SnmpCaptureRun.Message>> parseRules(List<String> lines) {
        Map<Integer, Predicate<SnmpCaptureRun.Message>> out = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sid = SID.matcher(line);
            assertThat(sid.find()).as(line).isTrue();
            Predicate<SnmpCaptureRun.Message> p = m -> true;
            Matcher m;
            if ((m = BUFFER_CONTENT.matcher(line)).find()) {
                String buffer = m.group(1);
                String content = m.group(2);
                p = buffer.equals("community")
                        ? msg -> msg.message().community() != null && msg.message().community().contains(content)
                        : msg -> msg.message().usm() != null && msg.message().usm().userName() != null
                                && msg.message().usm().userName().contains(content);
            } else if ((m = PDU_TYPE.matcher(line)).find()) {
                String type = m.group(1);
                p = type.chars().allMatch(Character::isDigit)
                        ? msg -> !msg.message().encrypted() && msg.message().pdu().type().number() == Integer.parseInt(type)
                        : msg -> msg.pduType().equals(type);
            } else if (line.contains("snmp.")) {
                throw new AssertionError("rule not understood: " + line);
            }
            out.put(Integer.parseInt(sid.group(1)), p);
        }
        return out;
    }
}
