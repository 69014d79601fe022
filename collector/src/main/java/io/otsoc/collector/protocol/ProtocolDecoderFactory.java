package io.otsoc.collector.protocol;

import io.otsoc.collector.model.FlowRef;

/** Knows one protocol: where it usually runs and how to start decoding a flow of it. */
public interface ProtocolDecoderFactory {

    /** The protocol's name as in {@code network.protocol}, e.g. {@code modbus}. */
    String protocol();

    /**
     * Every {@code network.protocol} its decoders' events may carry: the protocol itself and, for a transport
     * that carries several (ISO-on-TCP on port 102: S7comm and MMS), the others. Each needs its
     * {@code otsoc.<protocol>.*} mappings.
     */
    default java.util.List<String> protocols() {
        return java.util.List.of(protocol());
    }

    /** Server ports the protocol uses over TCP by default; may be empty. */
    int[] tcpPorts();

    /** Server ports the protocol uses over UDP by default; may be empty. */
    int[] udpPorts();

    /**
     * Whether the first payload seen on a flow whose ports no decoder registered is this protocol's, judged from
     * its content alone (e.g. DNP3's 0x0564 start bytes with a valid header CRC). Asked for the first few payloads
     * of such a flow, in registry order; the first factory that says yes gets the flow. Must be strict: a false
     * yes hands another protocol's bytes to this decoder. Over TCP {@code buf} holds one segment's payload, which
     * may start mid-message when the capture began mid-connection; over UDP one datagram.
     *
     * @param tcp       whether the flow is TCP (else UDP)
     * @param direction which side sent these bytes, as the flow was oriented by ports
     */
    default boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        return false;
    }

    /** A fresh decoder for one flow. */
    ProtocolDecoder create(FlowRef flow, DecoderOutput output);
}
