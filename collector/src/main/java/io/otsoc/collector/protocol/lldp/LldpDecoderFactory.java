package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.dissect.EtherTypes;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderFactory;
import io.otsoc.collector.protocol.LinkDecoderOutput;

/** Link Layer Discovery Protocol (IEEE 802.1AB), EtherType 0x88CC. */
public final class LldpDecoderFactory implements LinkDecoderFactory {

    @Override
    public String protocol() {
        return LldpDecoder.PROTOCOL;
    }

    @Override
    public int[] etherTypes() {
        return new int[] {EtherTypes.LLDP};
    }

    @Override
    public LinkDecoder create(LinkDecoderOutput output) {
        return new LldpDecoder(output);
    }
}
