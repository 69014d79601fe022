package io.otsoc.collector.protocol.profinet.dcp;

import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderFactory;
import io.otsoc.collector.protocol.LinkDecoderOutput;

/** PROFINET real-time frames, EtherType 0x8892: DCP decoded, real-time streams summarised. */
public final class ProfinetDcpDecoderFactory implements LinkDecoderFactory {

    public static final int ETHER_TYPE = 0x8892;

    @Override
    public String protocol() {
        return ProfinetDcpDecoder.PROTOCOL;
    }

    @Override
    public int[] etherTypes() {
        return new int[] {ETHER_TYPE};
    }

    @Override
    public LinkDecoder create(LinkDecoderOutput output) {
        return new ProfinetDcpDecoder(output);
    }
}
