package io.otsoc.collector.model;

import java.util.List;

/**
 * A device seen on the wire, identified by its MAC address (or by its IP when the link layer is not visible).
 * Identity fields (vendor, model, firmware...) are what the device's own traffic said, the latest value winning.
 *
 * @param id              stable key: the MAC address, or {@code ip:<address>} when no MAC is known
 * @param mac             lower-case colon-separated MAC, or null
 * @param ips             IP addresses seen for it, oldest first
 * @param roles           roles with evidence, e.g. Modbus client / server
 * @param vendor          vendor from the OUI registry or protocol identity, or null
 * @param model           product name or order number the device states, or null
 * @param firmware        firmware or software revision the device states, or null
 * @param serial          serial number the device states, or null
 * @param name            the name the device gives itself (LLDP system name, NameOfStation, DHCP host name), or null
 * @param deviceType      what the device says it is, e.g. "Programmable Logic Controller", or null
 * @param firstSeenMicros first time seen, microseconds since the epoch
 * @param lastSeenMicros  last time seen
 */
public record Asset(
        String id,
        String mac,
        List<String> ips,
        List<AssetRole> roles,
        String vendor,
        String model,
        String firmware,
        String serial,
        String name,
        String deviceType,
        long firstSeenMicros,
        long lastSeenMicros) implements DomainRecord {

    /** An asset of which nothing but the vendor (or nothing) is known beyond its addresses and roles. */
    public Asset(String id, String mac, List<String> ips, List<AssetRole> roles, String vendor, long firstSeenMicros,
                 long lastSeenMicros) {
        this(id, mac, ips, roles, vendor, null, null, null, null, null, firstSeenMicros, lastSeenMicros);
    }

    public Asset {
        ips = List.copyOf(ips);
        roles = List.copyOf(roles);
    }

    @Override
    public long timestampMicros() {
        return lastSeenMicros;
    }
}
