package io.otsoc.collector.protocol.opcua;

/**
 * Reads the request and response headers (OPC 10000-4, 7.33 and 7.34) and the parts of service bodies that tell
 * who and what: OpenSecureChannel (5.5.2), GetEndpoints and FindServers (5.4), CreateSession and ActivateSession
 * (5.6), and the item counts of Read, Write, Call, Browse and the like. Field layouts follow the binary encoding of
 * OPC 10000-6; every read is bounded by {@link UaReader}.
 */
final class ServiceBodies {

    /** UserIdentityToken binary encoding ids (NodeIds.csv). */
    static final int ANONYMOUS_TOKEN = 321;
    static final int USER_NAME_TOKEN = 324;
    static final int X509_TOKEN = 327;
    static final int ISSUED_TOKEN = 940;

    private ServiceBodies() {
    }

    static void requestHeader(UaReader r, UaMessage m) {
        r.nodeId("RequestHeader authenticationToken");
        r.i64("RequestHeader timestamp");
        m.requestHandle = r.u32("RequestHeader requestHandle");
        r.u32("RequestHeader returnDiagnostics");
        r.string("RequestHeader auditEntryId");
        m.timeoutHint = r.u32("RequestHeader timeoutHint");
        r.extensionObject("RequestHeader additionalHeader");
    }

    static void responseHeader(UaReader r, UaMessage m) {
        r.i64("ResponseHeader timestamp");
        m.requestHandle = r.u32("ResponseHeader requestHandle");
        m.serviceResult = r.u32("ResponseHeader serviceResult");
        r.diagnosticInfo("ResponseHeader serviceDiagnostics", 0);
        r.strings("ResponseHeader stringTable");
        r.extensionObject("ResponseHeader additionalHeader");
    }

    static void request(UaService s, UaReader r, UaMessage m) {
        switch (s) {
            case OPEN_SECURE_CHANNEL -> {
                r.u32("clientProtocolVersion");
                m.requestType = r.u32("requestType");
                m.securityMode = r.u32("securityMode");
                r.byteString("clientNonce");
                m.lifetime = r.u32("requestedLifetime");
            }
            case GET_ENDPOINTS, FIND_SERVERS -> m.endpointUrl = r.string("endpointUrl");
            case CREATE_SESSION -> {
                applicationDescription(r, m);
                m.serverUri = r.string("serverUri");
                m.endpointUrl = r.string("endpointUrl");
                m.sessionName = r.string("sessionName");
                r.byteString("clientNonce");
                r.byteString("clientCertificate");
                m.sessionTimeout = r.dbl("requestedSessionTimeout");
                m.maxPeerMessageSize = r.u32("maxResponseMessageSize");
            }
            case ACTIVATE_SESSION -> activateSession(r, m);
            case READ -> {
                r.dbl("maxAge");
                r.u32("timestampsToReturn");
                m.itemCount = r.arrayLength("nodesToRead", 1);
            }
            case BROWSE -> {
                r.nodeId("view viewId");
                r.i64("view timestamp");
                r.u32("view viewVersion");
                r.u32("requestedMaxReferencesPerNode");
                m.itemCount = r.arrayLength("nodesToBrowse", 1);
            }
            case WRITE, CALL, TRANSLATE_BROWSE_PATHS_TO_NODE_IDS, REGISTER_NODES, UNREGISTER_NODES, ADD_NODES,
                 ADD_REFERENCES, DELETE_NODES, DELETE_REFERENCES -> m.itemCount = r.arrayLength("items", 1);
            default -> { }
        }
    }

    static void response(UaService s, UaReader r, UaMessage m) {
        switch (s) {
            case OPEN_SECURE_CHANNEL -> {
                r.u32("serverProtocolVersion");
                m.tokenChannelId = r.u32("securityToken channelId");
                m.tokenId = r.u32("securityToken tokenId");
                r.i64("securityToken createdAt");
                m.lifetime = r.u32("securityToken revisedLifetime");
                r.byteString("serverNonce");
            }
            case GET_ENDPOINTS -> endpoints(r, m);
            case FIND_SERVERS -> {
                int n = r.arrayLength("servers", 4);
                for (int i = 0; i < n && r.ok(); i++) {
                    applicationDescription(r, m);
                }
            }
            case CREATE_SESSION -> {
                r.nodeId("sessionId");
                r.nodeId("authenticationToken");
                m.sessionTimeout = r.dbl("revisedSessionTimeout");
                r.byteString("serverNonce");
                r.byteString("serverCertificate");
                endpoints(r, m);
                int certs = r.arrayLength("serverSoftwareCertificates", 8);
                for (int i = 0; i < certs && r.ok(); i++) {
                    r.byteString("certificateData");
                    r.byteString("signature");
                }
                r.string("serverSignature algorithm");
                r.byteString("serverSignature signature");
                m.maxPeerMessageSize = r.u32("maxRequestMessageSize");
            }
            default -> { }
        }
    }

    /** ApplicationDescription (7.2); the first one read names the application. */
    private static void applicationDescription(UaReader r, UaMessage m) {
        String uri = r.string("applicationUri");
        String product = r.string("productUri");
        String name = r.localizedText("applicationName");
        long type = r.u32("applicationType");
        r.string("gatewayServerUri");
        r.string("discoveryProfileUri");
        r.strings("discoveryUrls");
        if (r.ok() && m.applicationUri == null && m.applicationName == null) {
            m.applicationUri = uri;
            m.productUri = product;
            m.applicationName = name;
            m.applicationType = type;
        }
    }

    /** EndpointDescription[] (7.14). */
    private static void endpoints(UaReader r, UaMessage m) {
        int n = r.arrayLength("endpoints", 4);
        m.endpointCount = n;
        for (int i = 0; i < n && r.ok(); i++) {
            m.addEndpointUrl(r.string("endpointUrl"));
            applicationDescription(r, m);
            r.byteString("serverCertificate");
            r.u32("securityMode");
            r.string("securityPolicyUri");
            int tokens = r.arrayLength("userIdentityTokens", 4);
            for (int k = 0; k < tokens && r.ok(); k++) {
                r.string("policyId");
                r.u32("tokenType");
                r.string("issuedTokenType");
                r.string("issuerEndpointUrl");
                r.string("securityPolicyUri");
            }
            r.string("transportProfileUri");
            r.u8("securityLevel");
        }
    }

    /** ActivateSession request: only the identity token's type and whether a user name was given are kept. */
    private static void activateSession(UaReader r, UaMessage m) {
        r.string("clientSignature algorithm");
        r.byteString("clientSignature signature");
        int certs = r.arrayLength("clientSoftwareCertificates", 8);
        for (int i = 0; i < certs && r.ok(); i++) {
            r.byteString("certificateData");
            r.byteString("signature");
        }
        r.strings("localeIds");
        NodeId type = r.nodeId("userIdentityToken type");
        int encoding = r.u8("userIdentityToken encoding");
        if (!r.ok() || type == null) {
            return;
        }
        long id = type.standardId();
        m.identityTokenType = id == ANONYMOUS_TOKEN ? "anonymous" : id == USER_NAME_TOKEN ? "username"
                : id == X509_TOKEN ? "x509" : id == ISSUED_TOKEN ? "issued"
                : id == 0 && encoding == 0 ? "none" : "unknown";
        if (encoding == 1 && id == USER_NAME_TOKEN) {
            int length = r.i32("userIdentityToken length");
            if (!r.ok() || length < 0 || length > r.remaining()) {
                r.fail("userIdentityToken length " + length + " does not fit the " + r.remaining() + " bytes left");
                return;
            }
            r.string("policyId");
            String user = r.string("userName");
            m.userNamePresent = user != null && !user.isEmpty();
            // the password and its encryption algorithm follow; they are stepped over by the caller's bounds
        }
    }
}
