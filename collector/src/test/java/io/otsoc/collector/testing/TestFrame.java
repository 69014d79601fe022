package io.otsoc.collector.testing;

import io.otsoc.collector.flow.AddressText;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.util.ArrayList;
import java.util.List;

/** A hand-made link-layer frame for unit tests of link decoders: its addresses, time and VLAN; and an output that keeps the events. */
public record TestFrame(long timestampMicros, boolean hasMacs, long srcMac, long dstMac, int vlanId, int etherType)
        implements LinkFrame {

    public static TestFrame at(long micros, long src, long dst, int etherType) {
        return new TestFrame(micros, true, src, dst, -1, etherType);
    }

    @Override
    public String srcMacText() {
        return hasMacs ? AddressText.mac(srcMac) : null;
    }

    @Override
    public String dstMacText() {
        return hasMacs ? AddressText.mac(dstMac) : null;
    }

    public static final class Events implements LinkDecoderOutput {
        public final List<OtEvent> all = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            all.add(event);
        }
    }

    public static byte[] hex(String text) {
        String s = text.replaceAll("[\\s:]", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
