package io.otsoc.routes.cli;

import io.otsoc.routes.pipeline.AnalyzeJob;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What Ctrl-C does during {@code otsoc analyze}: cancels the run (nothing is committed), ends the wait that keeps
 * the embedded node up, and gives the command's own clean-up (closing the node, removing partial output) time to
 * finish before the process exits.
 */
final class Interruption {

    private static final long CLEAN_UP_SECONDS = 30;

    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(AnalyzeJob job) {
        hook = new Thread(() -> {
            interrupted.countDown();
            job.cancel();
            try {
                cleanedUp.await(CLEAN_UP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "otsoc-interrupt");
    }

    /** Ctrl-C handling for a real process; {@code null} when the environment does not own signals. */
    static Interruption install(AnalyzeJob job, CliEnvironment environment) {
        if (!environment.ownsSignals()) {
            return null;
        }
        Interruption interruption = new Interruption(job);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Blocks until Ctrl-C. */
    void await() throws InterruptedException {
        interrupted.await();
    }

    /** The command has cleaned up; the process may exit. */
    void cleanedUp() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running: it sees cleanedUp and returns
        }
    }
}
