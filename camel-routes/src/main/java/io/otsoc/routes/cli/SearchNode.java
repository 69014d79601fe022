package io.otsoc.routes.cli;

/** An OpenSearch node the command started and stops: the embedded one. */
public interface SearchNode extends AutoCloseable {

    /** The node's HTTP base URL. */
    String url();

    @Override
    void close();
}
