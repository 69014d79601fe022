package io.otsoc.collector.protocol;

import io.otsoc.collector.model.FlowRef;

/** Knows one protocol: where it usually runs and how to start decoding a flow of it. */
public interface ProtocolDecoderFactory {

    /** The protocol's name as in {@code network.protocol}, e.g. {@code modbus}. */
    String protocol();

    /** Server ports the protocol uses over TCP by default; may be empty. */
    int[] tcpPorts();

    /** Server ports the protocol uses over UDP by default; may be empty. */
    int[] udpPorts();

    /** A fresh decoder for one flow. */
    ProtocolDecoder create(FlowRef flow, DecoderOutput output);
}
