package io.otsoc.routes.opensearch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void noVariablesMeansNoAuthorization() {
        assertThat(OpenSearchCredentials.from(Map.of()).authorization()).isEmpty();
    }

    @Test
    void userAndPasswordBecomeBasicAuthWhichToStringDoesNotReveal() {
        OpenSearchCredentials credentials = OpenSearchCredentials.from(Map.of(
                "OTSOC_OPENSEARCH_USER", "soc", "OTSOC_OPENSEARCH_PASSWORD", "s3cr\u00e9t"));

        String expected = "Basic " + Base64.getEncoder().encodeToString("soc:s3cr\u00e9t".getBytes(StandardCharsets.UTF_8));
        assertThat(credentials.authorization()).contains(expected);
        assertThat(credentials.toString()).isEqualTo("basic auth as soc").doesNotContain("s3cr");
    }

    @Test
    void anApiKeyBecomesAnApiKeyHeader() {
        OpenSearchCredentials credentials = OpenSearchCredentials.from(Map.of("OTSOC_OPENSEARCH_API_KEY", "a2V5OnNlY3JldA=="));

        assertThat(credentials.authorization()).contains("ApiKey a2V5OnNlY3JldA==");
        assertThat(credentials.toString()).isEqualTo("API key");
    }

    @Test
    void fileVariantsAreReadWithoutTheirTrailingNewline() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "from-a-file\n");

        OpenSearchCredentials credentials = OpenSearchCredentials.from(Map.of(
                "OTSOC_OPENSEARCH_USER", "soc", "OTSOC_OPENSEARCH_PASSWORD_FILE", password.toString()));

        String expected = "Basic " + Base64.getEncoder().encodeToString("soc:from-a-file".getBytes(StandardCharsets.UTF_8));
        assertThat(credentials.authorization()).contains(expected);
    }

    @Test
    void incompleteOrContradictorySettingsNameTheVariableButNeverTheSecret() {
        assertThatThrownBy(() -> OpenSearchCredentials.from(Map.of("OTSOC_OPENSEARCH_USER", "soc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTSOC_OPENSEARCH_PASSWORD");
        assertThatThrownBy(() -> OpenSearchCredentials.from(Map.of(
                "OTSOC_OPENSEARCH_USER", "soc", "OTSOC_OPENSEARCH_PASSWORD", "hunter2", "OTSOC_OPENSEARCH_API_KEY", "k3y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTSOC_OPENSEARCH_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("k3y"));
        assertThatThrownBy(() -> OpenSearchCredentials.from(Map.of(
                "OTSOC_OPENSEARCH_API_KEY", "k3y", "OTSOC_OPENSEARCH_API_KEY_FILE", "/run/secrets/key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTSOC_OPENSEARCH_API_KEY_FILE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("k3y"));
    }

    @Test
    void anUnreadableSecretFileIsNamed() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> OpenSearchCredentials.from(Map.of("OTSOC_OPENSEARCH_API_KEY_FILE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTSOC_OPENSEARCH_API_KEY_FILE")
                .hasMessageContaining(missing.toString());
    }
}
