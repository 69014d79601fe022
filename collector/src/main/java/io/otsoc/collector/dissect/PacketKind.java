package io.otsoc.collector.dissect;

/** Where a frame ended up after dissection; every frame gets exactly one kind. */
public enum PacketKind {
    /** A TCP segment (possibly from a reassembled IP datagram). */
    TCP,
    /** A UDP datagram (possibly from a reassembled IP datagram). */
    UDP,
    /** An IP packet of another transport (ICMP, SCTP, ...), or an IP packet without a transport. */
    OTHER_IP,
    /** A frame whose EtherType is not IP (ARP, LLDP, PROFINET, GOOSE...). */
    NON_IP,
    /** An IP fragment held until its datagram is complete. */
    FRAGMENT,
    /** A frame that could not be dissected; its {@link SkipReason} is counted. */
    SKIPPED
}
