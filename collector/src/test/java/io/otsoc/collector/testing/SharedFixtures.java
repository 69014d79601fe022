package io.otsoc.collector.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared captures and specs that lie beside the repository ({@code ../shared}). When they are absent
 * a test is skipped with a message, except under CI ({@code CI=true}) where their absence fails it.
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** The shared folder, or a skipped (locally) / failed (CI) test when it is missing. */
    public static Path root() {
        Path root = locate();
        if (!Files.isDirectory(root)) {
            String message = "shared fixtures not found at " + root.toAbsolutePath().normalize()
                    + " (expected ../shared beside the repository)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return root;
    }

    /** A path under the shared folder's {@code pcaps/}. */
    public static Path pcap(String relative) {
        return root().resolve("pcaps").resolve(relative);
    }

    /** A path under the shared folder's {@code specs/}. */
    public static Path spec(String relative) {
        return root().resolve("specs").resolve(relative);
    }

    private static Path locate() {
        String configured = System.getProperty("otsoc.shared");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // Walk up from the module directory to the repository root, then step beside it.
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(".git")) || Files.exists(dir.resolve("otsoc"))) {
                return dir.resolveSibling("shared");
            }
            dir = dir.getParent();
        }
        return Path.of("..", "shared");
    }
}
