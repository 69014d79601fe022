package io.otsoc.routes.bench;

import java.nio.file.Path;

/** One way through the pipeline over the corpus, run several times by the bench. */
interface MeasuredPath {

    /** The row's name in the table, e.g. {@code (b) collector: decode}. */
    String label();

    /**
     * Whether all the work happens on the calling thread, so that its allocation can be measured; the analyze
     * path hands records to Camel's threads.
     */
    boolean onCallingThread();

    PathRun run(Path corpus);
}
