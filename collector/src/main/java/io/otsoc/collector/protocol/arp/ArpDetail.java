package io.otsoc.collector.protocol.arp;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

/**
 * One ARP message, or a change of an IP address's binding ({@code previousMac} set). Addresses are text
 * (lower-case MAC, dotted IPv4); null when not carried. {@code hardwareType}, {@code protocolType}, the lengths and
 * {@code opcode} are -1 when the header was cut short.
 *
 * @param gratuitous   sender and target protocol addresses are equal, or a reply nobody asked for
 * @param probe        RFC 5227 probe: a request with sender address 0.0.0.0
 * @param announcement RFC 5227 announcement: a request whose sender and target addresses are equal
 * @param previousMac  for a binding change, the MAC the address was bound to before
 */
public record ArpDetail(int hardwareType, int protocolType, int hardwareLength, int protocolLength, int opcode,
                        String senderMac, String senderIp, String targetMac, String targetIp, boolean gratuitous,
                        boolean probe, boolean announcement, String previousMac) implements ProtocolDetail {

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "hardware_type", hardwareType);
        number(out, "protocol_type", protocolType);
        number(out, "hardware_length", hardwareLength);
        number(out, "protocol_length", protocolLength);
        number(out, "opcode", opcode);
        text(out, "sender_mac", senderMac);
        text(out, "sender_ip", senderIp);
        text(out, "target_mac", targetMac);
        text(out, "target_ip", targetIp);
        if (gratuitous) {
            out.flag("gratuitous", true);
        }
        if (probe) {
            out.flag("probe", true);
        }
        if (announcement) {
            out.flag("announcement", true);
        }
        text(out, "previous_mac", previousMac);
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
