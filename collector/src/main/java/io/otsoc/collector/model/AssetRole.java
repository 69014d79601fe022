package io.otsoc.collector.model;

/**
 * A role an asset plays, with the evidence that shows it, e.g. {@code modbus_server} because it answered
 * Modbus requests on port 502.
 */
public record AssetRole(String name, String evidence) {
}
