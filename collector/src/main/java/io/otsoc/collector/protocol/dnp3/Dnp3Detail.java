package io.otsoc.collector.protocol.dnp3;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.Arrays;

/**
 * What one DNP3 exchange carried: a request with its response, a request alone or a response alone. Addresses and
 * object headers are those of the request when there is one (the operation asked for), else of the response.
 * {@link #ABSENT} (-1) marks a number not carried; {@code unsolicited} and {@code objectGroups} are null when absent.
 *
 * <p>{@link #writeFields} writes exactly the agreed {@code otsoc.dnp3.*} fields. Kept for Java consumers and not
 * written: {@code responseFunctionCode}, the function code of the response seen ({@link #ABSENT} if none).
 */
public record Dnp3Detail(
        int functionCode,
        int sourceAddress,
        int destinationAddress,
        int applicationSequence,
        int iin,
        Boolean unsolicited,
        int[] objectGroups,
        int objectCount,
        int responseFunctionCode) implements ProtocolDetail {

    public static final int ABSENT = -1;
    /** Object groups kept per message. */
    public static final int MAX_GROUPS = 32;

    @Override
    public int[] objectGroups() {
        return objectGroups == null ? null : objectGroups.clone();
    }

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "function_code", functionCode);
        number(out, "source_address", sourceAddress);
        number(out, "destination_address", destinationAddress);
        number(out, "application_sequence", applicationSequence);
        number(out, "iin", iin);
        if (unsolicited != null) {
            out.flag("unsolicited", unsolicited);
        }
        if (objectGroups != null) {
            out.numbers("object_groups", objectGroups, objectGroups.length);
        }
        number(out, "object_count", objectCount);
    }

    private static void number(DetailWriter out, String field, int value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dnp3Detail d && functionCode == d.functionCode && sourceAddress == d.sourceAddress
                && destinationAddress == d.destinationAddress && applicationSequence == d.applicationSequence
                && iin == d.iin && java.util.Objects.equals(unsolicited, d.unsolicited)
                && Arrays.equals(objectGroups, d.objectGroups) && objectCount == d.objectCount
                && responseFunctionCode == d.responseFunctionCode;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(functionCode, sourceAddress, destinationAddress, applicationSequence, iin,
                Arrays.hashCode(objectGroups), objectCount, responseFunctionCode);
    }

    @Override
    public String toString() {
        return "Dnp3Detail{fc=" + functionCode + " src=" + sourceAddress + " dst=" + destinationAddress + " seq="
                + applicationSequence + " iin=" + iin + " unsolicited=" + unsolicited + " groups="
                + Arrays.toString(objectGroups) + " objects=" + objectCount + " response_fc=" + responseFunctionCode
                + "}";
    }
}
