package io.otsoc.collector.protocol;

import io.otsoc.collector.model.FlowRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DecoderRegistryTest {

    /** A factory with a public no-argument constructor, as ServiceLoader needs. */
    public static final class EchoFactory implements ProtocolDecoderFactory {
        @Override
        public String protocol() {
            return "echo";
        }

        @Override
        public int[] tcpPorts() {
            return new int[]{7};
        }

        @Override
        public int[] udpPorts() {
            return new int[]{7, 70000};
        }

        @Override
        public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
            return null;
        }
    }

    public static final class OtherEchoFactory implements ProtocolDecoderFactory {
        @Override
        public String protocol() {
            return "other";
        }

        @Override
        public int[] tcpPorts() {
            return new int[]{7, 8};
        }

        @Override
        public int[] udpPorts() {
            return new int[0];
        }

        @Override
        public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
            return null;
        }
    }

    @Test
    void discoversFactoriesListedAsServices(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ProtocolDecoderFactory.class.getName()),
                "# test registration\n" + EchoFactory.class.getName() + "\n" + OtherEchoFactory.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, getClass().getClassLoader())) {
            DecoderRegistry registry = DecoderRegistry.discover(loader);
            assertThat(registry.factories()).extracting(ProtocolDecoderFactory::protocol)
                    .containsSubsequence("echo", "other");
            assertThat(registry.forTcpPort(7).protocol()).as("first registration keeps a contested port")
                    .isEqualTo("echo");
            assertThat(registry.forTcpPort(8).protocol()).isEqualTo("other");
            assertThat(registry.forUdpPort(7).protocol()).isEqualTo("echo");
            assertThat(registry.forUdpPort(8)).isNull();
        }
    }

    @Test
    void explicitListAndPortLookups() {
        EchoFactory echo = new EchoFactory();
        DecoderRegistry registry = DecoderRegistry.of(echo);
        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.indexOf(echo)).isZero();
        assertThat(registry.tcpIndex(7)).isZero();
        assertThat(registry.tcpIndex(9)).isEqualTo(-1);
        assertThat(registry.tcpIndex(-1)).isEqualTo(-1);
        assertThat(registry.udpIndex(65536)).isEqualTo(-1);
        assertThat(registry.isWellKnown(true, 7)).isTrue();
        assertThat(registry.isWellKnown(false, 8)).isFalse();
        assertThat(DecoderRegistry.empty().forTcpPort(502)).isNull();
    }
}
