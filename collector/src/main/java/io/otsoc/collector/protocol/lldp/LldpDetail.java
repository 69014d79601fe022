package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * One LLDPDU: the mandatory chassis id, port id and TTL, and the optional basic TLVs (IEEE 802.1AB-2016 clause
 * 8.5). Identifiers are text: a MAC for the MAC-address subtypes, an address for the network-address subtypes, else
 * the value as text. Numbers are -1 and texts null when absent.
 *
 * @param systemCapabilities  names of the capabilities the system has, e.g. {@code bridge}, {@code router}
 * @param enabledCapabilities names of those enabled
 * @param managementAddresses IPv4/IPv6 (or MAC) management addresses, as text
 * @param orgSpecificTlvs     number of organizationally specific TLVs (type 127), not decoded further
 */
public record LldpDetail(int chassisIdSubtype, String chassisId, int portIdSubtype, String portId, int ttl,
                         String portDescription, String systemName, String systemDescription,
                         List<String> systemCapabilities, List<String> enabledCapabilities,
                         List<String> managementAddresses, int orgSpecificTlvs, int tlvCount)
        implements ProtocolDetail {

    public LldpDetail {
        systemCapabilities = systemCapabilities == null ? null : List.copyOf(systemCapabilities);
        enabledCapabilities = enabledCapabilities == null ? null : List.copyOf(enabledCapabilities);
        managementAddresses = managementAddresses == null ? null : List.copyOf(managementAddresses);
    }

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "chassis_id_subtype", chassisIdSubtype);
        text(out, "chassis_id", chassisId);
        number(out, "port_id_subtype", portIdSubtype);
        text(out, "port_id", portId);
        number(out, "ttl", ttl);
        text(out, "port_description", portDescription);
        text(out, "system_name", systemName);
        text(out, "system_description", systemDescription);
        texts(out, "system_capabilities", systemCapabilities);
        texts(out, "enabled_capabilities", enabledCapabilities);
        texts(out, "management_addresses", managementAddresses);
        number(out, "org_specific_tlvs", orgSpecificTlvs);
        number(out, "tlv_count", tlvCount);
    }

    /**
     * The sender (the flow's client) names itself: the system name, the system description as its model (it is
     * where devices state product, order number and versions), and its enabled capabilities as what it is.
     */
    @Override
    public AssetFacts assetFacts() {
        if (systemName == null && systemDescription == null) {
            return null;
        }
        String type = enabledCapabilities == null || enabledCapabilities.isEmpty() ? null
                : String.join(",", enabledCapabilities);
        return new AssetFacts(AssetFacts.Side.CLIENT, null, systemDescription, null, null, systemName, type);
    }

    private static void number(DetailWriter out, String field, int value) {
        if (value >= 0) {
            out.number(field, value);
        }
    }

    private static void text(DetailWriter out, String field, String value) {
        if (value != null) {
            out.text(field, value);
        }
    }

    private static void texts(DetailWriter out, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            out.texts(field, values);
        }
    }
}
