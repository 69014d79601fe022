package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

/**
 * What one S7comm exchange (job and its acknowledgement, a userdata request and its response, or one S7comm-plus
 * message) carried. {@link #ABSENT} (-1) marks a number not carried, null an absent text. {@link #writeFields} writes
 * exactly the {@code otsoc.s7comm.*} names agreed with the ECS mapping; kept for Java consumers and not written:
 * which sides were seen ({@code requestSeen}, {@code responseSeen}), the response's ROSCTR and function code
 * ({@code responseRosctr}, {@code responseFunctionCode}) and the S7comm-plus protocol version ({@code plusVersion}).
 */
public record S7Detail(
        int rosctr,
        int pduReference,
        int functionCode,
        int itemCount,
        int errorClass,
        int errorCode,
        String piService,
        String blockType,
        int blockNumber,
        int szlId,
        int szlIndex,
        int userdataGroup,
        int userdataSubfunction,
        String srcTsap,
        String dstTsap,
        boolean requestSeen,
        boolean responseSeen,
        int responseRosctr,
        int responseFunctionCode,
        int plusVersion) implements ProtocolDetail {

    public static final int ABSENT = -1;

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "rosctr", rosctr);
        number(out, "pdu_reference", pduReference);
        number(out, "function_code", functionCode);
        number(out, "item_count", itemCount);
        number(out, "error_class", errorClass);
        number(out, "error_code", errorCode);
        text(out, "pi_service", piService);
        text(out, "block_type", blockType);
        number(out, "block_number", blockNumber);
        number(out, "szl_id", szlId);
        number(out, "szl_index", szlIndex);
        number(out, "userdata_group", userdataGroup);
        number(out, "userdata_subfunction", userdataSubfunction);
        text(out, "src_tsap", srcTsap);
        text(out, "dst_tsap", dstTsap);
    }

    private static void number(DetailWriter out, String field, int value) {
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
