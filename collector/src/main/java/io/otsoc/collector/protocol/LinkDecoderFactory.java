package io.otsoc.collector.protocol;

/**
 * Knows one protocol that runs directly on the link layer, without IP (ARP, LLDP, PROFINET DCP, GOOSE, CDP): the
 * EtherTypes it is carried in and how to start decoding it. Discovered like {@link ProtocolDecoderFactory}, from
 * {@code META-INF/services/io.otsoc.collector.protocol.LinkDecoderFactory}.
 */
public interface LinkDecoderFactory {

    /** The protocol's name as in {@code network.protocol}, e.g. {@code arp}. */
    String protocol();

    /**
     * EtherTypes whose frames this decoder gets, after VLAN tags and SNAP. Frames with an 802.2 LLC header and no
     * SNAP EtherType (e.g. CDP under Cisco's SNAP OUI) come under {@link io.otsoc.collector.dissect.EtherTypes#LLC}
     * with the payload starting at the LLC header.
     */
    int[] etherTypes();

    /** The decoder for one capture session; it sees every frame of its EtherTypes, in capture order. */
    LinkDecoder create(LinkDecoderOutput output);
}
