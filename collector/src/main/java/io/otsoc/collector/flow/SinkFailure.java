package io.otsoc.collector.flow;

/**
 * Carries an exception thrown by the record sink through a decoder's call stack, so that it is not mistaken for
 * a decoder error; the pipeline rethrows its cause to the caller.
 */
public final class SinkFailure extends RuntimeException {

    public SinkFailure(RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
