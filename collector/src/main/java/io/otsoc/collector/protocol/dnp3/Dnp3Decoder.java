package io.otsoc.collector.protocol.dnp3;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.Arrays;

import static io.otsoc.collector.protocol.dnp3.Dnp3Detail.ABSENT;

/**
 * Decodes DNP3 on one flow (IEEE 1815-2012): link frames with their header and per-block CRCs, transport segments
 * reassembled into application fragments (FIR/FIN and the 6-bit sequence, within {@link #MAX_FRAGMENT} bytes), and
 * the application header and object headers. Which side is master is told by the function code, not by the flow's
 * orientation. A request waits under its application sequence (0-15) for the response of the same sequence; the pair
 * is one event stamped with the request's time. Unsolicited responses, responses whose request was not seen (or
 * later fragments of a multi-fragment response) and requests that expect no response are reported alone.
 *
 * <p>Until the first valid link frame, bytes without a valid frame header mean the flow is not DNP3; afterwards a
 * bad frame is reported as malformed and the direction resynchronises on the next start bytes.
 */
public final class Dnp3Decoder implements ProtocolDecoder {

    public static final String PROTOCOL = "dnp3";
    /** Largest application fragment reassembled; IEEE 1815 recommends 2048, some devices send more. */
    public static final int MAX_FRAGMENT = 4096;
    static final int HEADER = 10;
    static final int MAX_FRAME = HEADER + 250 + 2 * 16;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Channel toServer = new Channel();
    private final Channel toClient = new Channel();
    private final ObjectHeaders objects = new ObjectHeaders();
    private boolean established;
    private boolean finished;

    // requests waiting for their response, by application sequence
    private final int[] pendingFc = new int[16];
    private final int[] pendingSrc = new int[16];
    private final int[] pendingDst = new int[16];
    private final long[] pendingTs = new long[16];
    private final int[][] pendingGroups = new int[16][];
    private final int[] pendingHeaders = new int[16];
    private final boolean[] pendingUns = new boolean[16];
    private final String[] pendingProblem = new String[16];

    public Dnp3Decoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
        Arrays.fill(pendingFc, ABSENT);
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (!finished && length > 0) {
            channel(direction).onData(buf, offset, length, timestampMicros);
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished) {
            channel(direction).reset();
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        if (established) {
            toServer.reportTruncated();
            toClient.reportTruncated();
        }
        while (true) {
            int oldest = -1;
            for (int s = 0; s < 16; s++) {
                if (pendingFc[s] != ABSENT && (oldest < 0 || pendingTs[s] < pendingTs[oldest])) {
                    oldest = s;
                }
            }
            if (oldest < 0) {
                break;
            }
            reportUnanswered(oldest);
        }
    }

    private Channel channel(Direction direction) {
        return direction == Direction.TO_SERVER ? toServer : toClient;
    }

    /** One direction: link framing and transport reassembly. */
    private final class Channel {
        private final byte[] frame = new byte[MAX_FRAME];
        private int have;
        /** Bytes of the frame whose header was checked, 0 while the header is not. */
        private int need;
        private long frameTs;
        private long skipped;
        private boolean resyncing;

        private final byte[] fragment = new byte[MAX_FRAGMENT];
        private int fragmentLength;
        private boolean inFragment;
        private int transportSeq;
        private long fragmentTs;
        private boolean fragmentDropped;

        void reset() {
            have = 0;
            need = 0;
            inFragment = false;
        }

        void onData(byte[] b, int off, int len, long ts) {
            int end = off + len;
            while (!finished) {
                if (need == 0) {
                    if (have < HEADER) {
                        if (off >= end) {
                            return;
                        }
                        if (have == 0) {
                            frameTs = ts;
                        }
                        int n = Math.min(HEADER - have, end - off);
                        System.arraycopy(b, off, frame, have, n);
                        have += n;
                        off += n;
                        continue;
                    }
                    String problem = checkHeader();
                    if (problem != null) {
                        resync(problem, ts);
                        continue;
                    }
                }
                if (have < need) {
                    if (off >= end) {
                        return;
                    }
                    int n = Math.min(need - have, end - off);
                    System.arraycopy(b, off, frame, have, n);
                    have += n;
                    off += n;
                }
                if (have == need) {
                    int size = need;
                    have = 0;
                    need = 0;
                    onFrame(size);
                }
            }
        }

        private String checkHeader() {
            if (frame[0] != 0x05 || frame[1] != 0x64) {
                return "link frame does not start with 0x05 0x64";
            }
            int length = frame[2] & 0xFF;
            if (length < 5) {
                return "link frame length " + length + " is below the minimum 5";
            }
            if (!Dnp3Crc.matches(frame, 0, 8)) {
                return "link header CRC mismatch";
            }
            int data = length - 5;
            need = HEADER + data + 2 * ((data + 15) / 16);
            return null;
        }

        /** Drops bytes up to the next possible start of a frame after a bad header. */
        private void resync(String problem, long ts) {
            if (!established && skipped + have > MAX_FRAME) {
                detach(ts, "no DNP3 link frame in the first " + (skipped + have) + " bytes: " + problem);
                return;
            }
            if (established && !resyncing) {
                output.malformed(frameTs, "DNP3 " + problem + "; skipping to the next frame", null);
            }
            resyncing = true;
            int i = 1;
            while (i < have && !(frame[i] == 0x05 && (i + 1 == have || frame[i + 1] == 0x64))) {
                i++;
            }
            skipped += i;
            System.arraycopy(frame, i, frame, 0, have - i);
            have -= i;
        }

        private void onFrame(int size) {
            resyncing = false;
            established = true;
            int data = (frame[2] & 0xFF) - 5;
            int dst = (frame[4] & 0xFF) | (frame[5] & 0xFF) << 8;
            int src = (frame[6] & 0xFF) | (frame[7] & 0xFF) << 8;
            if (data == 0) {
                return; // link-layer service only (status, reset): no application content
            }
            // check each block's CRC and pack the user data in place, behind the header
            int read = HEADER;
            int write = HEADER;
            for (int left = data, block = 1; left > 0; block++) {
                int n = Math.min(16, left);
                if (!Dnp3Crc.matches(frame, read, n)) {
                    inFragment = false;
                    output.malformed(frameTs, "DNP3 link frame from " + src + " to " + dst + ": CRC mismatch in data block "
                            + block + " of " + ((data + 15) / 16), null);
                    return;
                }
                System.arraycopy(frame, read, frame, write, n);
                read += n + 2;
                write += n;
                left -= n;
            }
            onSegment(frame, HEADER, data, src, dst);
        }

        private void onSegment(byte[] b, int off, int len, int src, int dst) {
            int header = b[off] & 0xFF;
            boolean fir = (header & 0x40) != 0;
            boolean fin = (header & 0x80) != 0;
            int seq = header & 0x3F;
            if (fir) {
                inFragment = true;
                fragmentLength = 0;
                fragmentTs = frameTs;
                fragmentDropped = false;
            } else if (!inFragment || seq != ((transportSeq + 1) & 0x3F)) {
                if (inFragment || !fragmentDropped) {
                    output.malformed(frameTs, "DNP3 transport segment " + seq + " from " + src
                            + (inFragment ? " out of sequence after " + transportSeq : " without a first segment")
                            + "; fragment dropped", null);
                }
                inFragment = false;
                fragmentDropped = true;
                return;
            }
            transportSeq = seq;
            int n = len - 1;
            if (fragmentLength + n > MAX_FRAGMENT) {
                output.malformed(fragmentTs, "DNP3 application fragment from " + src + " exceeds " + MAX_FRAGMENT
                        + " bytes; dropped", null);
                inFragment = false;
                fragmentDropped = true;
                return;
            }
            System.arraycopy(b, off + 1, fragment, fragmentLength, n);
            fragmentLength += n;
            if (fin) {
                inFragment = false;
                onFragment(fragment, fragmentLength, fragmentTs, src, dst);
            }
        }

        void reportTruncated() {
            if (have > 0) {
                output.malformed(frameTs, "DNP3 link frame cut short by the end of the flow: " + have + " of "
                        + (need == 0 ? "at least " + HEADER : String.valueOf(need)) + " bytes", null);
            } else if (inFragment) {
                output.malformed(fragmentTs, "DNP3 application fragment cut short by the end of the flow: "
                        + fragmentLength + " bytes without its final transport segment", null);
            }
        }
    }

    private void onFragment(byte[] b, int len, long ts, int src, int dst) {
        if (len < 2) {
            output.malformed(ts, "DNP3 application fragment from " + src + " of " + len
                    + " bytes is shorter than its 2-byte header", null);
            return;
        }
        int control = b[0] & 0xFF;
        int fc = b[1] & 0xFF;
        int seq = control & 0x0F;
        boolean uns = (control & 0x10) != 0;
        if (!Dnp3Function.isResponse(fc)) {
            String problem = objects.walk(b, 2, len, !Dnp3Function.headersOnly(fc));
            if (problem != null) {
                problem = Dnp3Function.name(fc) + " request: " + problem;
            }
            onRequest(fc, seq, uns, src, dst, ts, problem);
            return;
        }
        if (len < 4) {
            Dnp3Detail detail = new Dnp3Detail(fc, src, dst, seq, ABSENT, uns, null, 0, fc);
            output.malformed(new OtEvent(ts, -1, flow, PROTOCOL, Dnp3Function.name(fc), Dnp3Function.category(fc),
                    Outcome.FAILURE, "DNP3 " + Dnp3Function.name(fc) + " of " + len
                    + " bytes is shorter than its 4-byte header", detail));
            return;
        }
        int iin = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        String problem = objects.walk(b, 4, len, true);
        if (problem != null) {
            problem = Dnp3Function.name(fc) + ": " + problem;
        }
        onResponse(fc, seq, uns, iin, src, dst, ts, problem);
    }

    private void onRequest(int fc, int seq, boolean uns, int src, int dst, long ts, String problem) {
        int[] groups = Arrays.copyOf(objects.groups, objects.groupCount);
        if (Dnp3Function.expectsNoResponse(fc)) {
            Dnp3Detail detail = new Dnp3Detail(fc, src, dst, seq, ABSENT, uns, groups, objects.headerCount, ABSENT);
            emit(ts, -1, fc, Outcome.UNKNOWN, null, problem, detail);
            return;
        }
        if (pendingFc[seq] == fc) {
            return; // a retry repeats its request's sequence (IEEE 1815-2012, 4.2.2.4.4): one exchange
        }
        if (pendingFc[seq] != ABSENT) {
            reportUnanswered(seq);
        }
        pendingFc[seq] = fc;
        pendingSrc[seq] = src;
        pendingDst[seq] = dst;
        pendingTs[seq] = ts;
        pendingGroups[seq] = groups;
        pendingHeaders[seq] = objects.headerCount;
        pendingUns[seq] = uns;
        pendingProblem[seq] = problem;
    }

    private void onResponse(int fc, int seq, boolean uns, int iin, int src, int dst, long ts, String problem) {
        boolean paired = fc != Dnp3Function.UNSOLICITED_RESPONSE && pendingFc[seq] != ABSENT
                && (fc == Dnp3Function.AUTHENTICATION_RESPONSE) == (pendingFc[seq] == 32);
        Outcome outcome = (iin & 0x07) != 0 ? Outcome.FAILURE : Outcome.SUCCESS;
        String error = iinError(iin);
        if (!paired) {
            Dnp3Detail detail = new Dnp3Detail(fc, src, dst, seq, iin, uns,
                    Arrays.copyOf(objects.groups, objects.groupCount), objects.headerCount, fc);
            emit(ts, -1, fc, outcome, error, problem, detail);
            return;
        }
        int requestFc = pendingFc[seq];
        pendingFc[seq] = ABSENT;
        String requestProblem = pendingProblem[seq];
        pendingProblem[seq] = null;
        Dnp3Detail detail = new Dnp3Detail(requestFc, pendingSrc[seq], pendingDst[seq], seq, iin, uns,
                pendingGroups[seq], pendingHeaders[seq], fc);
        pendingGroups[seq] = null;
        emit(pendingTs[seq], Math.max(0, ts - pendingTs[seq]), requestFc, outcome, error,
                requestProblem != null ? requestProblem : problem, detail);
    }

    private void reportUnanswered(int seq) {
        int fc = pendingFc[seq];
        pendingFc[seq] = ABSENT;
        Dnp3Detail detail = new Dnp3Detail(fc, pendingSrc[seq], pendingDst[seq], seq, ABSENT, pendingUns[seq],
                pendingGroups[seq], pendingHeaders[seq], ABSENT);
        String problem = pendingProblem[seq];
        pendingProblem[seq] = null;
        pendingGroups[seq] = null;
        emit(pendingTs[seq], -1, fc, Outcome.UNKNOWN, null, problem, detail);
    }

    private void emit(long ts, long duration, int fc, Outcome outcome, String error, String problem, Dnp3Detail d) {
        if (problem != null) {
            output.malformed(new OtEvent(ts, duration, flow, PROTOCOL, Dnp3Function.name(fc),
                    Dnp3Function.category(fc), Outcome.FAILURE, "DNP3 " + problem, d));
        } else {
            output.event(new OtEvent(ts, duration, flow, PROTOCOL, Dnp3Function.name(fc), Dnp3Function.category(fc),
                    outcome, error, d));
        }
    }

    /** The outstation's refusal, from the IIN2 bits (IEEE 1815-2012, 4.2.2.6.2), or null. */
    private static String iinError(int iin) {
        if ((iin & 0x01) != 0) {
            return "DNP3 IIN2.0: function code not supported";
        }
        if ((iin & 0x02) != 0) {
            return "DNP3 IIN2.1: object unknown";
        }
        if ((iin & 0x04) != 0) {
            return "DNP3 IIN2.2: parameter error";
        }
        return null;
    }

    private void detach(long ts, String reason) {
        finished = true;
        output.notThisProtocol(ts, reason);
    }
}
