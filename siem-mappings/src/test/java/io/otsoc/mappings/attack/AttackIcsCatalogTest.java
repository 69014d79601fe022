package io.otsoc.mappings.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.mappings.attack.AttackIcsCatalog.Tactic;
import io.otsoc.mappings.attack.AttackIcsCatalog.Technique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled catalog against the MITRE ATT&CK for ICS v18.1 STIX bundle it was derived from. */
class AttackIcsCatalogTest {

    private static JsonNode bundle;
    private final AttackIcsCatalog catalog = AttackIcsCatalog.bundled();

    @BeforeAll
    static void readBundle() throws IOException {
        bundle = new ObjectMapper().readTree(SharedFixtures.spec("attack-ics/ics-attack-18.1.json").toFile());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AttackIcsCatalog.class.getResourceAsStream("/attack-ics/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The ATT&CK id reference; the 12 deprecated legacy techniques name their source "mitre-ics-attack". */
    private static JsonNode mitreReference(JsonNode object) {
        for (JsonNode ref : object.path("external_references")) {
            String source = ref.path("source_name").asText();
            if (source.equals("mitre-attack") || source.equals("mitre-ics-attack")) {
                return ref;
            }
        }
        return null;
    }

    @Test
    void bundledFilesAreTheSharedOnesWithTheLicenceAndCopyright() throws IOException {
        for (String name : new String[] {"ics-techniques-18.1.tsv", "ics-tactics-18.1.tsv", "LICENSE.txt"}) {
            assertThat(resource(name)).as(name).isEqualTo(Files.readAllBytes(SharedFixtures.spec("attack-ics/" + name)));
        }
        String designation = "© 2025 The MITRE Corporation. This work is reproduced and distributed with the "
                + "permission of The MITRE Corporation.";
        assertThat(new String(resource("LICENSE.txt"), StandardCharsets.UTF_8)).contains(designation);
        assertThat(new String(resource("NOTICE.txt"), StandardCharsets.UTF_8)).contains(designation);
    }

    @Test
    void tacticsMatchTheMatrixInOrder() {
        Map<String, JsonNode> byStixId = new HashMap<>();
        List<String> matrixOrder = new ArrayList<>();
        for (JsonNode object : bundle.path("objects")) {
            if (object.path("type").asText().equals("x-mitre-tactic")) {
                byStixId.put(object.path("id").asText(), object);
            } else if (object.path("type").asText().equals("x-mitre-matrix")) {
                object.path("tactic_refs").forEach(ref -> matrixOrder.add(ref.asText()));
            }
        }
        assertThat(matrixOrder).hasSize(12);
        List<Tactic> tactics = catalog.tactics();
        assertThat(tactics).hasSize(matrixOrder.size());
        for (int i = 0; i < tactics.size(); i++) {
            JsonNode stix = byStixId.get(matrixOrder.get(i));
            JsonNode ref = mitreReference(stix);
            assertThat(tactics.get(i).id()).isEqualTo(ref.path("external_id").asText());
            assertThat(tactics.get(i).name()).isEqualTo(stix.path("name").asText());
            assertThat(tactics.get(i).shortname()).isEqualTo(stix.path("x_mitre_shortname").asText());
            assertThat(tactics.get(i).reference()).isEqualTo(ref.path("url").asText() + "/");
        }
    }

    @Test
    void techniquesMatchTheAttackPatterns() {
        Map<String, String> tacticIdByShortname = new HashMap<>();
        catalog.tactics().forEach(t -> tacticIdByShortname.put(t.shortname(), t.id()));
        int withId = 0;
        for (JsonNode object : bundle.path("objects")) {
            if (!object.path("type").asText().equals("attack-pattern")) {
                continue;
            }
            JsonNode ref = mitreReference(object);
            if (ref == null) {
                continue;
            }
            withId++;
            String id = ref.path("external_id").asText();
            Technique technique = catalog.technique(id).orElseThrow(() -> new AssertionError(id + " missing"));
            assertThat(technique.name()).as(id).isEqualTo(object.path("name").asText());
            assertThat(technique.reference()).as(id).isEqualTo(ref.path("url").asText() + "/");
            assertThat(technique.revoked()).as(id).isEqualTo(object.path("revoked").asBoolean(false));
            assertThat(technique.deprecated()).as(id).isEqualTo(object.path("x_mitre_deprecated").asBoolean(false));
            Set<String> phases = new LinkedHashSet<>();
            for (JsonNode phase : object.path("kill_chain_phases")) {
                if (phase.path("kill_chain_name").asText().equals("mitre-ics-attack")) {
                    phases.add(tacticIdByShortname.get(phase.path("phase_name").asText()));
                }
            }
            Set<String> tactics = new LinkedHashSet<>();
            technique.tactics().forEach(t -> tactics.add(t.id()));
            assertThat(tactics).as(id).isEqualTo(phases);
        }
        assertThat(withId).isEqualTo(95);
        assertThat(catalog.techniques()).hasSize(withId);
    }

    @Test
    void lookups() {
        Technique t0855 = catalog.technique("T0855").orElseThrow();
        assertThat(t0855.name()).isEqualTo("Unauthorized Command Message");
        assertThat(t0855.tactics()).extracting(Tactic::id).containsExactly("TA0106");
        assertThat(catalog.technique("T0858").orElseThrow().tactics()).extracting(Tactic::shortname)
                .containsExactly("execution", "evasion");
        assertThat(catalog.technique("T9999")).isEmpty();
        assertThat(AttackIcsCatalog.techniqueReference("T1234.001")).isEqualTo("https://attack.mitre.org/techniques/T1234/001/");
    }
}
