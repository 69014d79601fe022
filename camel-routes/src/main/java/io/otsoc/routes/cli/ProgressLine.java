package io.otsoc.routes.cli;

import io.otsoc.routes.pipeline.Progress;
import io.otsoc.routes.pipeline.RunListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stderr for runs longer than a couple of seconds. On a terminal one line is rewritten about once a
 * second; when asked for progress without a terminal, a plain line every few seconds; otherwise silence. Retry
 * notices are always printed, on a line of their own.
 */
final class ProgressLine implements RunListener {

    enum Mode { LIVE, PERIODIC, QUIET }

    private static final long QUIET_START_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long PERIODIC_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintStream err;
    private final Mode mode;
    private final String prefix;
    private int liveWidth;
    private long lastPrintedNanos = -1;
    private long lastFrames;
    private long lastNanos;

    ProgressLine(PrintStream err, Mode mode, String prefix) {
        this.err = err;
        this.mode = mode;
        this.prefix = prefix;
    }

    @Override
    public synchronized void progress(Progress progress) {
        long now = progress.elapsed().toNanos();
        long rate = rate(progress.frames(), now);
        if (mode == Mode.QUIET || now < QUIET_START_NANOS) {
            return;
        }
        String text = String.format(Locale.ROOT, "%s%,d frames  %,d frames/s  %,d events  %s",
                prefix, progress.frames(), rate, progress.records(), SummaryTable.seconds(progress.elapsed()));
        if (mode == Mode.LIVE) {
            String padding = " ".repeat(Math.max(0, liveWidth - text.length()));
            err.print("\r" + text + padding);
            err.flush();
            liveWidth = text.length();
        } else if (lastPrintedNanos < 0 || now - lastPrintedNanos >= PERIODIC_NANOS) {
            err.println(text);
            lastPrintedNanos = now;
        }
    }

    @Override
    public synchronized void retrying(String problem, int redelivery, int of, Duration delay) {
        clearLive();
        err.println(prefix + problem + "; retry " + redelivery + " of " + of + " after "
                + SummaryTable.seconds(delay));
    }

    /** Clears the live line so the next output starts on a clean line. */
    synchronized void finish() {
        clearLive();
    }

    private long rate(long frames, long nanos) {
        long spanNanos = nanos - lastNanos;
        long rate = spanNanos <= 0 ? 0 : (long) ((frames - lastFrames) * 1e9 / spanNanos);
        lastFrames = frames;
        lastNanos = nanos;
        return rate;
    }

    private void clearLive() {
        if (liveWidth > 0) {
            err.print("\r" + " ".repeat(liveWidth) + "\r");
            err.flush();
            liveWidth = 0;
        }
    }
}
