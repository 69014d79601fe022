package io.otsoc.routes.pipeline;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that exercise the real capture reader, collector or ECS mapper skip themselves (with the reason) while one
 * of those is still the placeholder that throws {@link UnsupportedOperationException}, and run once it is built.
 */
final class BuiltParts {

    private BuiltParts() {
    }

    static void assumeBuilt(String part, Runnable probe) {
        try {
            probe.run();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort(part + " is not built yet: " + e.getMessage());
        }
    }
}
