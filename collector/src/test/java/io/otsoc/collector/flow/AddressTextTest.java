package io.otsoc.collector.flow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5952 section 4 text forms. */
class AddressTextTest {

    private static String v6(String in) {
        long[] a = CommunityId.parse(in);
        return AddressText.ipv6(a[0], a[1]);
    }

    @Test
    void ipv6CanonicalText() {
        assertThat(v6("2001:0db8:0000:0000:0000:0000:0002:0001")).isEqualTo("2001:db8::2:1");
        assertThat(v6("2001:db8:0:1:1:1:1:1")).as("a single zero group is not compressed")
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(v6("2001:db8:0:0:1:0:0:1")).as("first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(v6("2001:0:0:1:0:0:0:1")).as("longest run").isEqualTo("2001:0:0:1::1");
        assertThat(v6("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(v6("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(v6("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(v6("FE80::0260:97FF:FE07:69EA")).isEqualTo("fe80::260:97ff:fe07:69ea");
    }

    @Test
    void ipv4AndMac() {
        assertThat(AddressText.ipv4(0xc0a80001)).isEqualTo("192.168.0.1");
        assertThat(AddressText.ipv4(0xffffffff)).isEqualTo("255.255.255.255");
        assertThat(AddressText.mac(0x001b1baabbccL)).isEqualTo("00:1b:1b:aa:bb:cc");
        assertThat(AddressText.mac(0xffffffffffffL)).isEqualTo("ff:ff:ff:ff:ff:ff");
    }
}
