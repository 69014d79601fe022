package io.otsoc.collector.protocol.mms;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * What one MMS exchange carried ({@code otsoc.mms.*}): the PDU type of the request (or of the lone message), the
 * invoke id, the service's CHOICE tag, the named variables it reads or writes ({@code domain/item}), the file or
 * program invocation it names, an information report's variable list name, and for failures the error class and
 * code or the reject reason. {@link #ABSENT} marks a number not carried, null a text.
 */
public record MmsDetail(
        String pduType,
        long invokeId,
        int serviceCode,
        List<String> variables,
        String fileName,
        String programInvocation,
        String variableListName,
        int errorClass,
        int errorCode,
        int rejectReason,
        int version,
        String responsePduType) implements ProtocolDetail {

    public static final int ABSENT = -1;
    /** Variable names kept per message. */
    public static final int MAX_VARIABLES = 16;

    @Override
    public void writeFields(DetailWriter out) {
        if (pduType != null) {
            out.text("pdu_type", pduType);
        }
        if (responsePduType != null) {
            out.text("response_pdu_type", responsePduType);
        }
        if (invokeId != ABSENT) {
            out.number("invoke_id", invokeId);
        }
        if (serviceCode != ABSENT) {
            out.number("service_code", serviceCode);
        }
        if (variables != null && !variables.isEmpty()) {
            out.texts("variables", variables);
        }
        if (fileName != null) {
            out.text("file_name", fileName);
        }
        if (programInvocation != null) {
            out.text("program_invocation", programInvocation);
        }
        if (variableListName != null) {
            out.text("variable_list_name", variableListName);
        }
        if (errorClass != ABSENT) {
            out.number("error_class", errorClass);
            out.number("error_code", errorCode);
        }
        if (rejectReason != ABSENT) {
            out.number("reject_reason", rejectReason);
        }
        if (version != ABSENT) {
            out.number("version", version);
        }
    }
}
