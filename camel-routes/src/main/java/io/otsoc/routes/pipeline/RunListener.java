package io.otsoc.routes.pipeline;

import java.time.Duration;

/** Hears how a run goes, for a progress line; called from the job's own threads. */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** About once a second while the run goes. */
    default void progress(Progress progress) {
    }

    /**
     * A sink refused a whole batch and it will be offered again.
     *
     * @param problem    the one-line reason, naming the sink
     * @param redelivery which redelivery comes next (1-based)
     * @param of         redeliveries allowed in all
     * @param delay      the wait before it
     */
    default void retrying(String problem, int redelivery, int of, Duration delay) {
    }
}
