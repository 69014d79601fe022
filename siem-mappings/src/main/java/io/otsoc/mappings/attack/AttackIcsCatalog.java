package io.otsoc.mappings.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MITRE ATT&amp;CK for ICS techniques and tactics, read from the tables bundled under {@code attack-ics/}
 * (derived from the v18.1 STIX bundle; see the NOTICE and LICENSE beside them).
 */
public final class AttackIcsCatalog {

    /** The value of ECS {@code threat.framework} for these techniques. */
    public static final String FRAMEWORK = "MITRE ATT&CK for ICS";
    public static final String VERSION = "18.1";

    private static final String TECHNIQUES = "/attack-ics/ics-techniques-18.1.tsv";
    private static final String TACTICS = "/attack-ics/ics-tactics-18.1.tsv";

    /** A tactic (the adversary's goal), e.g. TA0106 Impair Process Control. */
    public record Tactic(String id, String name, String shortname) {
        public String reference() {
            return "https://attack.mitre.org/tactics/" + id + "/";
        }
    }

    /** A technique with the tactics it serves, in matrix order. */
    public record Technique(String id, String name, List<Tactic> tactics, boolean revoked, boolean deprecated) {
        public Technique {
            tactics = List.copyOf(tactics);
        }

        public String reference() {
            return techniqueReference(id);
        }
    }

    private static final class Bundled {
        static final AttackIcsCatalog INSTANCE = load();
    }

    private final Map<String, Technique> techniques;
    private final List<Tactic> tactics;

    private AttackIcsCatalog(Map<String, Technique> techniques, List<Tactic> tactics) {
        this.techniques = Collections.unmodifiableMap(techniques);
        this.tactics = List.copyOf(tactics);
    }

    /** The catalog bundled with this module, loaded once. */
    public static AttackIcsCatalog bundled() {
        return Bundled.INSTANCE;
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(id));
    }

    /** Every technique with an ATT&amp;CK id, deprecated and revoked ones included, in id order. */
    public Collection<Technique> techniques() {
        return techniques.values();
    }

    /** The tactics in matrix (kill-chain) order. */
    public List<Tactic> tactics() {
        return tactics;
    }

    /**
     * The reference page of a technique id; also right for ids the catalog does not know (e.g. a newer release).
     * Sub-technique ids ({@code T1234.001}) map to {@code techniques/T1234/001/}.
     */
    public static String techniqueReference(String id) {
        return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
    }

    private static AttackIcsCatalog load() {
        Map<String, Tactic> byShortname = new LinkedHashMap<>();
        for (String[] row : rows(TACTICS, 4)) {
            byShortname.put(row[2], new Tactic(row[0], row[1], row[2]));
        }
        Map<String, Technique> techniques = new LinkedHashMap<>();
        for (String[] row : rows(TECHNIQUES, 6)) {
            if (row[0].isEmpty()) {
                continue; // legacy deprecated objects that never had an ATT&CK id
            }
            List<Tactic> tactics = new ArrayList<>();
            for (String shortname : row[2].split(",")) {
                Tactic tactic = byShortname.get(shortname.trim());
                if (tactic == null) {
                    throw new IllegalStateException(TECHNIQUES + ": technique " + row[0]
                            + " names unknown tactic '" + shortname + "'");
                }
                tactics.add(tactic);
            }
            // Matrix order, so that every document lists a technique's tactics the same way.
            List<Tactic> ordered = new ArrayList<>(byShortname.values());
            ordered.retainAll(tactics);
            techniques.put(row[0], new Technique(row[0], row[1], ordered,
                    Boolean.parseBoolean(row[3]), Boolean.parseBoolean(row[4])));
        }
        return new AttackIcsCatalog(techniques, new ArrayList<>(byShortname.values()));
    }

    /** Data rows of a bundled TSV: comment lines (#) and the header row are skipped. */
    private static List<String[]> rows(String resource, int columns) {
        try (InputStream in = AttackIcsCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing ATT&CK for ICS resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + " line " + number + ": expected " + columns
                            + " tab-separated columns, found " + cells.length);
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ATT&CK for ICS resource " + resource, e);
        }
    }
}
