package io.otsoc.collector.protocol.cdp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * One CDP advertisement. Numbers are -1 and texts null when absent.
 *
 * @param checksumValid whether the header checksum verified (RFC 1071 sum, or Cisco's variant for odd lengths);
 *                      null when the PDU was cut short before it could be checked
 * @param addresses     the device's addresses (TLV 0x0002) and management addresses (TLV 0x0016) as text
 * @param capabilities  names of the capability bits, e.g. {@code router}, {@code switch}, {@code host}
 */
public record CdpDetail(int version, int ttl, Boolean checksumValid, String deviceId, List<String> addresses,
                        String portId, List<String> capabilities, String softwareVersion, String platform,
                        String vtpDomain, int nativeVlan, int tlvCount) implements ProtocolDetail {

    public CdpDetail {
        addresses = addresses == null ? null : List.copyOf(addresses);
        capabilities = capabilities == null ? null : List.copyOf(capabilities);
    }

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "version", version);
        number(out, "ttl", ttl);
        if (checksumValid != null) {
            out.flag("checksum_valid", checksumValid);
        }
        text(out, "device_id", deviceId);
        if (addresses != null && !addresses.isEmpty()) {
            out.texts("addresses", addresses);
        }
        text(out, "port_id", portId);
        if (capabilities != null && !capabilities.isEmpty()) {
            out.texts("capabilities", capabilities);
        }
        text(out, "software_version", softwareVersion);
        text(out, "platform", platform);
        text(out, "vtp_domain", vtpDomain);
        number(out, "native_vlan", nativeVlan);
        number(out, "tlv_count", tlvCount);
    }

    /**
     * The sender names itself: device id as name, platform as model, the first line of the software version as
     * firmware (the rest is copyright text), capabilities as what it is; vendor Cisco is what CDP implies but not
     * what the message says (other vendors speak CDP too), so it is left to the OUI.
     */
    @Override
    public AssetFacts assetFacts() {
        if (deviceId == null && platform == null && softwareVersion == null) {
            return null;
        }
        String firmware = softwareVersion == null ? null : softwareVersion.lines().findFirst().orElse(null);
        String type = capabilities == null || capabilities.isEmpty() ? null : String.join(",", capabilities);
        return new AssetFacts(AssetFacts.Side.CLIENT, null, platform, firmware, null, deviceId, type);
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
}
