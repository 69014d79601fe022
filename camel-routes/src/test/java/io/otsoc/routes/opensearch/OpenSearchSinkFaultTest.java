package io.otsoc.routes.opensearch;

import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DeliveryResult;
import io.otsoc.routes.delivery.EcsDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults a real node will not produce on demand, injected with a loopback stub that answers with OpenSearch's
 * own error shapes: whole-request failures, back-pressure, refused templates, credentials and TLS.
 */
class OpenSearchSinkFaultTest {

    private static final String ONE_ITEM_OK = "{\"took\":1,\"errors\":false,\"items\":[{\"create\":{\"_index\":\".ds-s-000001\",\"status\":201}}]}";

    @TempDir
    Path dir;

    @Test
    void templatesAreInstalledComponentsFirstThenIndexTemplates() throws IOException {
        try (StubOpenSearchNode stub = StubOpenSearchNode.http(); OpenSearchSink sink = new OpenSearchSink(options(stub.url()))) {
            assertThat(stub.received()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                    "PUT /_component_template/otsoc-ecs", "PUT /_component_template/otsoc-protocols",
                    "PUT /_index_template/otsoc-events", "PUT /_index_template/otsoc-alerts", "PUT /_index_template/otsoc-assets");
            assertThat(stub.received().get(2).body()).contains("\"composed_of\"");
            assertThat(sink.name()).isEqualTo(stub.url());
        }
    }

    @Test
    void aRefusedTemplateFailsTheStartNamingUrlAndTemplate() throws IOException {
        try (StubOpenSearchNode stub = StubOpenSearchNode.http().templatesAnswer(400,
                "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"unknown setting [index.foo]\"},\"status\":400}")) {
            assertThatThrownBy(() -> new OpenSearchSink(options(stub.url())))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessage("OpenSearch at " + stub.url() + " refused the component template otsoc-ecs: HTTP 400 Bad Request: "
                            + "illegal_argument_exception: unknown setting [index.foo]");
        }
    }

    @Test
    void aServerErrorOnBulkFailsWithOneLineNamingTheUrlAndWhatWasAlreadyDelivered() throws IOException {
        try (StubOpenSearchNode stub = StubOpenSearchNode.http()
                .thenBulk(200, ONE_ITEM_OK)
                .thenBulk(503, "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];\"},\"status\":503}");
             OpenSearchSink sink = new OpenSearchSink(options(stub.url()).withMaxBulkBytes(64))) {
            List<EcsDocument> batch = List.of(event("{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"n\":1}"),
                    event("{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"n\":2}"));

            assertThatThrownBy(() -> sink.deliver(batch))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessage("OpenSearch at " + stub.url() + " refused the bulk request of 1 documents: HTTP 503: "
                            + "cluster_block_exception: blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized]; "
                            + "(1 documents of this batch were delivered before)");
            assertThat(stub.bulkRequests()).hasSize(2);
        }
    }

    @Test
    void aNodeThatGoesAwayAfterTheStartFailsTheNextDeliveryNamingTheUrl() throws IOException {
        StubOpenSearchNode stub = StubOpenSearchNode.http();
        try (OpenSearchSink sink = new OpenSearchSink(options(stub.url()))) {
            stub.close();

            assertThatThrownBy(() -> sink.deliver(List.of(event("{\"n\":1}"))))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageStartingWith("OpenSearch at " + stub.url() + " is unreachable (bulk request of 1 documents): ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void backPressuredDocumentsAreSentAgainAndOnlyThey() throws IOException {
        try (StubOpenSearchNode stub = StubOpenSearchNode.http()
                .thenBulk(200, "{\"took\":3,\"errors\":true,\"items\":["
                        + "{\"create\":{\"_index\":\".ds-s-000001\",\"status\":201}},"
                        + "{\"create\":{\"_index\":\".ds-s-000001\",\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}},"
                        + "{\"create\":{\"_index\":\".ds-s-000001\",\"status\":201}}]}")
                .thenBulk(200, ONE_ITEM_OK);
             OpenSearchSink sink = new OpenSearchSink(options(stub.url()))) {
            List<EcsDocument> batch = List.of(event("{\"n\":1}"), event("{\"n\":2}"), event("{\"n\":3}"));

            DeliveryResult result = sink.deliver(batch);

            assertThat(result.delivered()).isEqualTo(3);
            assertThat(result.rejected()).isEmpty();
            assertThat(stub.bulkRequests()).hasSize(2);
            assertThat(stub.bulkRequests().get(1).body()).isEqualTo("{\"create\":{\"_index\":\"s\"}}\n{\"n\":2}\n");
        }
    }

    @Test
    void persistentBackPressureEndsInRejectedNeverInSilence() throws IOException {
        String queueFull = "{\"took\":1,\"errors\":true,\"items\":[{\"create\":{\"_index\":\".ds-s-000001\",\"status\":429,"
                + "\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}}]}";
        try (StubOpenSearchNode stub = StubOpenSearchNode.http()
                .thenBulk(200, queueFull).thenBulk(200, queueFull).thenBulk(200, queueFull).thenBulk(200, queueFull);
             OpenSearchSink sink = new OpenSearchSink(options(stub.url()))) {

            DeliveryResult result = sink.deliver(List.of(event("{\"n\":1}")));

            assertThat(result.delivered()).isZero();
            assertThat(result.rejected()).containsExactly("s: es_rejected_execution_exception: queue full");
            assertThat(stub.bulkRequests()).hasSize(4);
        }
    }

    @Test
    void bulkBodiesAreNdjsonWithAFilteredResponseAndTheCredentialsHeader() throws IOException {
        OpenSearchCredentials credentials = OpenSearchCredentials.from(java.util.Map.of(
                "OTSOC_OPENSEARCH_USER", "soc", "OTSOC_OPENSEARCH_PASSWORD", "hunter2"));
        try (StubOpenSearchNode stub = StubOpenSearchNode.http().thenBulk(200, ONE_ITEM_OK);
             OpenSearchSink sink = new OpenSearchSink(options(stub.url()).withCredentials(credentials))) {

            sink.deliver(List.of(event("{\"n\":1}")));

            String basic = "Basic " + Base64.getEncoder().encodeToString("soc:hunter2".getBytes(StandardCharsets.UTF_8));
            assertThat(stub.received()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(basic));
            StubOpenSearchNode.Received bulk = stub.bulkRequests().get(0);
            assertThat(bulk.contentType()).startsWith("application/x-ndjson");
            assertThat(bulk.query()).contains("filter_path=");
        }
    }

    @Test
    void refusedCredentialsSayWhichVariablesToCheck() throws IOException {
        try (StubOpenSearchNode stub = StubOpenSearchNode.http().templatesAnswer(401,
                "{\"error\":{\"type\":\"security_exception\",\"reason\":\"missing authentication credentials\"},\"status\":401}")) {
            assertThatThrownBy(() -> new OpenSearchSink(options(stub.url())))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining(stub.url())
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("OTSOC_OPENSEARCH_USER");
        }
    }

    @Test
    void urlsWithCredentialsOrAnotherSchemeAreRefusedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> new OpenSearchSink(options("http://soc:hunter2@127.0.0.1:9200")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("http://127.0.0.1:9200")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> new OpenSearchSink(options("ftp://127.0.0.1:9200")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void httpsVerifiesTheCertificateUnlessItsCaIsTrustedExplicitly() throws Exception {
        Path keystore = dir.resolve("node.p12");
        Path ca = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", ca.toString());

        try (StubOpenSearchNode stub = StubOpenSearchNode.https(serverTls(keystore)).thenBulk(200, ONE_ITEM_OK)) {
            assertThatThrownBy(() -> new OpenSearchSink(options(stub.url())))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining(stub.url())
                    .hasMessageContaining("unreachable");

            try (OpenSearchSink sink = new OpenSearchSink(options(stub.url()).withTrustedCaFile(ca))) {
                assertThat(sink.deliver(List.of(event("{\"n\":1}"))).delivered()).isEqualTo(1);
            }
        }
    }

    @Test
    void anUnusableCaFileIsNamed() throws IOException {
        Path notACertificate = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        assertThatThrownBy(() -> new OpenSearchSink(options("https://127.0.0.1:9200").withTrustedCaFile(notACertificate)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(notACertificate.toString());
    }

    private static OpenSearchSinkOptions options(String url) {
        return new OpenSearchSinkOptions(url, null, OpenSearchCredentials.none(), OpenSearchSinkOptions.DEFAULT_MAX_BULK_BYTES,
                OpenSearchSinkOptions.DEFAULT_REQUEST_TIMEOUT);
    }

    private static EcsDocument event(String json) {
        return new EcsDocument("s", null, json.getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext serverTls(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
