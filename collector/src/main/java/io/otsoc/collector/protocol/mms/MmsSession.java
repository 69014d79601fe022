package io.otsoc.collector.protocol.mms;

import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMS (ISO 9506, the application protocol of IEC 61850 station bus) over the OSI upper layers of one ISO-on-TCP
 * connection: it gets each complete COTP data unit, reads the ISO 8327 session SPDU, the ISO 8823 presentation
 * PPDU (and, at association, the ACSE AARQ/AARE), and decodes the MMS PDU inside: confirmed requests paired with
 * their response or error by invoke id, initiate and conclude, unconfirmed information reports, rejects and
 * cancels. Events carry {@code network.protocol: mms}. Nothing is trusted before it is checked against what is
 * left; what cannot be read is reported as malformed with the layer and the reason.
 */
public final class MmsSession {

    public static final String PROTOCOL = "mms";
    static final int MAX_PENDING = 64;
    private static final int MAX_NAME = 256;

    private final FlowRef flow;
    private final DecoderOutput output;
    /** Outstanding confirmed requests by (invoke id, requesting side). */
    private final Map<Long, Request> pending = new LinkedHashMap<>();
    private Request initiate;
    private Request conclude;

    public MmsSession(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    /**
     * Whether a COTP data unit starts with an ISO session SPDU that carries presentation data: CONNECT (13),
     * ACCEPT (14), REFUSE (12), FINISH (9), DISCONNECT (10), ABORT (25), ABORT ACCEPT (26), or GIVE TOKENS (1)
     * with a length of 0 followed by DATA TRANSFER (1).
     */
    public static boolean isSessionSpdu(byte[] b, int off, int len) {
        if (len < 2) {
            return false;
        }
        int si = b[off] & 0xFF;
        return switch (si) {
            case 13, 14, 12, 9, 10, 25, 26 -> true;
            case 1 -> len >= 4 && b[off + 1] == 0 && b[off + 2] == 1;
            default -> false;
        };
    }

    /** One complete COTP data unit sent to the server ({@code toServer}) or to the client. */
    public void onDataUnit(boolean toServer, byte[] b, int off, int len, long ts) {
        int si = b[off] & 0xFF;
        int[] header = spduHeader(b, off, off + len);
        if (header == null) {
            malformed(ts, "ISO session SPDU " + si + " length does not fit the " + len + "-byte data unit");
            return;
        }
        switch (si) {
            case 1 -> {
                // GIVE TOKENS (empty) then DATA TRANSFER: its parameters, then the presentation data
                int[] dt = spduHeader(b, header[1], off + len);
                if (dt == null || (b[header[1]] & 0xFF) != 1) {
                    malformed(ts, "ISO session DATA TRANSFER SPDU missing or cut short after GIVE TOKENS");
                    return;
                }
                presentationData(toServer, b, dt[1] + dt[0], off + len, ts);
            }
            case 13, 14 -> connect(toServer, si == 13, b, header, ts);
            case 12 -> {
                Request r = initiate;
                initiate = null;
                emit(ts, r, "initiate", EventCategory.OTHER, Outcome.FAILURE, "association refused by the session layer",
                        detail("initiate_request", ABSENT_ID, MmsDetail.ABSENT, r, MmsDetail.ABSENT,
                                MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, "refuse"));
            }
            case 25, 26 -> output.event(new OtEvent(ts, -1, flow, PROTOCOL, "abort", EventCategory.OTHER,
                    Outcome.FAILURE, "association aborted (ISO session " + (si == 25 ? "ABORT" : "ABORT ACCEPT") + ")",
                    detail(si == 25 ? "abort" : "abort_accept", ABSENT_ID, MmsDetail.ABSENT, null,
                            MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, null)));
            default -> { } // FINISH / DISCONNECT: the release; MMS concludes in a data transfer before it
        }
    }

    /** The flow ended: requests never answered are reported without an outcome. */
    public void onClose(long ts) {
        for (Request r : pending.values()) {
            emitRequestAlone(r);
        }
        pending.clear();
        if (initiate != null) {
            emitRequestAlone(initiate);
            initiate = null;
        }
        if (conclude != null) {
            emitRequestAlone(conclude);
            conclude = null;
        }
    }

    // ---------------------------------------------------------------- session and presentation

    /** {parameters length, parameters start} of the SPDU at {@code p}, or null when it does not fit. */
    private static int[] spduHeader(byte[] b, int p, int end) {
        if (end - p < 2) {
            return null;
        }
        int li = b[p + 1] & 0xFF;
        int start = p + 2;
        if (li == 0xFF) {
            if (end - p < 4) {
                return null;
            }
            li = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            start = p + 4;
        }
        return li > end - start ? null : new int[] {li, start};
    }

    /** CONNECT / ACCEPT: the session user data (PI 193) holds the presentation CP / CPA PPDU. */
    private void connect(boolean toServer, boolean request, byte[] b, int[] header, long ts) {
        int p = header[1];
        int end = p + header[0];
        while (p + 2 <= end) {
            int code = b[p] & 0xFF;
            int li = b[p + 1] & 0xFF;
            int start = p + 2;
            if (li == 0xFF) {
                if (p + 4 > end) {
                    break;
                }
                li = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
                start = p + 4;
            }
            if (li > end - start) {
                malformed(ts, "ISO session " + (request ? "CONNECT" : "ACCEPT") + " parameter " + code
                        + " length " + li + " exceeds the SPDU");
                return;
            }
            if (code == 193 || code == 194) {
                presentationConnect(toServer, b, start, start + li, ts);
                return;
            }
            p = start + li;
        }
        malformed(ts, "ISO session " + (request ? "CONNECT" : "ACCEPT") + " without session user data");
    }

    /** CP-type / CPA-PPDU (SET): normal-mode-parameters [2] → user-data → ACSE AARQ/AARE → MMS initiate. */
    private void presentationConnect(boolean toServer, byte[] b, int start, int end, long ts) {
        BerReader set = new BerReader(b, start, end);
        if (!set.next() || set.tagClass() != BerReader.UNIVERSAL || set.tagNumber() != 17) {
            malformed(ts, "presentation CP/CPA PPDU is not a SET" + why(set));
            return;
        }
        BerReader params = set.content();
        if (!params.find(BerReader.CONTEXT, 2)) {
            malformed(ts, "presentation CP/CPA PPDU without normal-mode parameters" + why(params));
            return;
        }
        BerReader acse = userData(params.content(), ts, "presentation CP/CPA PPDU");
        if (acse == null) {
            return;
        }
        // AARQ [APPLICATION 0] / AARE [APPLICATION 1]: user-information [30] → EXTERNAL → single-ASN1-type [0]
        if (!acse.next() || acse.tagClass() != BerReader.APPLICATION) {
            malformed(ts, "ACSE APDU missing in the presentation user data" + why(acse));
            return;
        }
        BerReader fields = acse.content();
        if (!fields.find(BerReader.CONTEXT, 30)) {
            malformed(ts, "ACSE " + (acse.tagNumber() == 0 ? "AARQ" : "AARE")
                    + " without user information" + why(fields));
            return;
        }
        BerReader external = fields.content();
        if (!external.find(BerReader.UNIVERSAL, 8)) {
            malformed(ts, "ACSE user information without an EXTERNAL" + why(external));
            return;
        }
        BerReader encoding = external.content();
        if (!encoding.find(BerReader.CONTEXT, 0)) {
            malformed(ts, "ACSE user information EXTERNAL without single-ASN1-type data" + why(encoding));
            return;
        }
        mmsPdu(toServer, encoding.content(), ts);
    }

    /** Data transfer: fully-encoded-data [APPLICATION 1] → PDV-list → single-ASN1-type [0] → MMS PDU. */
    private void presentationData(boolean toServer, byte[] b, int start, int end, long ts) {
        BerReader mms = userData(new BerReader(b, start, end), ts, "presentation data");
        if (mms != null) {
            mmsPdu(toServer, mms, ts);
        }
    }

    /** From a level holding user-data (fully-encoded-data), the reader over the first PDV's single-ASN1-type. */
    private BerReader userData(BerReader level, long ts, String where) {
        if (!level.find(BerReader.APPLICATION, 1)) {
            malformed(ts, where + " without fully-encoded user data" + why(level));
            return null;
        }
        BerReader pdvList = level.content();
        if (!pdvList.find(BerReader.UNIVERSAL, 16)) {
            malformed(ts, where + " without a PDV list" + why(pdvList));
            return null;
        }
        BerReader pdv = pdvList.content();
        if (!pdv.find(BerReader.CONTEXT, 0)) {
            malformed(ts, where + " PDV list without single-ASN1-type data" + why(pdv));
            return null;
        }
        return pdv.content();
    }

    private static String why(BerReader r) {
        return r.error() != null ? ": " + r.error() : "";
    }

    // ---------------------------------------------------------------- MMS

    private static final long ABSENT_ID = MmsDetail.ABSENT;
    private static final MmsDetail NO_DETAIL = new MmsDetail(null, ABSENT_ID, MmsDetail.ABSENT, null, null, null,
            null, MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, null);

    private void mmsPdu(boolean toServer, BerReader r, long ts) {
        if (!r.next() || r.tagClass() != BerReader.CONTEXT) {
            malformed(ts, "MMS PDU missing or not context-tagged" + why(r));
            return;
        }
        int type = r.tagNumber();
        BerReader body = r.content();
        switch (type) {
            case 0 -> confirmedRequest(toServer, body, ts);
            case 1 -> confirmedResponse(toServer, body, ts, false);
            case 2 -> confirmedResponse(toServer, body, ts, true);
            case 3 -> unconfirmed(body, ts);
            case 4 -> reject(toServer, body, ts);
            case 5 -> output.event(new OtEvent(ts, -1, flow, PROTOCOL, "cancel", EventCategory.OTHER,
                    Outcome.UNKNOWN, null, detail("cancel_request", r.unsigned(), MmsDetail.ABSENT, null,
                    MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, null)));
            case 6, 7 -> { } // cancel response / error: the cancel request was reported
            case 8 -> {
                if (initiate != null) {
                    emitRequestAlone(initiate);
                }
                initiate = new Request(ts, ABSENT_ID, MmsDetail.ABSENT, "initiate_request");
                initiate.version = initVersion(body);
            }
            case 9, 10 -> {
                Request req = initiate;
                initiate = null;
                boolean ok = type == 9;
                emit(ts, req, "initiate", EventCategory.OTHER, ok ? Outcome.SUCCESS : Outcome.FAILURE,
                        ok ? null : "MMS initiate refused (initiate-ErrorPDU)",
                        detail(req != null ? req.pduType : null, ABSENT_ID, MmsDetail.ABSENT, req,
                                MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT,
                                ok ? initVersion(body) : MmsDetail.ABSENT,
                                ok ? "initiate_response" : "initiate_error"));
            }
            case 11 -> {
                if (conclude != null) {
                    emitRequestAlone(conclude);
                }
                conclude = new Request(ts, ABSENT_ID, MmsDetail.ABSENT, "conclude_request");
            }
            case 12, 13 -> {
                Request req = conclude;
                conclude = null;
                boolean ok = type == 12;
                emit(ts, req, "conclude", EventCategory.OTHER, ok ? Outcome.SUCCESS : Outcome.FAILURE,
                        ok ? null : "MMS conclude refused (conclude-ErrorPDU)",
                        detail(req != null ? req.pduType : null, ABSENT_ID, MmsDetail.ABSENT, req,
                                MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT,
                                ok ? "conclude_response" : "conclude_error"));
            }
            default -> malformed(ts, "MMS PDU type [" + type + "] is not defined by ISO 9506-2");
        }
    }

    /** mmsInitRequestDetail / mmsInitResponseDetail [4] → proposed / negotiated version number [0]. */
    private static int initVersion(BerReader body) {
        if (!body.find(BerReader.CONTEXT, 4)) {
            return MmsDetail.ABSENT;
        }
        BerReader detail = body.content();
        return detail.find(BerReader.CONTEXT, 0) ? (int) Math.min(detail.unsigned(), Integer.MAX_VALUE)
                : MmsDetail.ABSENT;
    }

    private void confirmedRequest(boolean toServer, BerReader body, long ts) {
        if (!body.find(BerReader.UNIVERSAL, 2)) {
            malformed(ts, "MMS confirmed-RequestPDU without an invoke id" + why(body));
            return;
        }
        long invokeId = body.unsigned();
        int service = MmsDetail.ABSENT;
        BerReader serviceBody = null;
        while (body.next()) {
            if (body.tagClass() == BerReader.CONTEXT) {
                service = body.tagNumber();
                serviceBody = body.content();
                break;
            }
        }
        if (service == MmsDetail.ABSENT) {
            malformed(ts, "MMS confirmed-RequestPDU " + invokeId + " without a service" + why(body));
            return;
        }
        Request req = new Request(ts, invokeId, service, "confirmed_request");
        readArguments(req, service, serviceBody, body);
        long key = key(invokeId, toServer);
        Request replaced = pending.remove(key);
        if (replaced != null) {
            emitRequestAlone(replaced);
        }
        if (pending.size() >= MAX_PENDING) {
            Iterator<Request> oldest = pending.values().iterator();
            emitRequestAlone(oldest.next());
            oldest.remove();
        }
        pending.put(key, req);
    }

    /** The names a request is about: variables read, written or described; files; program invocations. */
    private static void readArguments(Request req, int service, BerReader args, BerReader element) {
        switch (service) {
            case MmsService.READ -> {
                // Read-Request: specificationWithResult [0] OPTIONAL, variableAccessSpecification [1]
                if (args.find(BerReader.CONTEXT, 1)) {
                    variableAccess(req, args.content());
                }
            }
            case MmsService.WRITE -> variableAccess(req, args);
            case MmsService.GET_VARIABLE_ACCESS_ATTRIBUTES -> {
                if (args.find(BerReader.CONTEXT, 0)) {
                    addName(req, args.content());
                }
            }
            case MmsService.DELETE_PROGRAM_INVOCATION -> req.programInvocation = element.text(MAX_NAME);
            case 38, 40, 41, 42, 43, MmsService.KILL -> {
                // create/start/stop/resume/reset/kill: programInvocationName Identifier first
                if (args.next() && args.tagClass() == BerReader.UNIVERSAL) {
                    req.programInvocation = args.text(MAX_NAME);
                }
            }
            case MmsService.FILE_OPEN, MmsService.FILE_RENAME, MmsService.FILE_DIRECTORY -> {
                if (args.find(BerReader.CONTEXT, 0)) {
                    req.fileName = fileName(args.content());
                }
            }
            case MmsService.FILE_DELETE -> req.fileName = fileName(args);
            default -> { }
        }
    }

    /** VariableAccessSpecification: listOfVariable [0] (each variableSpecification name [0]) or variableListName [1]. */
    private static void variableAccess(Request req, BerReader spec) {
        if (!spec.next() || spec.tagClass() != BerReader.CONTEXT) {
            return;
        }
        if (spec.tagNumber() == 1) {
            BerReader listName = spec.content();
            String name = objectName(listName);
            if (name != null) {
                req.variableListName = name;
            }
            return;
        }
        if (spec.tagNumber() != 0) {
            return;
        }
        BerReader list = spec.content();
        while (list.next() && req.variables.size() < MmsDetail.MAX_VARIABLES) {
            BerReader entry = list.content();
            if (entry.find(BerReader.CONTEXT, 0)) {
                addName(req, entry.content());
            }
        }
    }

    private static void addName(Request req, BerReader objectName) {
        String name = objectName(objectName);
        if (name != null && req.variables.size() < MmsDetail.MAX_VARIABLES) {
            req.variables.add(name);
        }
    }

    /** ObjectName: vmd-specific [0] Identifier, domain-specific [1] {domainId, itemId}, aa-specific [2]. */
    private static String objectName(BerReader r) {
        if (!r.next() || r.tagClass() != BerReader.CONTEXT) {
            return null;
        }
        switch (r.tagNumber()) {
            case 0, 2 -> {
                return r.text(MAX_NAME);
            }
            case 1 -> {
                BerReader parts = r.content();
                if (!parts.next()) {
                    return null;
                }
                String domain = parts.text(MAX_NAME);
                return parts.next() ? domain + "/" + parts.text(MAX_NAME) : domain;
            }
            default -> {
                return null;
            }
        }
    }

    /** FileName: SEQUENCE OF GraphicString, joined with '/'. */
    private static String fileName(BerReader parts) {
        StringBuilder s = new StringBuilder();
        while (parts.next() && s.length() < MAX_NAME) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(parts.text(MAX_NAME));
        }
        return s.length() == 0 ? null : s.toString();
    }

    private void confirmedResponse(boolean toServer, BerReader body, long ts, boolean error) {
        long invokeId;
        int service = MmsDetail.ABSENT;
        int errorClass = MmsDetail.ABSENT;
        int errorCode = MmsDetail.ABSENT;
        if (error) {
            // ConfirmedErrorPDU: invokeID [0], modifierPosition [1] OPTIONAL, serviceError [2] {errorClass [0] CHOICE}
            if (!body.find(BerReader.CONTEXT, 0)) {
                malformed(ts, "MMS confirmed-ErrorPDU without an invoke id" + why(body));
                return;
            }
            invokeId = body.unsigned();
            if (body.find(BerReader.CONTEXT, 2)) {
                BerReader serviceError = body.content();
                if (serviceError.find(BerReader.CONTEXT, 0)) {
                    BerReader errorClassChoice = serviceError.content();
                    if (errorClassChoice.next()) {
                        errorClass = errorClassChoice.tagNumber();
                        errorCode = (int) Math.min(errorClassChoice.unsigned(), Integer.MAX_VALUE);
                    }
                }
            }
        } else {
            if (!body.find(BerReader.UNIVERSAL, 2)) {
                malformed(ts, "MMS confirmed-ResponsePDU without an invoke id" + why(body));
                return;
            }
            invokeId = body.unsigned();
            while (body.next()) {
                if (body.tagClass() == BerReader.CONTEXT) {
                    service = body.tagNumber();
                    break;
                }
            }
        }
        Request req = pending.remove(key(invokeId, !toServer));
        int code = req != null ? req.service : service;
        String errorText = error ? "MMS service error class " + errorClass + " code " + errorCode : null;
        emit(ts, req, MmsService.name(code), MmsService.category(code), error ? Outcome.FAILURE : Outcome.SUCCESS,
                errorText, detail(req != null ? req.pduType : null, invokeId, code, req, errorClass, errorCode,
                        MmsDetail.ABSENT, MmsDetail.ABSENT, error ? "confirmed_error" : "confirmed_response"));
    }

    private void unconfirmed(BerReader body, long ts) {
        if (!body.next() || body.tagClass() != BerReader.CONTEXT) {
            malformed(ts, "MMS unconfirmed-PDU without a service" + why(body));
            return;
        }
        int service = body.tagNumber();
        String action = switch (service) {
            case 0 -> "information_report";
            case 1 -> "unsolicited_status";
            case 2 -> "event_notification";
            default -> "unknown_unconfirmed_service";
        };
        Request report = new Request(ts, ABSENT_ID, service, "unconfirmed");
        if (service == 0) {
            variableAccess(report, body.content());
        }
        output.event(new OtEvent(ts, -1, flow, PROTOCOL, action, service == 0 ? EventCategory.READ
                : EventCategory.OTHER, Outcome.UNKNOWN, null, detail("unconfirmed", ABSENT_ID, service, report,
                MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, MmsDetail.ABSENT, null)));
    }

    /** RejectPDU: originalInvokeID [0] OPTIONAL, rejectReason CHOICE (the rejected PDU's kind) with a code. */
    private void reject(boolean toServer, BerReader body, long ts) {
        long invokeId = ABSENT_ID;
        int reason = MmsDetail.ABSENT;
        while (body.next()) {
            if (body.tagClass() == BerReader.CONTEXT && body.tagNumber() == 0) {
                invokeId = body.unsigned();
            } else if (body.tagClass() == BerReader.CONTEXT) {
                reason = body.tagNumber() << 8 | (int) Math.max(0, Math.min(body.unsigned(), 0xFF));
                break;
            }
        }
        Request req = invokeId >= 0 ? pending.remove(key(invokeId, !toServer)) : null;
        int code = req != null ? req.service : MmsDetail.ABSENT;
        emit(ts, req, req != null ? MmsService.name(code) : "reject", req != null ? MmsService.category(code)
                : EventCategory.OTHER, Outcome.FAILURE, "MMS reject, reason 0x" + Integer.toHexString(reason),
                detail(req != null ? req.pduType : "reject", invokeId, code, req, MmsDetail.ABSENT,
                        MmsDetail.ABSENT, reason, MmsDetail.ABSENT, req != null ? "reject" : null));
    }

    // ---------------------------------------------------------------- events

    /** A message of the MMS stack that could not be read: reported as an MMS malformed message. */
    private void malformed(long ts, String reason) {
        output.malformed(new OtEvent(ts, -1, flow, PROTOCOL, DecoderBinding.MALFORMED_ACTION, EventCategory.OTHER,
                Outcome.FAILURE, reason, NO_DETAIL, true));
    }

    private static long key(long invokeId, boolean requestToServer) {
        return invokeId << 1 | (requestToServer ? 0 : 1);
    }

    private void emitRequestAlone(Request r) {
        String action = r.pduType.equals("initiate_request") ? "initiate"
                : r.pduType.equals("conclude_request") ? "conclude" : MmsService.name(r.service);
        EventCategory category = r.service == MmsDetail.ABSENT ? EventCategory.OTHER : MmsService.category(r.service);
        output.event(new OtEvent(r.ts, -1, flow, PROTOCOL, action, category, Outcome.UNKNOWN, null,
                detail(r.pduType, r.invokeId, r.service, r, MmsDetail.ABSENT, MmsDetail.ABSENT,
                        MmsDetail.ABSENT, r.version, null)));
    }

    private void emit(long ts, Request req, String action, EventCategory category, Outcome outcome, String error,
                      MmsDetail detail) {
        long start = req != null ? req.ts : ts;
        long duration = req != null ? Math.max(0, ts - req.ts) : -1;
        output.event(new OtEvent(start, duration, flow, PROTOCOL, action, category, outcome, error, detail));
    }

    private static MmsDetail detail(String pduType, long invokeId, int service, Request req,
                                    int errorClass, int errorCode, int rejectReason, int version,
                                    String responsePduType) {
        List<String> variables = req != null && !req.variables.isEmpty() ? List.copyOf(req.variables) : null;
        return new MmsDetail(pduType, invokeId, service, variables, req != null ? req.fileName : null,
                req != null ? req.programInvocation : null, req != null ? req.variableListName : null, errorClass,
                errorCode, rejectReason, version != MmsDetail.ABSENT ? version
                : req != null ? req.version : MmsDetail.ABSENT, responsePduType);
    }

    /** A request waiting for its answer, with what it named. */
    private static final class Request {
        final long ts;
        final long invokeId;
        final int service;
        final String pduType;
        final List<String> variables = new ArrayList<>(2);
        String fileName;
        String programInvocation;
        String variableListName;
        int version = MmsDetail.ABSENT;

        Request(long ts, long invokeId, int service, String pduType) {
            this.ts = ts;
            this.invokeId = invokeId;
            this.service = service;
            this.pduType = pduType;
        }
    }
}
