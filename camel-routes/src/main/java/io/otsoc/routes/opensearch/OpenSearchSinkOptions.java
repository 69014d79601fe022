package io.otsoc.routes.opensearch;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach OpenSearch.
 *
 * @param url             http or https base URL of a node or load balancer, without credentials
 * @param trustedCaFile   a PEM file of CA certificates to trust instead of the JVM's defaults, or null
 * @param credentials     how to authenticate ({@link OpenSearchCredentials#fromEnvironment()} by default)
 * @param maxBulkBytes    a batch whose body would pass this many bytes is split into several requests
 * @param requestTimeout  how long one request may wait for its response
 */
public record OpenSearchSinkOptions(String url, Path trustedCaFile, OpenSearchCredentials credentials,
                                    int maxBulkBytes, Duration requestTimeout) {

    public static final int DEFAULT_MAX_BULK_BYTES = 5 * 1024 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public OpenSearchSinkOptions {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no OpenSearch URL");
        }
        if (credentials == null) {
            credentials = OpenSearchCredentials.none();
        }
        if (maxBulkBytes < 1) {
            throw new IllegalArgumentException("maxBulkBytes must be positive: " + maxBulkBytes);
        }
    }

    /** The URL with credentials from the environment and default limits. */
    public static OpenSearchSinkOptions of(String url) {
        return new OpenSearchSinkOptions(url, null, OpenSearchCredentials.fromEnvironment(), DEFAULT_MAX_BULK_BYTES,
                DEFAULT_REQUEST_TIMEOUT);
    }

    public OpenSearchSinkOptions withTrustedCaFile(Path caFile) {
        return new OpenSearchSinkOptions(url, caFile, credentials, maxBulkBytes, requestTimeout);
    }

    public OpenSearchSinkOptions withCredentials(OpenSearchCredentials value) {
        return new OpenSearchSinkOptions(url, trustedCaFile, value, maxBulkBytes, requestTimeout);
    }

    public OpenSearchSinkOptions withMaxBulkBytes(int bytes) {
        return new OpenSearchSinkOptions(url, trustedCaFile, credentials, bytes, requestTimeout);
    }
}
