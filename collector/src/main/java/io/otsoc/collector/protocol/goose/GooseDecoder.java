package io.otsoc.collector.protocol.goose;

import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.goose.GooseDetail.ABSENT;

/**
 * Decodes IEC 61850 GOOSE (EtherType 0x88B8) and reports what changes, not every frame. A publisher repeats its
 * dataset every few milliseconds to seconds (sqNum counts the repetitions) and starts a new state, with a new
 * stNum and sqNum back to 0, when a value changes: one event per frame would flood the SIEM with copies of the
 * same state, while the state changes are what a protection engineer or an analyst needs. So a publisher (source
 * MAC, APPID, gocbRef) is reported
 * <ul>
 *   <li>when first seen ({@code publisher_seen}): a new publisher on a substation bus is itself notable;</li>
 *   <li>when stNum changes ({@code state_change}), with the values of the new state;</li>
 *   <li>when sqNum goes backwards while stNum stays ({@code sequence_regression}): a genuine publisher never does
 *       this short of a restart, an injected or replayed frame does;</li>
 *   <li>when the test flag, the simulation bit or confRev changes ({@code test_mode_change},
 *       {@code simulation_change}, {@code configuration_change}): subscribers treat such frames differently;</li>
 *   <li>once at the end of the session ({@code publisher_summary}) with the number of frames.</li>
 * </ul>
 * Other frames are counted ({@code frames_since_event}). Publishers are bounded ({@link #MAX_PUBLISHERS}; the least
 * recently seen is forgotten, and reported again if it comes back), and so are malformed reports
 * ({@link #MAX_MALFORMED} per session, the rest counted and reported once at the end).
 */
public final class GooseDecoder implements LinkDecoder {

    public static final String PROTOCOL = "goose";
    static final int MAX_PUBLISHERS = 1024;
    static final int MAX_MALFORMED = 100;

    private final LinkDecoderOutput output;
    private final Map<Key, Publisher> publishers = new LinkedHashMap<>(64, 0.75f, true);
    private long malformedReported;
    private long malformedSuppressed;
    private String lastSrcMac;
    private String lastDstMac;
    private int lastVlan = -1;

    public GooseDecoder(LinkDecoderOutput output) {
        this.output = output;
    }

    int publisherCount() {
        return publishers.size();
    }

    @Override
    public void onFrame(LinkFrame frame, byte[] buf, int offset, int length) {
        long ts = frame.timestampMicros();
        GoosePdu g = GoosePdu.parse(buf, offset, length);
        if (g.problem != null) {
            malformed(frame, ts, g);
            return;
        }
        Key key = new Key(frame.srcMac(), g.appId, g.gocbRef);
        Publisher pub = publishers.get(key);
        String action;
        if (pub == null) {
            if (publishers.size() >= MAX_PUBLISHERS) {
                Iterator<Publisher> eldest = publishers.values().iterator();
                eldest.next();
                eldest.remove();
            }
            pub = new Publisher(frame.srcMacText(), frame.dstMacText(), frame.vlanId());
            publishers.put(key, pub);
            action = "publisher_seen";
        } else if (g.stNum != pub.stNum) {
            action = "state_change";
        } else if (regressed(pub.sqNum, g.sqNum)) {
            action = "sequence_regression";
        } else if (!java.util.Objects.equals(g.test, pub.test)) {
            action = "test_mode_change";
        } else if (g.simulation() != pub.simulation) {
            action = "simulation_change";
        } else if (g.confRev != pub.confRev) {
            action = "configuration_change";
        } else {
            action = null;
        }
        pub.frames++;
        long previousSt = pub.stNum;
        long previousSq = pub.sqNum;
        pub.stNum = g.stNum;
        pub.sqNum = g.sqNum;
        pub.test = g.test;
        pub.simulation = g.simulation();
        pub.confRev = g.confRev;
        pub.datSet = g.datSet;
        pub.goId = g.goId;
        pub.lastMicros = ts;
        if (action == null) {
            pub.sinceEvent++;
            return;
        }
        EventCategory category = switch (action) {
            case "publisher_seen" -> EventCategory.DISCOVERY;
            case "state_change" -> EventCategory.CONTROL;
            default -> EventCategory.OTHER;
        };
        Outcome outcome = action.equals("sequence_regression") ? Outcome.UNKNOWN : Outcome.SUCCESS;
        GooseDetail detail = detail(g, action.equals("publisher_seen") ? ABSENT : previousSt,
                action.equals("publisher_seen") ? ABSENT : previousSq, pub.sinceEvent, pub.frames);
        pub.sinceEvent = 0;
        output.event(new OtEvent(ts, -1, FlowRef.link(frame.srcMacText(), frame.dstMacText(), null, null,
                frame.vlanId()), PROTOCOL, action, category, outcome, null, detail));
    }

    @Override
    public void onClose(long timestampMicros) {
        for (Map.Entry<Key, Publisher> e : publishers.entrySet()) {
            Key k = e.getKey();
            Publisher p = e.getValue();
            GooseDetail detail = new GooseDetail(k.appId(), ABSENT, ABSENT, ABSENT, p.simulation, k.gocbRef(),
                    ABSENT, p.datSet, p.goId, null, ABSENT, p.stNum, p.sqNum, p.test, p.confRev, null, ABSENT, ABSENT,
                    null, ABSENT, ABSENT, p.sinceEvent, p.frames);
            output.event(new OtEvent(p.lastMicros, -1, FlowRef.link(p.srcMac, p.dstMac, null, null, p.vlan),
                    PROTOCOL, "publisher_summary", EventCategory.OTHER, Outcome.SUCCESS, null, detail));
        }
        publishers.clear();
        if (malformedSuppressed > 0) {
            GooseDetail detail = new GooseDetail(ABSENT, ABSENT, ABSENT, ABSENT, false, null, ABSENT, null, null,
                    null, ABSENT, ABSENT, ABSENT, null, ABSENT, null, ABSENT, ABSENT, null, ABSENT, ABSENT,
                    malformedSuppressed, ABSENT);
            output.event(new OtEvent(timestampMicros, -1, FlowRef.link(lastSrcMac, lastDstMac, null, null, lastVlan),
                    PROTOCOL, DecoderBinding.MALFORMED_ACTION, EventCategory.OTHER, Outcome.FAILURE,
                    malformedSuppressed + " further malformed GOOSE frames were counted, not reported", detail, true));
            malformedSuppressed = 0;
        }
    }

    /** sqNum went backwards (a wrap from near 2^32 to a small number is not a regression). */
    static boolean regressed(long previous, long current) {
        if (current >= previous) {
            return false;
        }
        return !(previous > 0xFFFF_0000L && current < 0x1_0000L);
    }

    private void malformed(LinkFrame frame, long ts, GoosePdu g) {
        if (malformedReported >= MAX_MALFORMED) {
            malformedSuppressed++;
            lastSrcMac = frame.srcMacText();
            lastDstMac = frame.dstMacText();
            lastVlan = frame.vlanId();
            return;
        }
        malformedReported++;
        String action = g.gocbRef != null ? "publish" : DecoderBinding.MALFORMED_ACTION;
        output.event(new OtEvent(ts, -1, FlowRef.link(frame.srcMacText(), frame.dstMacText(), null, null,
                frame.vlanId()), PROTOCOL, action, EventCategory.OTHER, Outcome.FAILURE, g.problem,
                detail(g, ABSENT, ABSENT, ABSENT, ABSENT), true));
    }

    private static GooseDetail detail(GoosePdu g, long previousSt, long previousSq, long since, long frames) {
        long t = g.tMicros();
        String tText = t < 0 ? null : Instant.ofEpochSecond(t / 1_000_000L, (t % 1_000_000L) * 1000L).toString();
        return new GooseDetail(g.appId, g.length, g.reserved1, g.reserved2, g.simulation(), g.gocbRef,
                g.timeAllowedToLive, g.datSet, g.goId, tText, g.tQuality, g.stNum, g.sqNum, g.test, g.confRev,
                g.ndsCom, g.numDatSetEntries, g.entryCount, List.copyOf(g.values), previousSt, previousSq, since,
                frames);
    }

    private record Key(long srcMac, int appId, String gocbRef) {
    }

    /** What is remembered of one publisher. */
    private static final class Publisher {
        final String srcMac;
        final String dstMac;
        final int vlan;
        long stNum;
        long sqNum;
        Boolean test;
        boolean simulation;
        long confRev;
        String datSet;
        String goId;
        long frames;
        long sinceEvent;
        long lastMicros;

        Publisher(String srcMac, String dstMac, int vlan) {
            this.srcMac = srcMac;
            this.dstMac = dstMac;
            this.vlan = vlan;
        }
    }
}
