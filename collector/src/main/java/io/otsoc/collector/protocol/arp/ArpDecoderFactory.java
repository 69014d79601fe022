package io.otsoc.collector.protocol.arp;

import io.otsoc.collector.dissect.EtherTypes;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderFactory;
import io.otsoc.collector.protocol.LinkDecoderOutput;

/** ARP (RFC 826, EtherType 0x0806) and Reverse ARP (RFC 903, EtherType 0x8035), whatever the link layer. */
public final class ArpDecoderFactory implements LinkDecoderFactory {

    public static final int RARP = 0x8035;

    @Override
    public String protocol() {
        return ArpDecoder.PROTOCOL;
    }

    @Override
    public int[] etherTypes() {
        return new int[] {EtherTypes.ARP, RARP};
    }

    @Override
    public LinkDecoder create(LinkDecoderOutput output) {
        return new ArpDecoder(output, ArpBindings.DEFAULT_CAPACITY);
    }
}
