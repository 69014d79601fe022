package io.otsoc.collector.protocol.snmp;

import org.junit.jupiter.api.Test;

import static io.otsoc.collector.protocol.snmp.SnmpWire.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The BER reader's bounds: nesting depth, long-form lengths, OIDs and integers. */
class BerReaderTest {

    @Test
    void nestingDeeperThanTheBoundIsRefused() throws BerException {
        byte[] b = integer(1);
        for (int i = 0; i < BerReader.MAX_DEPTH + 1; i++) {
            b = seq(b);
        }
        BerReader r = BerReader.of(b, 0, b.length);
        for (int i = 0; i < BerReader.MAX_DEPTH; i++) {
            r = r.enter(BerReader.SEQUENCE, "level " + i);
        }
        BerReader last = r;
        assertThatThrownBy(() -> last.enter(BerReader.SEQUENCE, "deepest"))
                .isInstanceOf(BerException.class).hasMessageContaining("nested deeper than 8 levels");
    }

    @Test
    void longFormLengths() throws BerException {
        byte[] content = new byte[300];
        byte[] b = octets(content);
        assertThat(b[1]).isEqualTo((byte) 0x82);
        assertThat(BerReader.of(b, 0, b.length).octets("long")).hasSize(300);
        byte[] padded = {0x04, (byte) 0x84, 0, 0, 0, 1, 7};
        assertThat(BerReader.of(padded, 0, padded.length).octets("padded")).containsExactly(7);
    }

    @Test
    void oidText() throws BerException {
        assertThat(BerReader.oidText(new byte[] {1}, 0, 1, "x")).isEqualTo("0.1");
        assertThat(BerReader.oidText(oidContent("1.0.8802.1.1.1.1.1.1.0"), 0, 10, "x")).isEqualTo("1.0.8802.1.1.1.1.1.1.0");
        byte[] two = oidContent("2.999.3");
        assertThat(BerReader.oidText(two, 0, two.length, "x")).isEqualTo("2.999.3");
        byte[] big = oidContent("1.3.6.1.4.1.253.8.64.4.2.1.7.10.14130104");
        assertThat(BerReader.oidText(big, 0, big.length, "x")).isEqualTo("1.3.6.1.4.1.253.8.64.4.2.1.7.10.14130104");
        assertThatThrownBy(() -> BerReader.oidText(new byte[] {0x2b, (byte) 0x86}, 0, 2, "x"))
                .hasMessageContaining("ends inside a subidentifier");
        assertThatThrownBy(() -> BerReader.oidText(new byte[] {0x2b, (byte) 0x80, 1}, 0, 3, "x"))
                .hasMessageContaining("padding");
        assertThatThrownBy(() -> BerReader.oidText(new byte[0], 0, 0, "x")).hasMessageContaining("without content");
    }

    @Test
    void integers() throws BerException {
        for (long v : new long[] {0, 1, -1, 127, 128, -129, 2147483647L, -2147483648L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            byte[] b = integer(v);
            assertThat(BerReader.of(b, 0, b.length).integer("v")).isEqualTo(v);
        }
        byte[] dropped = {0x02, 0x01, (byte) 0xdd};
        assertThat(BerReader.of(dropped, 0, 3).integer("v")).isEqualTo(-35);
        assertThat(BerReader.of(dropped, 0, 3).unsignedInteger("v")).isEqualTo(221);
        byte[] empty = {0x02, 0x00};
        assertThatThrownBy(() -> BerReader.of(empty, 0, 2).integer("v")).hasMessageContaining("without content");
    }

    @Test
    void multiByteTagsAndWrongTagsAreRefused() {
        byte[] high = {0x1f, 0x22, 0x00};
        assertThatThrownBy(() -> BerReader.of(high, 0, 3).skip("x")).hasMessageContaining("multi-byte tag");
        byte[] str = octets("a");
        assertThatThrownBy(() -> BerReader.of(str, 0, str.length).integer("x")).hasMessageContaining("has tag 0x04, expected 0x02");
        byte[] cut = {0x04, (byte) 0x82, 0x01};
        assertThatThrownBy(() -> BerReader.of(cut, 0, 3).octets("x")).hasMessageContaining("inside its 2-byte length field");
    }
}
