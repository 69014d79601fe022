package io.otsoc.collector.protocol.opcua;

import java.util.ArrayList;
import java.util.List;

/**
 * What one OPC UA message (one chunk, or the chunks of one reassembled message) carried, as far as it was decoded.
 * Filled by the decoder while it reads one message and never changed once handed to an {@link OpcuaDetail}.
 * Numbers not carried are {@link #ABSENT}, texts null.
 */
final class UaMessage {

    static final long ABSENT = -1;
    /** The most endpoint URLs kept from one GetEndpoints or CreateSession response. */
    static final int MAX_ENDPOINTS = 16;

    /** When the message's first byte arrived. */
    long timestampMicros;
    /** When its last byte arrived. */
    long completedMicros;
    String messageType;
    char chunkType = 'F';
    long size;
    int chunks = 1;

    // ERR and abort chunks
    long errorCode = ABSENT;
    String reason;

    // HEL, ACK, RHE
    long protocolVersion = ABSENT;
    long receiveBufferSize = ABSENT;
    long sendBufferSize = ABSENT;
    long maxMessageSize = ABSENT;
    long maxChunkCount = ABSENT;
    String endpointUrl;
    String serverUri;

    // secure conversation headers
    long secureChannelId = ABSENT;
    String securityPolicyUri;
    long senderCertificateLength = ABSENT;
    long tokenId = ABSENT;
    long sequenceNumber = ABSENT;
    long requestId = ABSENT;
    /** The body is signed and encrypted (or only signed) and was not decoded. */
    boolean secured;

    // service
    NodeId encoding;
    UaService service;
    boolean request;
    long requestHandle = ABSENT;
    long timeoutHint = ABSENT;
    long serviceResult = ABSENT;

    // OpenSecureChannel
    long requestType = ABSENT;
    long securityMode = ABSENT;
    long lifetime = ABSENT;
    long tokenChannelId = ABSENT;

    // sessions and discovery
    String applicationUri;
    String productUri;
    String applicationName;
    long applicationType = ABSENT;
    String sessionName;
    double sessionTimeout = Double.NaN;
    long maxPeerMessageSize = ABSENT;
    String identityTokenType;
    Boolean userNamePresent;
    /** The endpoint URL of each EndpointDescription of a GetEndpoints or CreateSession response. */
    List<String> endpointUrls;
    /** How many EndpointDescriptions the response carried. */
    long endpointCount = ABSENT;

    long itemCount = ABSENT;

    /** Adds one EndpointDescription's URL (kept in order, repeats included, up to {@link #MAX_ENDPOINTS}). */
    void addEndpointUrl(String url) {
        if (endpointUrls == null) {
            endpointUrls = new ArrayList<>();
        }
        if (endpointUrls.size() < MAX_ENDPOINTS) {
            endpointUrls.add(url == null ? "" : url);
        }
    }

    /** The service's encoding name, e.g. {@code ReadRequest}, or null when no known service was read. */
    String serviceName() {
        return service == null ? null : service.encodingName(request);
    }
}
