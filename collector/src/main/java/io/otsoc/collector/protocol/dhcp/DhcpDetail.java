package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.Arrays;
import java.util.List;

/**
 * One DHCP (or plain BOOTP) message: the BOOTP header and the options that say who the client is, what it asks
 * for and what it is given. Immutable; numbers are -1 and values null when absent. Addresses are dotted IPv4,
 * {@code clientMac} the chaddr (a MAC for Ethernet, hex otherwise), {@code clientId} option 61 without its type
 * byte, in hex.
 */
public final class DhcpDetail implements ProtocolDetail {

    private final int op;
    private final int hardwareType;
    private final int hops;
    private final long transactionId;
    private final int secs;
    private final int flags;
    private final String clientIp;
    private final String assignedIp;
    private final String nextServerIp;
    private final String relayIp;
    private final String clientMac;
    private final String serverHostName;
    private final String bootFile;
    private final int messageType;
    private final String hostName;
    private final String vendorClass;
    private final int clientIdType;
    private final String clientId;
    private final String requestedIp;
    private final String serverId;
    private final long leaseTime;
    private final long renewalTime;
    private final long rebindingTime;
    private final String subnetMask;
    private final List<String> routers;
    private final List<String> dnsServers;
    private final List<String> timeServers;
    private final List<String> nameServers;
    private final List<String> ntpServers;
    private final Long timeOffset;
    private final String domainName;
    private final String message;
    private final int[] parameters;
    private final String clientFqdn;
    private final String circuitId;
    private final String remoteId;
    private final String subscriberId;
    private final int overload;
    private final int optionCount;

    DhcpDetail(DhcpMessage m) {
        DhcpOptions o = m.options;
        op = m.op;
        hardwareType = m.htype;
        hops = m.hops;
        transactionId = m.xid;
        secs = m.secs;
        flags = m.flags;
        clientIp = m.ciaddr;
        assignedIp = m.yiaddr;
        nextServerIp = m.siaddr;
        relayIp = m.giaddr;
        clientMac = m.chaddr;
        serverHostName = m.serverHostName;
        bootFile = m.bootFile;
        messageType = o.messageType;
        hostName = o.hostName;
        vendorClass = o.vendorClass;
        clientIdType = o.clientIdType;
        clientId = o.clientId;
        requestedIp = o.requestedIp;
        serverId = o.serverId;
        leaseTime = o.leaseTime;
        renewalTime = o.renewalTime;
        rebindingTime = o.rebindingTime;
        subnetMask = o.subnetMask;
        routers = copy(o.routers);
        dnsServers = copy(o.dnsServers);
        timeServers = copy(o.timeServers);
        nameServers = copy(o.nameServers);
        ntpServers = copy(o.ntpServers);
        timeOffset = o.timeOffset;
        domainName = o.domainName;
        message = o.message;
        parameters = o.parameters == null ? null : o.parameters.clone();
        clientFqdn = o.clientFqdn;
        circuitId = o.circuitId;
        remoteId = o.remoteId;
        subscriberId = o.subscriberId;
        overload = o.overload;
        optionCount = m.cookie ? o.count : -1;
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "op", op);
        number(out, "hardware_type", hardwareType);
        number(out, "hops", hops);
        number(out, "transaction_id", transactionId);
        number(out, "secs", secs);
        if (flags >= 0) {
            out.flag("broadcast", (flags & 0x8000) != 0);
        }
        text(out, "client_ip", clientIp);
        text(out, "assigned_ip", assignedIp);
        text(out, "next_server_ip", nextServerIp);
        text(out, "relay_ip", relayIp);
        text(out, "client_mac", clientMac);
        text(out, "server_host_name", serverHostName);
        text(out, "boot_file", bootFile);
        number(out, "message_type", messageType);
        text(out, "host_name", hostName);
        text(out, "vendor_class", vendorClass);
        number(out, "client_id_type", clientIdType);
        text(out, "client_id", clientId);
        text(out, "requested_ip", requestedIp);
        text(out, "server_id", serverId);
        number(out, "lease_time", leaseTime);
        number(out, "renewal_time", renewalTime);
        number(out, "rebinding_time", rebindingTime);
        text(out, "subnet_mask", subnetMask);
        texts(out, "routers", routers);
        texts(out, "dns_servers", dnsServers);
        texts(out, "time_servers", timeServers);
        texts(out, "name_servers", nameServers);
        texts(out, "ntp_servers", ntpServers);
        if (timeOffset != null) {
            out.number("time_offset", timeOffset);
        }
        text(out, "domain_name", domainName);
        text(out, "message", message);
        if (parameters != null && parameters.length > 0) {
            out.numbers("parameter_request_list", parameters, parameters.length);
        }
        text(out, "client_fqdn", clientFqdn);
        text(out, "circuit_id", circuitId);
        text(out, "remote_id", remoteId);
        text(out, "subscriber_id", subscriberId);
        number(out, "overload", overload);
        number(out, "option_count", optionCount);
    }

    /**
     * A client's own message (BOOTREQUEST sent by the client itself, not relayed) names the client, the flow's
     * client side: its host name, and its vendor class identifier (option 60, e.g. {@code MSFT 5.0},
     * {@code PXEClient}) as what kind of device it is.
     */
    @Override
    public AssetFacts assetFacts() {
        if (op != 1 || !"0.0.0.0".equals(relayIp) || hostName == null && vendorClass == null) {
            return null;
        }
        return new AssetFacts(AssetFacts.Side.CLIENT, null, null, null, null, hostName, vendorClass);
    }

    private static void number(DetailWriter out, String field, long value) {
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

    public int op() { return op; }
    public int hardwareType() { return hardwareType; }
    public int hops() { return hops; }
    public long transactionId() { return transactionId; }
    public int secs() { return secs; }
    public int flags() { return flags; }
    public String clientIp() { return clientIp; }
    public String assignedIp() { return assignedIp; }
    public String nextServerIp() { return nextServerIp; }
    public String relayIp() { return relayIp; }
    public String clientMac() { return clientMac; }
    public String serverHostName() { return serverHostName; }
    public String bootFile() { return bootFile; }
    public int messageType() { return messageType; }
    public String hostName() { return hostName; }
    public String vendorClass() { return vendorClass; }
    public int clientIdType() { return clientIdType; }
    public String clientId() { return clientId; }
    public String requestedIp() { return requestedIp; }
    public String serverId() { return serverId; }
    public long leaseTime() { return leaseTime; }
    public long renewalTime() { return renewalTime; }
    public long rebindingTime() { return rebindingTime; }
    public String subnetMask() { return subnetMask; }
    public List<String> routers() { return routers; }
    public List<String> dnsServers() { return dnsServers; }
    public List<String> timeServers() { return timeServers; }
    public List<String> nameServers() { return nameServers; }
    public List<String> ntpServers() { return ntpServers; }
    public Long timeOffset() { return timeOffset; }
    public String domainName() { return domainName; }
    public String message() { return message; }
    public int[] parameters() { return parameters == null ? null : parameters.clone(); }
    public String clientFqdn() { return clientFqdn; }
    public String circuitId() { return circuitId; }
    public String remoteId() { return remoteId; }
    public String subscriberId() { return subscriberId; }
    public int overload() { return overload; }
    public int optionCount() { return optionCount; }

    @Override
    public String toString() {
        return "DhcpDetail{op=" + op + " xid=" + transactionId + " type=" + messageType + " ciaddr=" + clientIp
                + " yiaddr=" + assignedIp + " siaddr=" + nextServerIp + " giaddr=" + relayIp + " chaddr=" + clientMac
                + " host=" + hostName + " vendor=" + vendorClass + " client_id=" + clientId + " requested="
                + requestedIp + " server_id=" + serverId + " lease=" + leaseTime + " mask=" + subnetMask
                + " routers=" + routers + " dns=" + dnsServers + " domain=" + domainName + " message=" + message
                + " params=" + Arrays.toString(parameters) + " fqdn=" + clientFqdn + " overload=" + overload + "}";
    }
}
