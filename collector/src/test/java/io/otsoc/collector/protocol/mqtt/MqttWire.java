package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built MQTT packets and a decoder with a recording output, for the unit tests. */
final class MqttWire {

    static final FlowRef FLOW = new FlowRef("1:test", "tcp", "00:00:5e:00:53:01", "00:00:5e:00:53:02", "192.0.2.10",
            49152, "192.0.2.20", 1883, -1);

    /** Everything the decoder reported, in order. */
    static final class Recording implements DecoderOutput {
        final List<OtEvent> events = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();
        final List<String> notThisProtocol = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
            malformed.add(reason);
        }

        @Override
        public void malformed(OtEvent event) {
            if (!event.malformed()) {
                throw new AssertionError("malformed event not marked malformed: " + event);
            }
            events.add(event);
            malformed.add(event.action() + ": " + event.errorMessage());
        }

        @Override
        public void notThisProtocol(long timestampMicros, String reason) {
            notThisProtocol.add(reason);
        }

        OtEvent only(String action) {
            List<OtEvent> l = events.stream().filter(e -> e.action().equals(action)).toList();
            if (l.size() != 1) {
                throw new AssertionError("expected one " + action + " event, got " + events);
            }
            return l.get(0);
        }
    }

    final Recording out = new Recording();
    final MqttDecoder decoder = new MqttDecoder(FLOW, out);
    long micros = 1_700_000_000_000_000L;

    MqttWire toServer(byte[] b) {
        decoder.onData(Direction.TO_SERVER, b, 0, b.length, micros += 1000);
        return this;
    }

    MqttWire toClient(byte[] b) {
        decoder.onData(Direction.TO_CLIENT, b, 0, b.length, micros += 1000);
        return this;
    }

    MqttWire close() {
        decoder.onClose(micros += 1000);
        return this;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] str(String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        return cat(bytes(t.length >> 8, t.length & 0xFF), t);
    }

    static byte[] varint(int n) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        do {
            int d = n % 128;
            n /= 128;
            o.write(n > 0 ? d | 0x80 : d);
        } while (n > 0);
        return o.toByteArray();
    }

    /** A packet: first byte, remaining length, body. */
    static byte[] packet(int typeAndFlags, byte[] body) {
        return cat(bytes(typeAndFlags), varint(body.length), body);
    }

    static byte[] connect311(String clientId, String user, String password) {
        int flags = 0x02 | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
        return packet(0x10, cat(str("MQTT"), bytes(4, flags, 0, 60), str(clientId),
                user != null ? str(user) : new byte[0], password != null ? str(password) : new byte[0]));
    }

    static byte[] connect5(String clientId, byte[] properties) {
        return packet(0x10, cat(str("MQTT"), bytes(5, 0x02, 0, 60), varint(properties.length), properties,
                str(clientId)));
    }

    static byte[] connack(int sessionPresent, int code) {
        return packet(0x20, bytes(sessionPresent, code));
    }

    static byte[] publish(int qos, String topic, int packetId, int payloadLength) {
        return packet(0x30 | (qos << 1), cat(str(topic), qos > 0 ? bytes(packetId >> 8, packetId & 0xFF)
                : new byte[0], new byte[payloadLength]));
    }

    static byte[] ack(int typeAndFlags, int packetId) {
        return packet(typeAndFlags, bytes(packetId >> 8, packetId & 0xFF));
    }
}
