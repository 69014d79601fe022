package io.otsoc.collector.model;

import java.util.List;

/**
 * A device seen on the wire, identified by its MAC address (or by its IP when the link layer is not visible).
 * Minimal for now: addresses, roles and when it was seen.
 *
 * @param id              stable key: the MAC address, or {@code ip:<address>} when no MAC is known
 * @param mac             lower-case colon-separated MAC, or null
 * @param ips             IP addresses seen for it, oldest first
 * @param roles           roles with evidence, e.g. Modbus client / server
 * @param vendor          vendor from the OUI registry or protocol identity, or null
 * @param firstSeenMicros first time seen, microseconds since the epoch
 * @param lastSeenMicros  last time seen
 */
public record Asset(
        String id,
        String mac,
        List<String> ips,
        List<AssetRole> roles,
        String vendor,
        long firstSeenMicros,
        long lastSeenMicros) implements DomainRecord {

    public Asset {
        ips = List.copyOf(ips);
        roles = List.copyOf(roles);
    }

    @Override
    public long timestampMicros() {
        return lastSeenMicros;
    }
}
