package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

/**
 * A summary of the class 0/1 I/O packets one side of a flow sent on one CIP connection (CIP Vol. 2, 3-2.2: a
 * sequenced address item with the connection id and encapsulation sequence number, then the connected data):
 * how many, how many data bytes, the first and last sequence numbers, how many sequence numbers were skipped, and
 * the data sizes seen. Written under {@code otsoc.cip.*}.
 *
 * @param sender which end of the flow sent the packets: {@code client} or {@code server}
 */
public record CipIoDetail(long connectionId, String sender, long packets, long bytes, long firstSequence,
                          long lastSequence, long missedSequences, int minDataLength, int maxDataLength)
        implements ProtocolDetail {

    @Override
    public void writeFields(DetailWriter out) {
        out.number("connection_id", connectionId);
        out.flag("connected", true);
        out.text("io_sender", sender);
        out.number("io_packets", packets);
        out.number("io_bytes", bytes);
        out.number("io_first_sequence", firstSequence);
        out.number("io_last_sequence", lastSequence);
        out.number("io_missed_sequences", missedSequences);
        out.number("io_min_data_length", minDataLength);
        out.number("io_max_data_length", maxDataLength);
    }
}
