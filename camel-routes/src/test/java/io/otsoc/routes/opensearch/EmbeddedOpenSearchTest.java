package io.otsoc.routes.opensearch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How starting the embedded node fails: each error names what the user needs to fix it. */
class EmbeddedOpenSearchTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryWithoutTheBuiltModuleIsRefusedByName() {
        Path notBuilt = dir.resolve("embedded-opensearch");

        assertThatThrownBy(() -> EmbeddedOpenSearch.start(dir.resolve("data"), EmbeddedOpenSearch.Options.defaults().withHome(notBuilt)))
                .isInstanceOf(EmbeddedOpenSearchException.class)
                .hasMessageContaining(notBuilt.toString())
                .hasMessageContaining("mvn -pl embedded-opensearch");
    }

    @Test
    void theModuleIsFoundFromTheConfiguredHome() {
        Path home = NodeHome.locate();

        assertThat(home.resolve("target/classes/io/otsoc/embedded/EmbeddedNodeMain.class")).isRegularFile();
        assertThat(NodeHome.classpath(home)).endsWith("target/lib/*");
    }

    @Test
    void aNodeThatCannotStartReportsItsPortDataDirAndLastOutput() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("node_1"), "a file where the node wants its home directory");

        assertThatThrownBy(() -> EmbeddedOpenSearch.start(data, EmbeddedOpenSearch.Options.defaults()
                .withFirstBasePort(9350).withStartTimeout(Duration.ofSeconds(60))))
                .isInstanceOf(EmbeddedOpenSearchException.class)
                .hasMessageMatching("embedded OpenSearch on 127\\.0\\.0\\.1:93\\d\\d with data in .*")
                .hasMessageContaining(data.toString())
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining("cannot start OpenSearch")
                .hasMessageContaining("node_1");
        assertThat(data.resolve(EmbeddedOpenSearch.CONSOLE_LOG)).isRegularFile();
    }
}
