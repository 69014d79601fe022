package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import static io.otsoc.collector.protocol.mqtt.MqttMessage.ABSENT;

/**
 * Decodes MQTT 3.1 (MQIsdp, level 3), 3.1.1 (level 4) and 5 (level 5) on one TCP flow. The CONNECT's level governs
 * how the rest is read (MQTT 5 properties and reason codes exist only at level 5); a flow picked up after its CONNECT
 * is read as 3.1.1 unless its CONNACK carries properties (a remaining length above 2), which only MQTT 5 sends.
 *
 * <p>Event granularity: one event per exchange, stamped with its first packet's time, so that an analyst sees one
 * line per thing a client did rather than one per packet:
 * <ul>
 *   <li>{@code connect}: CONNECT with its CONNACK; the outcome follows the return/reason code. Category
 *       {@code auth}: it is the MQTT log-on, carrying the client id and user name.</li>
 *   <li>{@code publish}: one per PUBLISH, the application data of MQTT. QoS 0 is reported at once; QoS 1 and 2 are
 *       held until their acknowledgement flow ends (PUBACK; PUBREC, PUBREL, PUBCOMP) so that one event tells whether
 *       delivery completed and with which reason code. Category {@code write} when the client publishes (it sets a
 *       value that subscribers, actuators among them, act on) and {@code read} when the broker delivers to the
 *       client (the client receives data it subscribed to).</li>
 *   <li>{@code subscribe} and {@code unsubscribe}: the request with its SUBACK/UNSUBACK. Subscribing is how an MQTT
 *       client asks to read topics, hence {@code read}; unsubscribing changes no data, hence {@code other}.</li>
 *   <li>{@code ping}: PINGREQ with its PINGRESP, category {@code diagnostic} (an echo, like Modbus's diagnostic
 *       loop-back). Emitted rather than only counted: they come once per keep-alive interval (tens of seconds), so
 *       they are cheap, and their stopping is what tells a dead session from an idle one.</li>
 *   <li>{@code disconnect} and {@code auth} (MQTT 5): one per packet, category {@code auth} (log-off and extended
 *       authentication).</li>
 * </ul>
 * An answer whose request was not seen (capture started late, or its request was malformed) is reported alone
 * under its request's action. Pending exchanges are bounded ({@link #MAX_PENDING} each for publishes and for
 * (un)subscribes); when full the oldest is reported unanswered. What is still pending at the end is reported then.
 *
 * <p>Malformed: reserved packet types (0, and 15 before MQTT 5), fixed-header flags that the type forbids, QoS 3,
 * and bodies that break the specification are reported with a reason naming the packet and the field; the stream's
 * framing is kept when the remaining length is sound (see {@link MqttFramer} for the resynchronisation policy).
 */
public final class MqttDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "mqtt";
    static final int MAX_PENDING = 64;
    static final int MAX_PINGS = 8;
    /**
     * Deliveries dropped while hunting, with no packet ever framed and some in each direction, after which the flow
     * is not MQTT. Both directions are required so that a capture joined in the middle of a long one-way run of large
     * PUBLISH segments (none starting with a packet) is not taken for another protocol: request/response protocols
     * found on the port (HTTP, TLS) talk both ways.
     */
    static final int NOT_MQTT_AFTER = 8;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Side toServer = new Side(true);
    private final Side toClient = new Side(false);

    private int level;
    private String protocolName;
    private boolean anyPacket;
    private boolean finished;

    private MqttMessage pendingConnect;
    /** Unanswered PINGREQs, oldest first (a client may send the next before the answer to the last). */
    private final java.util.ArrayDeque<MqttMessage> pendingPings = new java.util.ArrayDeque<>(MAX_PINGS);
    private final PublishExchange[] publishes = new PublishExchange[MAX_PENDING];
    private final MqttMessage[] subscriptions = new MqttMessage[MAX_PENDING];

    /** A QoS 1 or 2 PUBLISH waiting for the rest of its flow. */
    private static final class PublishExchange {
        final MqttMessage publish;
        MqttMessage lastAck;
        boolean received;
        boolean released;

        PublishExchange(MqttMessage publish) {
            this.publish = publish;
        }
    }

    public MqttDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (!finished && length > 0) {
            Side s = side(direction);
            s.framer.onData(buf, offset, length, timestampMicros);
            long up = toServer.framer.droppedDeliveries();
            long down = toClient.framer.droppedDeliveries();
            if (!anyPacket && !finished && up > 0 && down > 0 && up + down >= NOT_MQTT_AFTER) {
                finished = true;
                output.notThisProtocol(timestampMicros, (up + down) + " deliveries in both directions without a"
                        + " valid MQTT fixed header at their start");
            }
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished) {
            side(direction).framer.onGap();
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        for (Side s : new Side[] {toServer, toClient}) {
            MqttFramer f = s.framer;
            if (f.partialBytes() > 0) {
                int type = f.partialType();
                output.malformed(f.partialMicros(), "MQTT packet of type " + type + " truncated: the flow ended after "
                        + f.partialBytes() + " bytes of it" + (f.partialRemaining() > 0 ? " (remaining length "
                        + f.partialRemaining() + ")" : "") + " " + s.text(), null);
            }
        }
        if (pendingConnect != null) {
            report(pendingConnect, null);
            pendingConnect = null;
        }
        while (!pendingPings.isEmpty()) {
            report(pendingPings.poll(), null);
        }
        for (int i = 0; i < MAX_PENDING; i++) {
            if (publishes[i] != null) {
                PublishExchange x = publishes[i];
                publishes[i] = null;
                reportPublish(x.publish, x.lastAck, false);
            }
            if (subscriptions[i] != null) {
                MqttMessage m = subscriptions[i];
                subscriptions[i] = null;
                report(m, null);
            }
        }
    }

    /** Exchanges waiting for an answer, for tests. */
    int pendingCount() {
        int n = (pendingConnect != null ? 1 : 0) + pendingPings.size();
        for (int i = 0; i < MAX_PENDING; i++) {
            n += (publishes[i] != null ? 1 : 0) + (subscriptions[i] != null ? 1 : 0);
        }
        return n;
    }

    /** The bytes held by one direction's framer, for tests. */
    int heldBytes(Direction d) {
        return side(d).framer.heldCapacity();
    }

    /** The protocol level in force (0 while unknown). */
    int level() {
        return level;
    }

    private Side side(Direction d) {
        return d == Direction.TO_SERVER ? toServer : toClient;
    }

    private final class Side implements MqttFramer.Listener {
        final boolean toServer;
        final MqttFramer framer = new MqttFramer(this);

        Side(boolean toServer) {
            this.toServer = toServer;
        }

        String text() {
            return toServer ? "(to the server)" : "(to the client)";
        }

        @Override
        public void packet(int typeAndFlags, int remainingLength, byte[] body, int offset, int kept, long ts) {
            if (!finished) {
                onPacket(this, typeAndFlags, remainingLength, body, offset, kept, ts);
            }
        }

        @Override
        public void framingLost(String reason, long ts) {
            if (!finished) {
                output.malformed(ts, "MQTT " + reason + " " + text() + "; the packet boundaries are lost until the"
                        + " next segment that starts with a valid fixed header", null);
            }
        }

        @Override
        public int level() {
            return level;
        }
    }

    private void onPacket(Side side, int typeAndFlags, int remaining, byte[] body, int off, int kept, long ts) {
        anyPacket = true;
        MqttPacketType type = MqttPacketType.of(typeAndFlags >> 4);
        int flags = typeAndFlags & 0x0F;
        if (!type.allowedAt(level)) {
            output.malformed(ts, "MQTT packet type " + type.code + " is reserved"
                    + (type == MqttPacketType.AUTH ? " before MQTT 5 (AUTH)" : "") + " " + side.text()
                    + "; its " + remaining + " bytes skipped", null);
            return;
        }
        MqttMessage m = new MqttMessage(type, flags, ts, side.toServer, remaining);
        String problem = type.flagProblem(flags);
        if (problem != null) {
            malformed(m, problem + " " + side.text());
            return;
        }
        if (kept < remaining && type != MqttPacketType.PUBLISH) {
            malformed(m, type.name() + " remaining length " + remaining + " exceeds the " + MqttFramer.MAX_KEPT
                    + " bytes kept of a packet other than PUBLISH " + side.text());
            return;
        }
        if (type == MqttPacketType.CONNACK && level == 0 && remaining > 2) {
            level = MqttPacketParser.V5; // only MQTT 5 CONNACKs carry properties
        }
        try {
            MqttPacketParser.parse(m, body, off, kept, level);
        } catch (MqttFormatException e) {
            if (type == MqttPacketType.CONNECT && m.connectFlags != ABSENT) {
                level = m.level; // name and level were valid: the rest of the flow is read at that level
                protocolName = m.protocolName;
            }
            malformed(m, e.getMessage() + " " + side.text());
            return;
        }
        switch (type) {
            case CONNECT -> {
                level = m.level;
                protocolName = m.protocolName;
                if (pendingConnect != null) {
                    report(pendingConnect, null);
                }
                pendingConnect = m;
            }
            case CONNACK -> {
                MqttMessage req = pendingConnect;
                pendingConnect = null;
                report(req, m);
            }
            case PUBLISH -> onPublish(m);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> onPublishAck(m);
            case SUBSCRIBE, UNSUBSCRIBE -> keepSubscription(m);
            case SUBACK, UNSUBACK -> {
                MqttPacketType request = type == MqttPacketType.SUBACK ? MqttPacketType.SUBSCRIBE
                        : MqttPacketType.UNSUBSCRIBE;
                MqttMessage req = null;
                for (int i = 0; i < MAX_PENDING; i++) {
                    MqttMessage s = subscriptions[i];
                    if (s != null && s.type == request && s.packetId == m.packetId && s.toServer != m.toServer) {
                        req = s;
                        subscriptions[i] = null;
                        break;
                    }
                }
                report(req, m);
            }
            case PINGREQ -> {
                if (pendingPings.size() == MAX_PINGS) {
                    report(pendingPings.poll(), null);
                }
                pendingPings.add(m);
            }
            case PINGRESP -> report(pendingPings.poll(), m);
            default -> report(m, null); // DISCONNECT, AUTH
        }
    }

    private void onPublish(MqttMessage m) {
        if (m.qos() == 0) {
            reportPublish(m, null, true);
            return;
        }
        int free = -1;
        int oldest = -1;
        for (int i = 0; i < MAX_PENDING; i++) {
            PublishExchange x = publishes[i];
            if (x == null) {
                if (free < 0) {
                    free = i;
                }
            } else if (x.publish.packetId == m.packetId && x.publish.toServer == m.toServer) {
                // the same identifier again from the same sender: a retransmission (DUP) or a reused identifier
                publishes[i] = null;
                reportPublish(x.publish, x.lastAck, false);
                if (free < 0) {
                    free = i;
                }
            } else if (oldest < 0 || x.publish.timestampMicros < publishes[oldest].publish.timestampMicros) {
                oldest = i;
            }
        }
        if (free < 0) {
            PublishExchange x = publishes[oldest];
            reportPublish(x.publish, x.lastAck, false);
            free = oldest;
        }
        publishes[free] = new PublishExchange(m);
    }

    private void onPublishAck(MqttMessage m) {
        // PUBACK, PUBREC and PUBCOMP come from the receiver, PUBREL from the sender of the PUBLISH
        boolean fromSender = m.type == MqttPacketType.PUBREL;
        int wantedQos = m.type == MqttPacketType.PUBACK ? 1 : 2;
        for (int i = 0; i < MAX_PENDING; i++) {
            PublishExchange x = publishes[i];
            if (x == null || x.publish.packetId != m.packetId || x.publish.qos() != wantedQos
                    || (x.publish.toServer == m.toServer) != fromSender) {
                continue;
            }
            switch (m.type) {
                case PUBACK -> {
                    publishes[i] = null;
                    reportPublish(x.publish, m, true);
                }
                case PUBREC -> {
                    x.received = true;
                    x.lastAck = m;
                    if (m.reasonCode != ABSENT && MqttReasonCode.failed(m.type, level, m.reasonCode)) {
                        publishes[i] = null; // refused: no PUBREL follows (MQTT 5 4.3.3)
                        reportPublish(x.publish, m, true);
                    }
                }
                case PUBREL -> {
                    x.released = true;
                    x.lastAck = m;
                }
                default -> {
                    publishes[i] = null;
                    reportPublish(x.publish, m, x.received && x.released);
                }
            }
            return;
        }
        reportPublish(null, m, false);
    }

    private void keepSubscription(MqttMessage m) {
        int free = -1;
        int oldest = -1;
        for (int i = 0; i < MAX_PENDING; i++) {
            MqttMessage s = subscriptions[i];
            if (s == null) {
                if (free < 0) {
                    free = i;
                }
            } else if (s.packetId == m.packetId && s.toServer == m.toServer) {
                subscriptions[i] = null;
                report(s, null);
                if (free < 0) {
                    free = i;
                }
            } else if (oldest < 0 || s.timestampMicros < subscriptions[oldest].timestampMicros) {
                oldest = i;
            }
        }
        if (free < 0) {
            report(subscriptions[oldest], null);
            free = oldest;
        }
        subscriptions[free] = m;
    }

    private static String action(MqttPacketType type) {
        return switch (type) {
            case CONNECT, CONNACK -> "connect";
            case PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP -> "publish";
            case SUBSCRIBE, SUBACK -> "subscribe";
            case UNSUBSCRIBE, UNSUBACK -> "unsubscribe";
            case PINGREQ, PINGRESP -> "ping";
            case DISCONNECT -> "disconnect";
            case AUTH -> "auth";
            default -> "malformed_message";
        };
    }

    private static EventCategory category(MqttPacketType type, boolean fromClient) {
        return switch (type) {
            case CONNECT, CONNACK, DISCONNECT, AUTH -> EventCategory.AUTH;
            case PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP -> fromClient ? EventCategory.WRITE : EventCategory.READ;
            case SUBSCRIBE, SUBACK -> EventCategory.READ;
            case PINGREQ, PINGRESP -> EventCategory.DIAGNOSTIC;
            default -> EventCategory.OTHER;
        };
    }

    /** Whether the exchange that {@code m} belongs to was started by the client. */
    private static boolean startedByClient(MqttMessage m, boolean isRequest) {
        boolean answer = !isRequest && m.type != MqttPacketType.DISCONNECT && m.type != MqttPacketType.AUTH;
        if (m.type == MqttPacketType.PUBREL) {
            answer = false; // sent by the publisher
        }
        return answer != m.toServer;
    }

    private void malformed(MqttMessage m, String reason) {
        boolean request = m.type == MqttPacketType.CONNECT || m.type == MqttPacketType.PUBLISH
                || m.type == MqttPacketType.SUBSCRIBE || m.type == MqttPacketType.UNSUBSCRIBE
                || m.type == MqttPacketType.PINGREQ || m.type == MqttPacketType.DISCONNECT
                || m.type == MqttPacketType.AUTH;
        boolean fromClient = startedByClient(m, request);
        MqttDetail d = detail(request ? m : null, request ? null : m, fromClient, null);
        output.malformed(new OtEvent(m.timestampMicros, -1, flow, PROTOCOL, action(m.type),
                category(m.type, fromClient), Outcome.FAILURE, reason, d, true));
    }

    private void reportPublish(MqttMessage publish, MqttMessage ack, boolean complete) {
        MqttMessage first = publish != null ? publish : ack;
        boolean fromClient = publish != null ? publish.toServer : startedByClient(ack, false);
        Outcome outcome = Outcome.UNKNOWN;
        String error = null;
        if (ack != null && ack.reasonCode != ABSENT && MqttReasonCode.failed(ack.type, level, ack.reasonCode)) {
            outcome = Outcome.FAILURE;
            error = ack.type.name() + " reason code 0x" + Integer.toHexString(ack.reasonCode) + " "
                    + MqttReasonCode.name(ack.type, level, ack.reasonCode);
        } else if (complete && publish != null && publish.qos() > 0) {
            outcome = Outcome.SUCCESS;
        }
        MqttDetail d = detail(publish, ack, fromClient, publish != null ? complete : null);
        long duration = publish != null && ack != null ? ack.timestampMicros - publish.timestampMicros : -1;
        output.event(new OtEvent(first.timestampMicros, duration, flow, PROTOCOL, "publish",
                category(first.type, fromClient), outcome, error, d));
    }

    /** One event for a request and/or its answer (either may be null, not both). */
    private void report(MqttMessage req, MqttMessage resp) {
        MqttMessage first = req != null ? req : resp;
        boolean fromClient = startedByClient(first, req != null);
        Outcome outcome;
        String error = null;
        MqttMessage coded = resp != null ? resp : req;
        if (coded.type == MqttPacketType.SUBACK || coded.type == MqttPacketType.UNSUBACK) {
            outcome = Outcome.SUCCESS;
            int[] codes = coded.codes;
            for (int i = 0; codes != null && i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                    outcome = Outcome.FAILURE;
                    error = coded.type.name() + " refuses topic filter " + i + " with code 0x"
                            + Integer.toHexString(codes[i]) + " " + MqttReasonCode.name(coded.type, level, codes[i]);
                    break;
                }
            }
        } else if (coded.reasonCode != ABSENT) {
            boolean failed = MqttReasonCode.failed(coded.type, level, coded.reasonCode);
            outcome = failed ? Outcome.FAILURE : Outcome.SUCCESS;
            if (failed) {
                error = coded.type.name() + " " + (coded.type == MqttPacketType.CONNACK && level < 5 ? "return"
                        : "reason") + " code " + coded.reasonCode + " " + MqttReasonCode.name(coded.type, level,
                        coded.reasonCode);
            }
        } else if (resp != null || first.type == MqttPacketType.DISCONNECT) {
            outcome = Outcome.SUCCESS; // before MQTT 5 a DISCONNECT is by definition a normal disconnection
        } else {
            outcome = Outcome.UNKNOWN;
        }
        MqttDetail d = detail(req, resp, fromClient, null);
        long duration = req != null && resp != null ? resp.timestampMicros - req.timestampMicros : -1;
        output.event(new OtEvent(first.timestampMicros, duration, flow, PROTOCOL, action(first.type),
                category(first.type, fromClient), outcome, error, d));
    }

    private MqttDetail detail(MqttMessage req, MqttMessage resp, boolean fromClient, Boolean complete) {
        MqttMessage first = req != null ? req : resp;
        MqttMessage connect = req != null && req.type == MqttPacketType.CONNECT ? req : null;
        MqttMessage publish = req != null && req.type == MqttPacketType.PUBLISH ? req : null;
        boolean connectExchange = first.type == MqttPacketType.CONNECT || first.type == MqttPacketType.CONNACK;
        int cf = connect != null ? connect.connectFlags : ABSENT;
        MqttMessage coded = resp != null && resp.reasonCode != ABSENT ? resp : req != null && req.reasonCode != ABSENT
                ? req : null;
        int code = coded != null ? coded.reasonCode : ABSENT;
        String reason = coded != null ? MqttReasonCode.name(coded.type, level, code) : null;
        int packetId = req != null && req.packetId != ABSENT ? req.packetId : resp != null ? resp.packetId : ABSENT;
        boolean sub = first.type == MqttPacketType.SUBSCRIBE || first.type == MqttPacketType.SUBACK;
        boolean unsub = first.type == MqttPacketType.UNSUBSCRIBE || first.type == MqttPacketType.UNSUBACK;
        return new MqttDetail(
                first.type.code,
                resp != null ? resp.type.code : ABSENT,
                connectExchange ? (connect != null ? connect.protocolName : protocolName) : null,
                level > 0 ? level : ABSENT,
                connect != null ? connect.clientId : null,
                connect != null ? connect.username : null,
                cf != ABSENT ? (cf & 0x80) != 0 : null,
                cf != ABSENT ? (cf & 0x40) != 0 : null,
                cf != ABSENT ? (cf & 0x02) != 0 : null,
                cf != ABSENT ? (cf & 0x04) != 0 : null,
                cf != ABSENT && (cf & 0x04) != 0 ? (cf >> 3) & 3 : ABSENT,
                cf != ABSENT && (cf & 0x04) != 0 ? (cf & 0x20) != 0 : null,
                connect != null ? connect.willTopic : null,
                connect != null ? connect.willPayloadLength : ABSENT,
                connect != null ? connect.keepAlive : ABSENT,
                resp != null && resp.type == MqttPacketType.CONNACK && resp.ackFlags != ABSENT
                        ? (resp.ackFlags & 1) != 0 : null,
                code,
                reason,
                fromClient,
                publish != null ? publish.topic : null,
                publish != null ? publish.qos() : ABSENT,
                publish != null ? publish.retain() : null,
                publish != null ? publish.dup() : null,
                packetId,
                publish != null ? publish.payloadLength : ABSENT,
                complete,
                req != null ? req.topics : null,
                req != null ? req.requestedQos : null,
                sub && resp != null ? resp.codes : null,
                unsub && resp != null ? resp.codes : null,
                req != null ? req.properties : null,
                connect != null ? connect.willProperties : null,
                resp != null ? resp.properties : null);
    }
}
