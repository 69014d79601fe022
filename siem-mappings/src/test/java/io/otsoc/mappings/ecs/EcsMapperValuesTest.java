package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.Incident;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Field values checked against what the specs (ECS, ATT&CK for ICS, the domain model's contract) prescribe. */
class EcsMapperValuesTest {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private final EcsMapper mapper = new EcsMapper("plant-a-sensor");

    private static String iso(long micros) {
        return ISO_MICROS.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    /** ECS (RFC 7042): upper-case hex octets separated by hyphens. */
    private static String rfc7042(String mac) {
        return mac.toUpperCase(java.util.Locale.ROOT).replace(':', '-');
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void modbusWriteEvent() throws IOException {
        OtEvent event = SampleRecords.modbusWrite();
        FlowRef flow = event.flow();
        ObjectNode doc = mapper.toDocument(event);

        assertThat(doc.path("@timestamp").asText()).isEqualTo(iso(event.timestampMicros()))
                .isEqualTo("2024-05-01T12:34:56.123456Z");
        assertThat(doc.path("ecs").path("version").asText())
                .isEqualTo(Files.readString(SharedFixtures.spec("ecs/version")).trim());

        JsonNode e = doc.path("event");
        assertThat(e.path("kind").asText()).isEqualTo("event");
        assertThat(e.path("module").asText()).isEqualTo("otsoc");
        assertThat(e.path("dataset").asText()).isEqualTo("otsoc.modbus");
        assertThat(e.path("action").asText()).isEqualTo("write_multiple_registers");
        assertThat(e.path("outcome").asText()).isEqualTo("success");
        assertThat(texts(e.path("category"))).containsExactly("network");
        assertThat(texts(e.path("type"))).containsExactlyInAnyOrder("access", "protocol");
        // ECS: duration in nanoseconds, = end - start.
        assertThat(e.path("duration").asLong()).isEqualTo(1_500L * 1_000L);
        assertThat(e.path("start").asText()).isEqualTo(iso(event.timestampMicros()));
        assertThat(e.path("end").asText()).isEqualTo(iso(event.timestampMicros() + 1_500));
        assertThat(ChronoUnit.NANOS.between(Instant.parse(e.path("start").asText()), Instant.parse(e.path("end").asText())))
                .isEqualTo(e.path("duration").asLong());

        JsonNode observer = doc.path("observer");
        assertThat(observer.path("name").asText()).isEqualTo("plant-a-sensor");
        assertThat(observer.path("type").asText()).isEqualTo("sensor");
        assertThat(observer.path("vendor").asText()).isEqualTo("otsoc");
        assertThat(observer.path("product").asText()).isEqualTo("otsoc");

        JsonNode network = doc.path("network");
        assertThat(network.path("protocol").asText()).isEqualTo("modbus");
        assertThat(network.path("transport").asText()).isEqualTo("tcp");
        assertThat(network.path("type").asText()).isEqualTo("ipv4");
        assertThat(network.path("community_id").asText()).isEqualTo(flow.communityId());
        assertThat(network.path("vlan").path("id").isTextual()).as("network.vlan.id is a keyword").isTrue();
        assertThat(network.path("vlan").path("id").asText()).isEqualTo("100");

        // source = client (the requester), destination = server (port 502).
        assertThat(doc.path("source").path("ip").asText()).isEqualTo(flow.clientIp());
        assertThat(doc.path("source").path("port").asInt()).isEqualTo(flow.clientPort());
        assertThat(doc.path("source").path("mac").asText()).isEqualTo(rfc7042(flow.clientMac())).isEqualTo("00-1D-9C-C7-B0-70");
        assertThat(doc.path("destination").path("ip").asText()).isEqualTo(flow.serverIp());
        assertThat(doc.path("destination").path("port").asInt()).isEqualTo(502);
        assertThat(doc.path("destination").path("mac").asText()).isEqualTo(rfc7042(flow.serverMac()));
        assertThat(texts(doc.path("related").path("ip"))).containsExactly(flow.clientIp(), flow.serverIp());
        assertThat(doc.has("error")).isFalse();

        JsonNode otsoc = doc.path("otsoc");
        assertThat(otsoc.path("category").asText()).isEqualTo("write");
        JsonNode modbus = otsoc.path("modbus");
        assertThat(modbus.path("function_code").isIntegralNumber()).isTrue();
        assertThat(modbus.path("function_code").asInt()).isEqualTo(16);
        assertThat(modbus.path("unit_id").asInt()).isEqualTo(1);
        assertThat(modbus.path("transaction_id").asInt()).isEqualTo(7);
        // Only the first `count` values are written.
        assertThat(modbus.path("request_values").toString()).isEqualTo("[1,2,65535]");
    }

    @Test
    void failureCarriesOutcomeAndErrorMessage() {
        OtEvent event = SampleRecords.modbusException();
        ObjectNode doc = mapper.toDocument(event);
        assertThat(doc.path("event").path("outcome").asText()).isEqualTo("failure");
        assertThat(doc.path("error").path("message").asText()).isEqualTo(event.errorMessage());
        assertThat(doc.path("otsoc").path("modbus").path("exception_code").asInt()).isEqualTo(2);
        assertThat(doc.path("otsoc").path("modbus").path("exception").asText()).isEqualTo("illegal_data_address");
        assertThat(doc.path("otsoc").path("category").asText()).isEqualTo("read");
    }

    @Test
    void malformedMessagesAreTypedSoAnalystsCanFilterThem() throws IOException {
        OtEvent exception = SampleRecords.modbusException();
        OtEvent malformed = exception.asMalformed("unused: the exception's own message is kept");
        for (OtEvent event : List.of(exception, malformed)) {
            ObjectNode tree = mapper.toDocument(event);
            JsonNode streamed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mapper.toJson(event));
            for (JsonNode doc : List.of(tree, streamed)) {
                assertThat(doc.path("event").path("outcome").asText()).isEqualTo("failure");
                assertThat(doc.path("error").path("message").asText()).isEqualTo(exception.errorMessage());
                if (event.malformed()) {
                    assertThat(doc.path("error").path("type").asText()).isEqualTo("malformed");
                } else {
                    assertThat(doc.path("error").has("type")).isFalse();
                }
            }
        }
    }

    @Test
    void bareIpv4FlowOmitsWhatIsUnknown() {
        OtEvent event = SampleRecords.categoriesAndOutcomes().stream()
                .filter(e -> e.flow() == SampleRecords.IPV4_BARE && e.durationMicros() < 0).findFirst().orElseThrow();
        ObjectNode doc = mapper.toDocument(event);
        assertThat(doc.path("network").has("vlan")).isFalse();
        assertThat(doc.path("network").has("community_id")).isFalse();
        assertThat(doc.path("source").has("mac")).isFalse();
        assertThat(doc.path("destination").has("mac")).isFalse();
        assertThat(doc.path("event").has("duration")).isFalse();
        assertThat(doc.path("event").has("start")).isFalse();
        assertThat(doc.path("event").has("end")).isFalse();
        assertThat(doc.path("network").path("type").asText()).isEqualTo("ipv4");
    }

    @Test
    void ipv6FlowAndEveryDetailKind() {
        OtEvent event = SampleRecords.everyDetailKind();
        ObjectNode doc = mapper.toDocument(event);
        assertThat(doc.path("network").path("type").asText()).isEqualTo("ipv6");
        assertThat(doc.path("network").path("transport").asText()).isEqualTo("udp");
        assertThat(doc.path("source").path("ip").asText()).isEqualTo("2001:db8::10");
        assertThat(doc.path("event").path("duration").asLong()).isEqualTo(12_000L);
        assertThat(doc.path("event").path("dataset").asText()).isEqualTo("otsoc.testproto");
        assertThat(doc.path("event").path("outcome").asText()).isEqualTo("unknown");

        JsonNode detail = doc.path("otsoc").path("testproto");
        assertThat(detail.path("counter").isIntegralNumber()).isTrue();
        assertThat(detail.path("counter").asLong()).isEqualTo(4_294_967_296L);
        assertThat(detail.path("ratio").isFloatingPointNumber()).isTrue();
        assertThat(detail.path("ratio").asDouble()).isEqualTo(0.25);
        assertThat(detail.has("not_a_number")).as("JSON cannot carry NaN").isFalse();
        assertThat(detail.path("label").asText()).isEqualTo("pump \"A\" \u00e9tage 2");
        assertThat(detail.has("absent")).isFalse();
        assertThat(detail.path("armed").isBoolean()).isTrue();
        assertThat(detail.path("armed").asBoolean()).isTrue();
        // Unsigned per the DetailWriter contract: -1 is 0xFFFFFFFF; count 3 of 4 values.
        assertThat(detail.path("registers").toString()).isEqualTo("[0,65535,4294967295]");
        assertThat(detail.path("empty").isArray()).isTrue();
        assertThat(detail.path("empty").size()).isZero();
        assertThat(texts(detail.path("names"))).containsExactly("alpha", "gamma");
    }

    @Test
    void authEventsAreAuthenticationInfo() {
        OtEvent auth = SampleRecords.categoriesAndOutcomes().stream()
                .filter(e -> e.category() == io.otsoc.collector.model.EventCategory.AUTH).findFirst().orElseThrow();
        JsonNode e = mapper.toDocument(auth).path("event");
        assertThat(texts(e.path("category"))).containsExactly("network", "authentication");
        assertThat(texts(e.path("type"))).containsExactly("info");
    }

    @Test
    void asset() {
        Asset asset = SampleRecords.assetWithMac();
        ObjectNode doc = mapper.toDocument(asset);
        assertThat(doc.path("@timestamp").asText()).isEqualTo(iso(asset.lastSeenMicros()));
        assertThat(doc.path("event").path("kind").asText()).isEqualTo("asset");
        assertThat(texts(doc.path("event").path("category"))).containsExactly("host");
        assertThat(doc.path("event").path("dataset").asText()).isEqualTo("otsoc.asset");
        assertThat(doc.path("host").path("id").asText()).isEqualTo(asset.id());
        assertThat(texts(doc.path("host").path("mac"))).containsExactly(rfc7042(asset.mac()));
        assertThat(texts(doc.path("host").path("ip"))).containsExactlyElementsOf(asset.ips());
        assertThat(texts(doc.path("related").path("ip"))).containsExactlyElementsOf(asset.ips());
        JsonNode a = doc.path("otsoc").path("asset");
        assertThat(a.path("vendor").asText()).isEqualTo("Schneider Electric");
        assertThat(a.path("model").asText()).isEqualTo(asset.model());
        assertThat(a.path("firmware").asText()).isEqualTo(asset.firmware());
        assertThat(a.path("serial").asText()).isEqualTo(asset.serial());
        assertThat(a.path("name").asText()).isEqualTo(asset.name());
        assertThat(a.path("device_type").asText()).isEqualTo(asset.deviceType());
        assertThat(doc.path("host").path("name").asText()).as("ECS host.name carries the device's own name")
                .isEqualTo(asset.name());
        assertThat(a.path("first_seen").asText()).isEqualTo(iso(asset.firstSeenMicros()));
        assertThat(a.path("last_seen").asText()).isEqualTo(iso(asset.lastSeenMicros()));
        assertThat(a.path("roles")).hasSize(2);
        assertThat(a.path("roles").get(0).path("name").asText()).isEqualTo("modbus_server");
        assertThat(a.path("roles").get(0).path("evidence").asText()).isEqualTo(asset.roles().get(0).evidence());

        ObjectNode byIp = mapper.toDocument(SampleRecords.assetByIp());
        assertThat(byIp.path("host").has("mac")).isFalse();
        assertThat(byIp.path("host").path("id").asText()).isEqualTo("ip:10.0.0.7");
        assertThat(byIp.path("otsoc").path("asset").has("roles")).isFalse();
        assertThat(byIp.path("otsoc").path("asset").has("vendor")).isFalse();
        assertThat(byIp.path("otsoc").path("asset").has("model")).isFalse();
        assertThat(byIp.path("host").has("name")).isFalse();
    }

    /** technique_id -> [name, tactics], read straight from the shared MITRE-derived table. */
    private static Map<String, String[]> sharedTechniques() throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(SharedFixtures.spec("attack-ics/ics-techniques-18.1.tsv"))) {
            String[] cells = line.split("\t", -1);
            if (!line.startsWith("#") && !cells[0].equals("technique_id")) {
                rows.put(cells[0], new String[] {cells[1], cells[2]});
            }
        }
        return rows;
    }

    /** shortname -> [tactic_id, name] from the shared tactics table. */
    private static Map<String, String[]> sharedTactics() throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(SharedFixtures.spec("attack-ics/ics-tactics-18.1.tsv"))) {
            String[] cells = line.split("\t", -1);
            if (!line.startsWith("#") && !cells[0].equals("tactic_id")) {
                rows.put(cells[2], new String[] {cells[0], cells[1]});
            }
        }
        return rows;
    }

    @Test
    void alertThreatFieldsComeFromAttackIcs() throws IOException {
        Alert alert = SampleRecords.alertUnauthorisedWrite();
        ObjectNode doc = mapper.toDocument(alert);
        Map<String, String[]> techniques = sharedTechniques();
        Map<String, String[]> tactics = sharedTactics();

        JsonNode e = doc.path("event");
        assertThat(e.path("kind").asText()).isEqualTo("alert");
        assertThat(e.path("dataset").asText()).isEqualTo("otsoc.alert");
        assertThat(e.path("severity").asInt()).isEqualTo(alert.severity());
        assertThat(e.path("risk_score").asDouble()).isEqualTo(alert.riskScore());
        assertThat(doc.path("message").asText()).isEqualTo(alert.message());
        assertThat(doc.path("rule").path("id").asText()).isEqualTo(alert.ruleId());
        assertThat(doc.path("rule").path("name").asText()).isEqualTo(alert.ruleName());
        assertThat(doc.path("rule").path("ruleset").asText()).isEqualTo("attack-ics");

        JsonNode threat = doc.path("threat");
        assertThat(threat.path("framework").asText()).isEqualTo("MITRE ATT&CK for ICS");
        assertThat(texts(threat.path("technique").path("id"))).containsExactly("T0855", "T0836");
        assertThat(texts(threat.path("technique").path("name")))
                .containsExactly(techniques.get("T0855")[0], techniques.get("T0836")[0])
                .containsExactly("Unauthorized Command Message", "Modify Parameter");
        assertThat(texts(threat.path("technique").path("reference"))).containsExactly(
                "https://attack.mitre.org/techniques/T0855/", "https://attack.mitre.org/techniques/T0836/");
        // Both techniques serve one tactic in the shared table: impair-process-control.
        assertThat(techniques.get("T0855")[1]).isEqualTo("impair-process-control");
        assertThat(techniques.get("T0836")[1]).isEqualTo("impair-process-control");
        String[] tactic = tactics.get("impair-process-control");
        assertThat(texts(threat.path("tactic").path("id"))).containsExactly(tactic[0]);
        assertThat(texts(threat.path("tactic").path("name"))).containsExactly(tactic[1]);
        assertThat(texts(threat.path("tactic").path("reference")))
                .containsExactly("https://attack.mitre.org/tactics/" + tactic[0] + "/");

        // The triggering event's conversation.
        OtEvent trigger = alert.events().get(0);
        assertThat(doc.path("source").path("ip").asText()).isEqualTo(trigger.flow().clientIp());
        assertThat(doc.path("destination").path("ip").asText()).isEqualTo(trigger.flow().serverIp());
        assertThat(doc.path("destination").path("port").asInt()).isEqualTo(trigger.flow().serverPort());
        assertThat(doc.path("network").path("community_id").asText()).isEqualTo(trigger.flow().communityId());
        assertThat(texts(doc.path("related").path("ip"))).containsExactly(trigger.flow().clientIp(), trigger.flow().serverIp());
    }

    @Test
    void techniqueWithTwoTacticsListsBothInMatrixOrder() throws IOException {
        ObjectNode doc = mapper.toDocument(SampleRecords.alertModeChange());
        Map<String, String[]> tactics = sharedTactics();
        assertThat(sharedTechniques().get("T0858")[1]).isEqualTo("execution,evasion");
        assertThat(texts(doc.path("threat").path("technique").path("name"))).containsExactly("Change Operating Mode");
        // Matrix order in the shared tactics table: Execution (row 2) before Evasion (row 5).
        assertThat(texts(doc.path("threat").path("tactic").path("id")))
                .containsExactly(tactics.get("execution")[0], tactics.get("evasion")[0]);
        assertThat(doc.has("source")).as("no triggering event, no endpoints").isFalse();
        assertThat(doc.has("related")).isFalse();
    }

    @Test
    void unknownTechniqueKeepsIdAndReference() {
        ObjectNode doc = mapper.toDocument(SampleRecords.alertUnknownTechnique());
        JsonNode technique = doc.path("threat").path("technique");
        assertThat(texts(technique.path("id"))).containsExactly("T0999", "T0855");
        assertThat(texts(technique.path("reference"))).contains("https://attack.mitre.org/techniques/T0999/");
        assertThat(texts(technique.path("name"))).containsExactly("Unauthorized Command Message");
        // related.ip covers every triggering event, each address once.
        assertThat(texts(doc.path("related").path("ip")))
                .containsExactly("192.168.10.21", "192.168.10.5", "10.0.0.7", "10.0.0.9");
    }

    @Test
    void incident() {
        Incident incident = SampleRecords.incidentOpen();
        ObjectNode doc = mapper.toDocument(incident);
        JsonNode e = doc.path("event");
        assertThat(e.path("kind").asText()).isEqualTo("alert");
        assertThat(e.path("dataset").asText()).isEqualTo("otsoc.incident");
        assertThat(e.path("severity").asInt()).isEqualTo(4);
        assertThat(e.path("risk_score").asInt()).isEqualTo(90);
        assertThat(e.path("start").asText()).isEqualTo(iso(incident.alerts().get(0).timestampMicros()));
        assertThat(e.path("end").asText()).isEqualTo(iso(incident.alerts().get(1).timestampMicros()));
        JsonNode i = doc.path("otsoc").path("incident");
        assertThat(i.path("key").asText()).isEqualTo("192.168.10.5/T0855");
        assertThat(i.path("state").asText()).isEqualTo("open");
        assertThat(i.path("alert_count").asInt()).isEqualTo(2);
        assertThat(texts(doc.path("threat").path("technique").path("id"))).containsExactly("T0855", "T0836", "T0858");

        ObjectNode resolved = mapper.toDocument(SampleRecords.incidentResolvedEmpty());
        assertThat(resolved.path("otsoc").path("incident").path("state").asText()).isEqualTo("resolved");
        assertThat(resolved.path("otsoc").path("incident").path("alert_count").asInt()).isZero();
        assertThat(resolved.has("threat")).isFalse();
    }
}
