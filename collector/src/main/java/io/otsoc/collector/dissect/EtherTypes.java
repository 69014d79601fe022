package io.otsoc.collector.dissect;

/** EtherType values the dissector acts on or names in its counts (IEEE registry values). */
public final class EtherTypes {

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86dd;
    public static final int QINQ = 0x88a8;
    public static final int QINQ_LEGACY = 0x9100;
    public static final int LLDP = 0x88cc;
    public static final int PROFINET = 0x8892;
    public static final int GOOSE = 0x88b8;

    /** Pseudo EtherType under which 802.2 LLC frames without SNAP (e.g. spanning tree) are counted. */
    public static final int LLC = 0x10000;

    private EtherTypes() {
    }

    /** True for the tag types that carry an 802.1Q/802.1ad VLAN tag. */
    public static boolean isVlanTag(int etherType) {
        return etherType == VLAN || etherType == QINQ || etherType == QINQ_LEGACY;
    }

    /** A short name for counts, e.g. {@code 0x88cc lldp}; unknown values keep only the hex form. */
    public static String label(int etherType) {
        if (etherType == LLC) {
            return "llc";
        }
        String name = switch (etherType) {
            case IPV4 -> "ipv4";
            case ARP -> "arp";
            case 0x0842 -> "wake_on_lan";
            case 0x22f0 -> "avtp";
            case 0x8035 -> "rarp";
            case 0x809b -> "appletalk";
            case VLAN -> "vlan";
            case 0x8137 -> "ipx";
            case 0x8808 -> "ethernet_flow_control";
            case 0x8809 -> "slow_protocols";
            case 0x8847 -> "mpls";
            case 0x8848 -> "mpls_multicast";
            case 0x8863 -> "pppoe_discovery";
            case 0x8864 -> "pppoe_session";
            case 0x887b -> "homeplug";
            case 0x888e -> "eapol";
            case PROFINET -> "profinet";
            case 0x889a -> "hyperscsi";
            case 0x88a2 -> "ata_over_ethernet";
            case 0x88a4 -> "ethercat";
            case QINQ -> "qinq";
            case 0x88ab -> "ethernet_powerlink";
            case GOOSE -> "goose";
            case 0x88b9 -> "gse_management";
            case 0x88ba -> "sampled_values";
            case LLDP -> "lldp";
            case 0x88cd -> "sercos_iii";
            case 0x88e1 -> "homeplug_av";
            case 0x88e3 -> "mrp";
            case 0x88e5 -> "macsec";
            case 0x88e7 -> "pbb";
            case 0x88f7 -> "ptp";
            case 0x88fb -> "prp";
            case 0x8902 -> "cfm";
            case 0x8906 -> "fcoe";
            case 0x8914 -> "fcoe_init";
            case 0x892f -> "hsr";
            case 0x9000 -> "loopback";
            case QINQ_LEGACY -> "qinq_legacy";
            default -> null;
        };
        String hex = String.format("0x%04x", etherType);
        return name == null ? hex : hex + " " + name;
    }
}
