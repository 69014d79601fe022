package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.ArrayList;
import java.util.List;

/**
 * What one IEC 104 APDU carried: the control field (format and sequence numbers) and, for an I-format APDU, the
 * ASDU's data unit identifier and its first {@link #MAX_OBJECTS} information objects. {@link #ABSENT} (-1) marks a
 * number not carried, null a text or flag not carried.
 *
 * <p>{@link #writeFields} writes the {@code otsoc.iec104.*} fields agreed with the index template; lists (object
 * addresses, values, qualities) hold at most {@link #MAX_OBJECTS} entries in object order, while
 * {@code object_count} is the number the ASDU announced. The select bit, qualifier and time tag are those of the
 * first object. Kept for Java consumers and not written: the APDU length octet ({@code apduLength}) and the U
 * function ({@code uFunction}, which the event's action names) and whether the APDU was sent to the server
 * ({@code sentToServer}).
 */
public record Iec104Detail(
        String frameFormat,
        int apduLength,
        int sendSequence,
        int receiveSequence,
        String uFunction,
        int typeId,
        String typeName,
        Boolean sequence,
        int objectCount,
        int cause,
        String causeName,
        Boolean negative,
        Boolean test,
        int originatorAddress,
        int commonAddress,
        List<InformationObject> objects,
        boolean sentToServer) implements ProtocolDetail {

    public static final int ABSENT = -1;
    /** Information objects kept per event. */
    public static final int MAX_OBJECTS = 16;

    public Iec104Detail {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** The detail of an APDU as parsed, with at most {@link #MAX_OBJECTS} objects. */
    static Iec104Detail of(Apdu apdu, boolean sentToServer) {
        String u = apdu.function() == null ? null : apdu.function().action();
        Asdu a = apdu.asdu();
        if (a == null) {
            return new Iec104Detail(String.valueOf(apdu.format()), apdu.length(), apdu.sendSequence(), apdu.receiveSequence(), u,
                    ABSENT, null, null, ABSENT, ABSENT, null, null, null, ABSENT, ABSENT, List.of(), sentToServer);
        }
        List<InformationObject> kept = a.objects().size() <= MAX_OBJECTS ? a.objects()
                : new ArrayList<>(a.objects().subList(0, MAX_OBJECTS));
        return new Iec104Detail("I", apdu.length(), apdu.sendSequence(), apdu.receiveSequence(), null, a.typeId(), a.typeName(),
                a.count() < 0 ? null : a.sequence(), a.count(), a.cause(), a.cause() < 0 ? null : Cause.name(a.cause()),
                a.cause() < 0 ? null : a.negative(), a.cause() < 0 ? null : a.test(), a.originator(),
                a.commonAddress(), kept, sentToServer);
    }

    /** The first object's address, or {@link #ABSENT}. */
    int firstAddress() {
        return objects.isEmpty() ? ABSENT : objects.get(0).address();
    }

    @Override
    public void writeFields(DetailWriter out) {
        out.text("frame_format", frameFormat);
        number(out, "send_sequence", sendSequence);
        number(out, "receive_sequence", receiveSequence);
        number(out, "type_id", typeId);
        if (typeName != null) {
            out.text("type_name", typeName);
        }
        if (sequence != null) {
            out.flag("sq", sequence);
        }
        number(out, "object_count", objectCount);
        number(out, "cot", cause);
        if (causeName != null) {
            out.text("cot_name", causeName);
        }
        if (negative != null) {
            out.flag("negative", negative);
        }
        if (test != null) {
            out.flag("test", test);
        }
        number(out, "originator_address", originatorAddress);
        number(out, "common_address", commonAddress);
        if (objects.isEmpty()) {
            return;
        }
        int[] ioas = new int[objects.size()];
        List<String> values = new ArrayList<>(objects.size());
        List<String> qualities = new ArrayList<>(objects.size());
        boolean counter = AsduType.of(typeId) != null && AsduType.of(typeId).element == AsduType.Element.BCR;
        for (int i = 0; i < ioas.length; i++) {
            InformationObject o = objects.get(i);
            ioas[i] = o.address();
            if (o.text() != null) {
                values.add(o.text());
            }
            String q = o.qualityText(counter);
            if (q != null) {
                qualities.add(q);
            }
        }
        out.numbers("ioa", ioas, ioas.length);
        // Written only when every object has one, so that the lists stay aligned with the addresses.
        if (values.size() == ioas.length) {
            out.texts("values", values);
        }
        if (qualities.size() == ioas.length) {
            out.texts("qualities", qualities);
        }
        InformationObject first = objects.get(0);
        if (first.select() != InformationObject.NONE) {
            out.flag("select", first.select() == 1);
        }
        number(out, "qualifier", first.qualifier());
        if (first.time() != null) {
            String iso = first.time().iso();
            if (iso != null) {
                out.text("time", iso);
            }
            out.flag("time_invalid", first.time().invalid());
        }
    }

    private static void number(DetailWriter out, String field, int value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }
}
