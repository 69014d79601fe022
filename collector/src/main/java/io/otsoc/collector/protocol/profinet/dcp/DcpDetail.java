package io.otsoc.collector.protocol.profinet.dcp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * What one PROFINET DCP message (or one summary of a real-time stream) carried. {@link #ABSENT} (-1) marks a number
 * not carried, null a text or list not carried.
 *
 * @param frameId       the PROFINET real-time FrameID (0xFEFC hello, 0xFEFD get/set, 0xFEFE identify multicast
 *                      request, 0xFEFF identify response; others for stream summaries)
 * @param serviceType   0 request, 1 response success, 5 response "request not supported"
 * @param blocks        option/suboption of each block in order, e.g. {@code device/name_of_station}
 * @param nameOfStation the NameOfStation a response or Set carries, or the name an Identify request filters on
 * @param blockQualifier the BlockQualifier of a Set request's main block (bit 0: save permanently)
 * @param ipBlockInfo   the BlockInfo of an IP parameter block (0 not set, 1 set, 2 set by DHCP, +0x80 conflict)
 * @param blockError    the first non-zero BlockError of a Set/Get response's Control/Response blocks
 * @param packetCount   frames of a real-time stream summary
 */
public record DcpDetail(
        int frameId,
        int serviceId,
        int serviceType,
        long xid,
        int responseDelay,
        int dataLength,
        List<String> blocks,
        String nameOfStation,
        String ip,
        String subnetMask,
        String gateway,
        int ipBlockInfo,
        int vendorId,
        int deviceId,
        String typeOfStation,
        int deviceRoleCode,
        String deviceRole,
        String aliasName,
        String dhcpHostName,
        List<String> controls,
        int blockQualifier,
        int blockError,
        int errorOption,
        int errorSuboption,
        long packetCount) implements ProtocolDetail {

    public static final int ABSENT = -1;

    /** Who the device says it is: the sender of an Identify response, a Get response or a Hello. */
    @Override
    public AssetFacts assetFacts() {
        boolean identifies = serviceType == 1 && (serviceId == DcpService.IDENTIFY || serviceId == DcpService.GET)
                || serviceId == DcpService.HELLO && serviceType == 0;
        if (!identifies || nameOfStation == null && vendorId == ABSENT && typeOfStation == null && deviceRole == null) {
            return null;
        }
        return new AssetFacts(AssetFacts.Side.CLIENT, vendorId == ABSENT ? null : DcpVendors.name(vendorId),
                typeOfStation, null, null, nameOfStation,
                deviceRole == null ? null : deviceRole.replace("io_", "PROFINET IO ").replace(",", ", "));
    }

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "frame_id", frameId);
        number(out, "service_id", serviceId);
        number(out, "service_type", serviceType);
        number(out, "xid", xid);
        number(out, "response_delay", responseDelay);
        number(out, "data_length", dataLength);
        if (blocks != null && !blocks.isEmpty()) {
            out.texts("blocks", blocks);
        }
        text(out, "name_of_station", nameOfStation);
        text(out, "ip", ip);
        text(out, "subnet_mask", subnetMask);
        text(out, "gateway", gateway);
        number(out, "ip_block_info", ipBlockInfo);
        number(out, "vendor_id", vendorId);
        number(out, "device_id", deviceId);
        text(out, "type_of_station", typeOfStation);
        number(out, "device_role_code", deviceRoleCode);
        text(out, "device_role", deviceRole);
        text(out, "alias_name", aliasName);
        text(out, "dhcp_host_name", dhcpHostName);
        if (controls != null && !controls.isEmpty()) {
            out.texts("controls", controls);
        }
        number(out, "block_qualifier", blockQualifier);
        number(out, "block_error", blockError);
        number(out, "error_option", errorOption);
        number(out, "error_suboption", errorSuboption);
        number(out, "packet_count", packetCount);
    }

    private static void number(DetailWriter out, String field, long value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }

    private static void text(DetailWriter out, String field, String value) {
        if (value != null) {
            out.text(field, value);
        }
    }
}
