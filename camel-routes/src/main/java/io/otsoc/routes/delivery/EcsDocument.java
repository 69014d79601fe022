package io.otsoc.routes.delivery;

/**
 * One ECS document serialised once, ready for any sink.
 *
 * @param index target data stream or index
 * @param id    document id, or null to let the store choose
 * @param json  the document as compact UTF-8 JSON, without a trailing newline
 */
public record EcsDocument(String index, String id, byte[] json) {
}
