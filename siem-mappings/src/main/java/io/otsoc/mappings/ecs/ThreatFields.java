package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.mappings.attack.AttackIcsCatalog;
import io.otsoc.mappings.attack.AttackIcsCatalog.Tactic;
import io.otsoc.mappings.attack.AttackIcsCatalog.Technique;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.otsoc.mappings.ecs.EcsNames.FRAMEWORK;
import static io.otsoc.mappings.ecs.EcsNames.ID;
import static io.otsoc.mappings.ecs.EcsNames.NAME;
import static io.otsoc.mappings.ecs.EcsNames.REFERENCE;
import static io.otsoc.mappings.ecs.EcsNames.TACTIC;
import static io.otsoc.mappings.ecs.EcsNames.TECHNIQUE;
import static io.otsoc.mappings.ecs.EcsNames.THREAT;

/**
 * {@code threat.*} from technique ids, named and placed under their tactics by the ATT&amp;CK for ICS catalog.
 * ids and references are written for every id; a name only for ids the catalog knows (an id from a newer ATT&amp;CK
 * release still reaches the analyst, with its reference page).
 */
final class ThreatFields {

    private final AttackIcsCatalog catalog;

    ThreatFields(AttackIcsCatalog catalog) {
        this.catalog = catalog;
    }

    void write(JsonGenerator out, Collection<String> techniqueIds) throws IOException {
        if (techniqueIds.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>(techniqueIds);
        List<String> names = new ArrayList<>(ids.size());
        List<String> references = new ArrayList<>(ids.size());
        Set<Tactic> tactics = new LinkedHashSet<>();
        for (String id : ids) {
            references.add(AttackIcsCatalog.techniqueReference(id));
            Technique technique = catalog.technique(id).orElse(null);
            if (technique != null) {
                names.add(technique.name());
                tactics.addAll(technique.tactics());
            }
        }
        out.writeFieldName(THREAT);
        out.writeStartObject();
        out.writeFieldName(FRAMEWORK);
        out.writeString(EcsNames.V_FRAMEWORK);

        out.writeFieldName(TECHNIQUE);
        out.writeStartObject();
        JsonFields.strings(out, ID, new ArrayList<>(ids));
        if (!names.isEmpty()) {
            JsonFields.strings(out, NAME, names);
        }
        JsonFields.strings(out, REFERENCE, references);
        out.writeEndObject();

        if (!tactics.isEmpty()) {
            List<Tactic> ordered = new ArrayList<>(catalog.tactics()); // matrix order
            ordered.retainAll(tactics);
            List<String> tacticIds = new ArrayList<>(ordered.size());
            List<String> tacticNames = new ArrayList<>(ordered.size());
            List<String> tacticReferences = new ArrayList<>(ordered.size());
            for (Tactic tactic : ordered) {
                tacticIds.add(tactic.id());
                tacticNames.add(tactic.name());
                tacticReferences.add(tactic.reference());
            }
            out.writeFieldName(TACTIC);
            out.writeStartObject();
            JsonFields.strings(out, ID, tacticIds);
            JsonFields.strings(out, NAME, tacticNames);
            JsonFields.strings(out, REFERENCE, tacticReferences);
            out.writeEndObject();
        }
        out.writeEndObject();
    }
}
