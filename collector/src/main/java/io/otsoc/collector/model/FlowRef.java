package io.otsoc.collector.model;

/**
 * The conversation an event belongs to, oriented client to server (the client is the side that opened the
 * connection or, when the start was not seen, the side not using the protocol's well-known port).
 * Built once per flow and shared by all of its events.
 *
 * @param communityId Community ID v1 of the flow (base64, seed 0), e.g. {@code 1:LQU9qZlK+B5F3KDmev6m5PMibrg=}
 * @param communityId null for link-layer messages (they have no IP 5-tuple)
 * @param transport   {@code tcp} or {@code udp}, or null for link-layer messages
 * @param clientMac   lower-case colon-separated MAC of the client as seen on the wire, or null (e.g. Linux cooked capture)
 * @param serverMac   same for the server
 * @param clientIp    textual IPv4 or IPv6 address; null when unknown (link-layer messages)
 * @param vlanId      outermost 802.1Q VLAN id, or -1 when untagged
 */
public record FlowRef(
        String communityId,
        String transport,
        String clientMac,
        String serverMac,
        String clientIp,
        int clientPort,
        String serverIp,
        int serverPort,
        int vlanId) {

    /**
     * A link-layer message (ARP, LLDP, PROFINET DCP, GOOSE...): the sender is the "client", the destination (often
     * a multicast group) the "server"; IP addresses only where the protocol carries them (ARP), ports -1 (none).
     */
    public static FlowRef link(String srcMac, String dstMac, String srcIp, String dstIp, int vlanId) {
        return new FlowRef(null, null, srcMac, dstMac, srcIp, -1, dstIp, -1, vlanId);
    }
}
