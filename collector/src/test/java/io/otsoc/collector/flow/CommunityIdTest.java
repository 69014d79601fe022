package io.otsoc.collector.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every vector of the Community ID v1 baseline (corelight/community-id-spec, ../shared/specs/community-id). */
class CommunityIdTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode load(String name) throws IOException {
        Path file = SharedFixtures.spec("community-id/baseline/" + name);
        return JSON.readTree(file.toFile());
    }

    /** The JSON baselines hold ICMP types already mapped to ports: hash them as ports. */
    private static int checkFlows(String file, CommunityId id) throws IOException {
        JsonNode rows = load(file);
        List<String> wrong = new ArrayList<>();
        for (JsonNode r : rows) {
            int sport = r.get("sport").isNull() ? CommunityId.NO_PORT : r.get("sport").asInt();
            int dport = r.get("dport").isNull() ? CommunityId.NO_PORT : r.get("dport").asInt();
            String got = id.of(r.get("saddr").asText(), r.get("daddr").asText(), r.get("proto").asInt(), sport, dport);
            if (!got.equals(r.get("communityid").asText())) {
                wrong.add(r + " -> " + got);
            }
        }
        assertThat(wrong).as(file).isEmpty();
        return rows.size();
    }

    @Test
    void defaultBaseline() throws IOException {
        assertThat(checkFlows("baseline_deflt.json", new CommunityId())).isEqualTo(23);
    }

    @Test
    void seedOneBaseline() throws IOException {
        assertThat(checkFlows("baseline_seed1.json", new CommunityId(1, true))).isEqualTo(23);
    }

    @Test
    void hexBaseline() throws IOException {
        assertThat(checkFlows("baseline_nob64.json", new CommunityId(0, false))).isEqualTo(23);
    }

    /** The README tables: ICMP rows give the raw type and code, which the implementation maps itself. */
    @Test
    void readmeTables() throws IOException {
        JsonNode rows = load("baseline_tables.json");
        List<String> wrong = new ArrayList<>();
        for (JsonNode r : rows) {
            CommunityId id = new CommunityId(r.at("/config/seed").asInt(), r.at("/config/base64").asBoolean());
            int proto = r.get("proto").asInt();
            String src = r.get("saddr").asText().toLowerCase();
            String dst = r.get("daddr").asText().toLowerCase();
            String got;
            if (proto == 1 || proto == 58) {
                boolean v6 = proto == 58;
                long[] s = CommunityId.parse(src);
                long[] d = CommunityId.parse(dst);
                assertThat(s[2] == 6).isEqualTo(v6);
                got = id.ofIcmp(v6, s[0], s[1], d[0], d[1], r.get("sport").asInt(), r.get("dport").asInt());
            } else {
                int sport = r.get("sport").isNull() ? CommunityId.NO_PORT : r.get("sport").asInt();
                int dport = r.get("dport").isNull() ? CommunityId.NO_PORT : r.get("dport").asInt();
                got = id.of(src, dst, proto, sport, dport);
            }
            if (!got.equals(r.get("communityid").asText())) {
                wrong.add(r + " -> " + got);
            }
        }
        assertThat(rows.size()).isEqualTo(48);
        assertThat(wrong).isEmpty();
    }

    @Test
    void directionDoesNotMatterAndSeedDoes() {
        CommunityId id = new CommunityId();
        String out = id.of("10.0.0.1", "127.0.0.1", 6, 1234, 80);
        assertThat(id.of("127.0.0.1", "10.0.0.1", 6, 80, 1234)).isEqualTo(out);
        assertThat(new CommunityId(7, true).of("10.0.0.1", "127.0.0.1", 6, 1234, 80)).isNotEqualTo(out);
        assertThat(out).startsWith("1:").hasSize(30);
    }
}
