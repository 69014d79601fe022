package io.otsoc.collector.protocol;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The protocol decoders the collector knows, and which one a new flow gets: the one registered on the flow's server
 * port for its transport. Factories are discovered with {@link ServiceLoader} (each protocol package lists its
 * factory in {@code META-INF/services/io.otsoc.collector.protocol.ProtocolDecoderFactory}) or given explicitly.
 * When two factories claim the same port, the first one keeps it and the conflict is logged.
 *
 * <p>Immutable after construction; lookups are array reads.
 */
public final class DecoderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderRegistry.class);
    private static final short NONE = -1;

    private final List<ProtocolDecoderFactory> factories;
    private final List<LinkDecoderFactory> linkFactories;
    private final short[] tcp = new short[65536];
    private final short[] udp = new short[65536];

    private DecoderRegistry(List<ProtocolDecoderFactory> factories, List<LinkDecoderFactory> linkFactories) {
        if (factories.size() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many decoder factories: " + factories.size());
        }
        this.factories = List.copyOf(factories);
        this.linkFactories = List.copyOf(linkFactories);
        Arrays.fill(tcp, NONE);
        Arrays.fill(udp, NONE);
        for (int i = 0; i < this.factories.size(); i++) {
            ProtocolDecoderFactory f = this.factories.get(i);
            claim(tcp, f.tcpPorts(), i, "tcp");
            claim(udp, f.udpPorts(), i, "udp");
        }
    }

    /** The factories registered as services on the context class loader (or this class's loader). */
    public static DecoderRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : DecoderRegistry.class.getClassLoader());
    }

    /** The factories registered as services on the given class loader, in discovery order. */
    public static DecoderRegistry discover(ClassLoader loader) {
        List<ProtocolDecoderFactory> found = new ArrayList<>();
        for (ProtocolDecoderFactory f : ServiceLoader.load(ProtocolDecoderFactory.class, loader)) {
            found.add(f);
        }
        List<LinkDecoderFactory> link = new ArrayList<>();
        for (LinkDecoderFactory f : ServiceLoader.load(LinkDecoderFactory.class, loader)) {
            link.add(f);
        }
        return new DecoderRegistry(found, link);
    }

    /** Exactly these factories, in this order of precedence. */
    public static DecoderRegistry of(List<? extends ProtocolDecoderFactory> factories) {
        return new DecoderRegistry(new ArrayList<>(factories), List.of());
    }

    /** These factories and these link-layer decoders. */
    public static DecoderRegistry of(List<? extends ProtocolDecoderFactory> factories,
                                     List<? extends LinkDecoderFactory> linkFactories) {
        return new DecoderRegistry(new ArrayList<>(factories), new ArrayList<>(linkFactories));
    }

    public static DecoderRegistry of(ProtocolDecoderFactory... factories) {
        return of(Arrays.asList(factories));
    }

    public static DecoderRegistry empty() {
        return new DecoderRegistry(List.of(), List.of());
    }

    /** The factories, in order; a factory's position is its {@link #indexOf index}. */
    public List<ProtocolDecoderFactory> factories() {
        return factories;
    }

    /** The link-layer decoder factories, in order of precedence. */
    public List<LinkDecoderFactory> linkFactories() {
        return linkFactories;
    }

    /** The names of every protocol a decoder is registered for, flow and link decoders alike. */
    public List<String> protocolNames() {
        List<String> names = new ArrayList<>();
        for (ProtocolDecoderFactory f : factories) {
            for (String name : f.protocols()) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        for (LinkDecoderFactory f : linkFactories) {
            if (!names.contains(f.protocol())) {
                names.add(f.protocol());
            }
        }
        return names;
    }

    public int size() {
        return factories.size();
    }

    /** The factory registered on this TCP server port, or null. */
    public ProtocolDecoderFactory forTcpPort(int port) {
        int i = tcpIndex(port);
        return i < 0 ? null : factories.get(i);
    }

    /** The factory registered on this UDP server port, or null. */
    public ProtocolDecoderFactory forUdpPort(int port) {
        int i = udpIndex(port);
        return i < 0 ? null : factories.get(i);
    }

    /** Index of the factory on this TCP port, or -1. */
    public int tcpIndex(int port) {
        return port < 0 || port > 65535 ? -1 : tcp[port];
    }

    /** Index of the factory on this UDP port, or -1. */
    public int udpIndex(int port) {
        return port < 0 || port > 65535 ? -1 : udp[port];
    }

    /** Whether some decoder registered this port for the transport ({@code true} = TCP). */
    public boolean isWellKnown(boolean tcpTransport, int port) {
        return (tcpTransport ? tcpIndex(port) : udpIndex(port)) >= 0;
    }

    /** Position of the factory in {@link #factories()}, or -1. */
    public int indexOf(ProtocolDecoderFactory factory) {
        return factories.indexOf(factory);
    }

    private void claim(short[] table, int[] ports, int index, String transport) {
        if (ports == null) {
            return;
        }
        for (int port : ports) {
            if (port < 0 || port > 65535) {
                LOG.warn("decoder {} registers invalid {} port {}; ignored", factories.get(index).protocol(),
                        transport, port);
                continue;
            }
            if (table[port] != NONE && table[port] != index) {
                LOG.warn("{} port {} is claimed by {} and {}; {} keeps it", transport, port,
                        factories.get(table[port]).protocol(), factories.get(index).protocol(),
                        factories.get(table[port]).protocol());
                continue;
            }
            table[port] = (short) index;
        }
    }
}
