package io.otsoc.collector.model;

/**
 * The protocol-specific part of an event (function code, unit id, addresses, values...). Each protocol package
 * defines its own immutable record; mappings nest the fields under {@code otsoc.<protocol>.}.
 */
public interface ProtocolDetail {

    /** Writes every field that is set, in a stable order. */
    void writeFields(DetailWriter out);

    /** What this message says about a device's identity (vendor, model, firmware...), or null: most say nothing. */
    default AssetFacts assetFacts() {
        return null;
    }
}
