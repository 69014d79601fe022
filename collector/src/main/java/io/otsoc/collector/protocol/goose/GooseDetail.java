package io.otsoc.collector.protocol.goose;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * What a reported GOOSE frame carried, plus what the decoder knows of its publisher. {@link #ABSENT} (-1) marks a
 * number not carried, null a text, flag or list not carried.
 *
 * @param t                the UtcTime of the last state change, as ISO-8601 text
 * @param previousStNum    the publisher's stNum before this frame (state changes and regressions)
 * @param previousSqNum    the publisher's sqNum before this frame
 * @param framesSinceEvent frames of this publisher counted, not reported, since its previous event
 * @param frameCount       frames of this publisher in the session so far
 */
public record GooseDetail(
        int appId,
        int length,
        int reserved1,
        int reserved2,
        boolean simulation,
        String gocbRef,
        long timeAllowedToLive,
        String datSet,
        String goId,
        String t,
        int tQuality,
        long stNum,
        long sqNum,
        Boolean test,
        long confRev,
        Boolean ndsCom,
        long numDatSetEntries,
        int entryCount,
        List<String> values,
        long previousStNum,
        long previousSqNum,
        long framesSinceEvent,
        long frameCount) implements ProtocolDetail {

    public static final int ABSENT = -1;

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "app_id", appId);
        number(out, "length", length);
        number(out, "reserved1", reserved1);
        number(out, "reserved2", reserved2);
        if (appId != ABSENT) {
            out.flag("simulation", simulation);
        }
        text(out, "gocb_ref", gocbRef);
        number(out, "time_allowed_to_live", timeAllowedToLive);
        text(out, "dat_set", datSet);
        text(out, "go_id", goId);
        text(out, "t", t);
        number(out, "t_quality", tQuality);
        number(out, "st_num", stNum);
        number(out, "sq_num", sqNum);
        if (test != null) {
            out.flag("test", test);
        }
        number(out, "conf_rev", confRev);
        if (ndsCom != null) {
            out.flag("nds_com", ndsCom);
        }
        number(out, "num_dat_set_entries", numDatSetEntries);
        number(out, "entry_count", entryCount);
        if (values != null && !values.isEmpty()) {
            out.texts("values", values);
        }
        number(out, "previous_st_num", previousStNum);
        number(out, "previous_sq_num", previousSqNum);
        number(out, "frames_since_event", framesSinceEvent);
        number(out, "frame_count", frameCount);
    }

    private static void number(DetailWriter out, String field, long value) {
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
