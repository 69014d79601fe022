package io.otsoc.embedded;

import io.otsoc.embedded.EmbeddedNodeMain.NodeOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeOptionsTest {

    @Test
    void theHttpPortIsOneAboveTheBasePortAsTheRunnerNumbersItsNodesFromOne() {
        NodeOptions options = NodeOptions.parse(new String[]{"--http-port", "9250", "--data-dir", "/tmp/os", "--cluster-name", "lab"});

        assertThat(options.basePort()).isEqualTo(9250);
        assertThat(options.httpPort()).isEqualTo(9251);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/os"));
        assertThat(options.clusterName()).isEqualTo("lab");
    }

    @Test
    void theClusterIsNamedOtsocByDefault() {
        assertThat(NodeOptions.parse(new String[]{"--data-dir", "d", "--http-port", "9300"}).clusterName()).isEqualTo("otsoc");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> NodeOptions.parse(new String[]{"--http-port", "92x0", "--data-dir", "d"}))
                .hasMessageContaining("--http-port").hasMessageContaining("92x0");
        assertThatThrownBy(() -> NodeOptions.parse(new String[]{"--http-port", "65535", "--data-dir", "d"}))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> NodeOptions.parse(new String[]{"--data-dir"})).hasMessageContaining("missing value for --data-dir");
        assertThatThrownBy(() -> NodeOptions.parse(new String[]{"--heap", "1g"})).hasMessageContaining("unknown option --heap");
        assertThatThrownBy(() -> NodeOptions.parse(new String[]{"--data-dir", "d"})).hasMessageContaining("usage");
    }
}
