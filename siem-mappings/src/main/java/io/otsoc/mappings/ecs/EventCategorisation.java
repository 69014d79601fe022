package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ECS categorisation of a protocol event. Every {@code event.type} chosen is among the expected types of EVERY
 * {@code event.category} listed (ecs_flat.yml {@code expected_event_types}), the stricter of the two readings
 * tools apply to multi-valued categorisation.
 *
 * <ul>
 *   <li>All decoded transactions are {@code network} + {@code protocol} (ECS: "network events that contain
 *       specific protocol details").</li>
 *   <li>read, write, control, program act on the device's data, logic or run state: {@code access}. ECS has no
 *       {@code change} type for {@code network}; what was done is in {@code event.action} and
 *       {@code otsoc.category}.</li>
 *   <li>diagnostic, discovery, other only ask about the device: {@code info}.</li>
 *   <li>auth also falls in {@code authentication}, whose expected types share only start/end/info with network,
 *       so it is {@code [network, authentication]} + {@code info} (not {@code protocol}).</li>
 *   <li>Failures keep these types: a protocol exception or a malformed message is told by
 *       {@code event.outcome: failure} and {@code error.message}. ECS {@code error} is not expected for network,
 *       and {@code denied} means a policy decision, which an exception response is not.</li>
 * </ul>
 */
final class EventCategorisation {

    /** The pre-encoded values for one {@link EventCategory}. */
    record Values(SerializedString otsocCategory, List<SerializedString> categories, List<SerializedString> types) {
    }

    private static final SerializedString NETWORK = EcsNames.V_NETWORK;
    private static final SerializedString AUTHENTICATION = EcsNames.s("authentication");
    private static final SerializedString PROTOCOL = EcsNames.s("protocol");
    private static final SerializedString ACCESS = EcsNames.s("access");
    private static final SerializedString INFO = EcsNames.V_INFO;

    private static final Map<EventCategory, Values> VALUES = new EnumMap<>(EventCategory.class);
    private static final Map<Outcome, SerializedString> OUTCOMES = new EnumMap<>(Outcome.class);
    private static final byte[][] OUTCOME_FIELDS = new byte[Outcome.values().length][];

    static {
        for (EventCategory category : EventCategory.values()) {
            SerializedString name = EcsNames.s(category.name().toLowerCase(Locale.ROOT));
            Values values = switch (category) {
                case READ, WRITE, CONTROL, PROGRAM -> new Values(name, List.of(NETWORK), List.of(ACCESS, PROTOCOL));
                case DIAGNOSTIC, DISCOVERY, OTHER -> new Values(name, List.of(NETWORK), List.of(INFO, PROTOCOL));
                case AUTH -> new Values(name, List.of(NETWORK, AUTHENTICATION), List.of(INFO));
            };
            VALUES.put(category, values);
        }
        for (Outcome outcome : Outcome.values()) {
            String value = outcome.name().toLowerCase(Locale.ROOT);
            OUTCOMES.put(outcome, EcsNames.s(value));
            OUTCOME_FIELDS[outcome.ordinal()] = (",\"outcome\":\"" + value + '"').getBytes(StandardCharsets.US_ASCII);
        }
    }

    private EventCategorisation() {
    }

    static Values of(EventCategory category) {
        return VALUES.get(category);
    }

    static SerializedString outcome(Outcome outcome) {
        return OUTCOMES.get(outcome);
    }

    /** {@code ,"outcome":"<outcome>"} as UTF-8, as a generator writes it after a field. */
    static byte[] outcomeField(Outcome outcome) {
        return OUTCOME_FIELDS[outcome.ordinal()];
    }
}
