package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * What one S7comm exchange (job and its acknowledgement, a userdata request and its response, or one S7comm-plus
 * message) carried. {@link #ABSENT} (-1) marks a number not carried, null an absent text. {@link #writeFields} writes
 * exactly the {@code otsoc.s7comm.*} names agreed with the ECS mapping; kept for Java consumers and not written:
 * which sides were seen ({@code requestSeen}, {@code responseSeen}), the response's ROSCTR and function code
 * ({@code responseRosctr}, {@code responseFunctionCode}) and the S7comm-plus protocol version ({@code plusVersion}).
 * {@code itemAddresses} are the read/write var items of the job ({@code DB1.DBX10.0 BYTE 4}); {@code identity} what
 * an SZL read response said about the module.
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
        int plusVersion,
        List<String> itemAddresses,
        S7Identity identity) implements ProtocolDetail {

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
        if (itemAddresses != null) {
            out.texts("item_addresses", itemAddresses);
        }
        if (identity != null) {
            text(out, "module_order_number", identity.orderNumber());
            text(out, "firmware_version", identity.firmware());
            text(out, "system_name", identity.systemName());
            text(out, "module_name", identity.moduleName());
            text(out, "plant_name", identity.plantName());
            text(out, "serial_number", identity.serialNumber());
            text(out, "module_type_name", identity.moduleTypeName());
        }
    }

    /**
     * An SZL module or component identification answered by the server: a Siemens S7 CPU (or a server that
     * presents itself as one) stating its order number, firmware, names and serial number.
     */
    @Override
    public AssetFacts assetFacts() {
        if (identity == null) {
            return null;
        }
        String model = identity.orderNumber() != null ? identity.orderNumber()
                : identity.moduleTypeName() != null ? identity.moduleTypeName() : identity.moduleName();
        return new AssetFacts(AssetFacts.Side.SERVER, "Siemens", model, identity.firmware(),
                identity.serialNumber(), identity.systemName(), "Programmable Logic Controller");
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
