package io.otsoc.collector.dissect;

/** Why a frame was not dissected to its end. Counted per reason; the label is stable for statistics. */
public enum SkipReason {
    UNSUPPORTED_LINK_TYPE("unsupported_link_type"),
    LINK_HEADER_TRUNCATED("link_header_truncated"),
    NULL_UNKNOWN_FAMILY("null_unknown_address_family"),
    VLAN_TRUNCATED("vlan_tag_truncated"),
    VLAN_TOO_DEEP("vlan_too_many_tags"),
    LLC_TRUNCATED("llc_header_truncated"),
    IPV4_TRUNCATED("ipv4_header_truncated"),
    IPV4_BAD_VERSION("ipv4_bad_version"),
    IPV4_BAD_HEADER_LENGTH("ipv4_bad_header_length"),
    IPV4_BAD_TOTAL_LENGTH("ipv4_bad_total_length"),
    IPV6_TRUNCATED("ipv6_header_truncated"),
    IPV6_BAD_VERSION("ipv6_bad_version"),
    IPV6_BAD_PAYLOAD_LENGTH("ipv6_bad_payload_length"),
    IPV6_EXTENSION_TRUNCATED("ipv6_extension_header_truncated"),
    IPV6_TOO_MANY_EXTENSIONS("ipv6_too_many_extension_headers"),
    FRAGMENT_TRUNCATED("ip_fragment_truncated"),
    FRAGMENT_BAD_LENGTH("ip_fragment_bad_length"),
    FRAGMENT_TOO_LARGE("ip_fragment_too_large"),
    TCP_TRUNCATED("tcp_header_truncated"),
    TCP_BAD_DATA_OFFSET("tcp_bad_data_offset"),
    UDP_TRUNCATED("udp_header_truncated"),
    UDP_BAD_LENGTH("udp_bad_length");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** Lower-case snake_case name used in statistics. */
    public String label() {
        return label;
    }
}
