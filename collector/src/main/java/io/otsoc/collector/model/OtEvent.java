package io.otsoc.collector.model;

import java.util.Objects;

/**
 * One decoded application-level transaction (a request paired with its response where the protocol has them)
 * or one notable message, e.g. a malformed PDU.
 *
 * @param timestampMicros time of the first message of the transaction, microseconds since the epoch
 * @param durationMicros  response time (response minus request), or -1 when no pair was seen
 * @param flow            the conversation, oriented client to server
 * @param protocol        lower-case protocol name as in {@code network.protocol}, e.g. {@code modbus}
 * @param action          the operation's canonical name in snake_case, e.g. {@code read_holding_registers}
 * @param category        what the operation does to the process
 * @param outcome         success, failure (exception response or malformed message) or unknown
 * @param errorMessage    what was wrong, for failures; null otherwise
 * @param detail          protocol-specific fields; never null
 * @param malformed       the message broke the protocol's rules (counted as malformed); its operation may still
 *                        be known from the action
 */
public record OtEvent(
        long timestampMicros,
        long durationMicros,
        FlowRef flow,
        String protocol,
        String action,
        EventCategory category,
        Outcome outcome,
        String errorMessage,
        ProtocolDetail detail,
        boolean malformed) implements DomainRecord {

    /** A well-formed transaction or message. */
    public OtEvent(long timestampMicros, long durationMicros, FlowRef flow, String protocol, String action,
                   EventCategory category, Outcome outcome, String errorMessage, ProtocolDetail detail) {
        this(timestampMicros, durationMicros, flow, protocol, action, category, outcome, errorMessage, detail, false);
    }

    public OtEvent {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        if (malformed && (outcome != Outcome.FAILURE || errorMessage == null)) {
            throw new IllegalArgumentException("a malformed message has outcome failure and says what was wrong");
        }
    }

    /** The same event marked malformed: outcome failure, with {@code reason} unless it already has a message. */
    public OtEvent asMalformed(String reason) {
        return new OtEvent(timestampMicros, durationMicros, flow, protocol, action, category, Outcome.FAILURE,
                errorMessage != null ? errorMessage : reason, detail, true);
    }
}
