package io.otsoc.collector.protocol.goose;

import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderFactory;
import io.otsoc.collector.protocol.LinkDecoderOutput;

/** IEC 61850-8-1 GOOSE, EtherType 0x88B8. */
public final class GooseDecoderFactory implements LinkDecoderFactory {

    public static final int ETHER_TYPE = 0x88B8;

    @Override
    public String protocol() {
        return GooseDecoder.PROTOCOL;
    }

    @Override
    public int[] etherTypes() {
        return new int[] {ETHER_TYPE};
    }

    @Override
    public LinkDecoder create(LinkDecoderOutput output) {
        return new GooseDecoder(output);
    }
}
