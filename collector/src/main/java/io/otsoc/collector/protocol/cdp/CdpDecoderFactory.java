package io.otsoc.collector.protocol.cdp;

import io.otsoc.collector.dissect.EtherTypes;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderFactory;
import io.otsoc.collector.protocol.LinkDecoderOutput;

/**
 * Cisco Discovery Protocol: 802.2 LLC/SNAP frames with Cisco's OUI 00:00:0C and protocol id 0x2000, which come
 * under the LLC pseudo EtherType; the decoder ignores every other LLC frame (spanning tree, DTP, VTP, PVST+...).
 */
public final class CdpDecoderFactory implements LinkDecoderFactory {

    @Override
    public String protocol() {
        return CdpDecoder.PROTOCOL;
    }

    @Override
    public int[] etherTypes() {
        return new int[] {EtherTypes.LLC};
    }

    @Override
    public LinkDecoder create(LinkDecoderOutput output) {
        return new CdpDecoder(output);
    }
}
