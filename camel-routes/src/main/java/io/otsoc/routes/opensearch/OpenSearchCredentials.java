package io.otsoc.routes.opensearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How the sink authenticates, read from the environment so that secrets stay off the command line, out of
 * the configuration file and out of the logs: {@code OTSOC_OPENSEARCH_USER} + {@code OTSOC_OPENSEARCH_PASSWORD}
 * (HTTP basic) or {@code OTSOC_OPENSEARCH_API_KEY}, each also as {@code <NAME>_FILE} naming a file that holds
 * the value (as container secrets are mounted). {@link #toString()} names the kind, never the secret.
 */
public final class OpenSearchCredentials {

    public static final String USER = "OTSOC_OPENSEARCH_USER";
    public static final String PASSWORD = "OTSOC_OPENSEARCH_PASSWORD";
    public static final String API_KEY = "OTSOC_OPENSEARCH_API_KEY";
    private static final String FILE_SUFFIX = "_FILE";

    private static final OpenSearchCredentials NONE = new OpenSearchCredentials("no credentials", null);

    private final String kind;
    private final String authorization;

    private OpenSearchCredentials(String kind, String authorization) {
        this.kind = kind;
        this.authorization = authorization;
    }

    public static OpenSearchCredentials none() {
        return NONE;
    }

    public static OpenSearchCredentials basic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new OpenSearchCredentials("basic auth as " + user, "Basic " + token);
    }

    public static OpenSearchCredentials apiKey(String key) {
        return new OpenSearchCredentials("API key", "ApiKey " + key);
    }

    /** Reads the process environment. */
    public static OpenSearchCredentials fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Reads the given variables.
     *
     * @throws IllegalArgumentException naming the variable (never its value) when they are incomplete,
     *                                  contradictory or point to an unreadable file
     */
    public static OpenSearchCredentials from(Map<String, String> env) {
        Optional<String> user = value(env, USER);
        Optional<String> password = value(env, PASSWORD);
        Optional<String> apiKey = value(env, API_KEY);
        if (apiKey.isPresent()) {
            if (user.isPresent() || password.isPresent()) {
                throw new IllegalArgumentException("set either " + API_KEY + " or " + USER + "/" + PASSWORD + ", not both");
            }
            return apiKey(apiKey.get());
        }
        if (user.isPresent() != password.isPresent()) {
            String missing = user.isPresent() ? PASSWORD : USER;
            throw new IllegalArgumentException(missing + " (or " + missing + FILE_SUFFIX + ") is not set while "
                    + (user.isPresent() ? USER : PASSWORD) + " is");
        }
        return user.map(u -> basic(u, password.get())).orElse(NONE);
    }

    /** The Authorization header value, if any. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    @Override
    public String toString() {
        return kind;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String direct = blankToNull(env.get(name));
        String file = blankToNull(env.get(name + FILE_SUFFIX));
        if (direct != null && file != null) {
            throw new IllegalArgumentException("set either " + name + " or " + name + FILE_SUFFIX + ", not both");
        }
        if (file == null) {
            return Optional.ofNullable(direct);
        }
        try {
            String content = stripLineEnd(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            if (content.isEmpty()) {
                throw new IllegalArgumentException(name + FILE_SUFFIX + " names an empty file: " + file);
            }
            return Optional.of(content);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + FILE_SUFFIX + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Secret files usually end with a newline that is not part of the secret. */
    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
