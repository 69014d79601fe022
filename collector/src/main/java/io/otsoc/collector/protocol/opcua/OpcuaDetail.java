package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import static io.otsoc.collector.protocol.opcua.UaMessage.ABSENT;

/**
 * One OPC UA exchange: the client's message ({@code request}: HEL, OPN/MSG request, CLO) and/or the server's
 * ({@code response}: ACK, ERR, RHE, OPN/MSG response); either may be null, not both. {@link #writeFields} writes the
 * {@code otsoc.opcua.*} fields of the ECS template. Passwords and user names are never kept: an ActivateSession
 * tells only its identity token type and whether a user name was given.
 */
public record OpcuaDetail(UaMessage request, UaMessage response) implements ProtocolDetail {

    public OpcuaDetail {
        if (request == null && response == null) {
            throw new IllegalArgumentException("an exchange has at least one message");
        }
    }

    UaMessage first() {
        return request != null ? request : response;
    }

    public String messageType() {
        return first().messageType;
    }

    /** Bytes of every chunk of both messages, as ICSNPP's {@code msg_size}. */
    public long messageSize() {
        return (request != null ? request.size : 0) + (response != null ? response.size : 0);
    }

    /** The secure channel the exchange belongs to: the one the server assigned in an OPN response, else the header's. */
    public long secureChannelId() {
        if (response != null && response.tokenChannelId != ABSENT) {
            return response.tokenChannelId;
        }
        if (request != null && request.secureChannelId != ABSENT && request.secureChannelId != 0) {
            return request.secureChannelId;
        }
        return response != null && response.secureChannelId != ABSENT ? response.secureChannelId
                : request != null ? request.secureChannelId : ABSENT;
    }

    public long statusCode() {
        if (response != null && response.serviceResult != ABSENT) {
            return response.serviceResult;
        }
        UaMessage m = response != null && response.errorCode != ABSENT ? response : request;
        return m != null ? m.errorCode : ABSENT;
    }

    @Override
    public void writeFields(DetailWriter out) {
        UaMessage a = first();
        text(out, "message_type", a.messageType);
        out.number("message_size", messageSize());
        out.number("chunk_count", (request != null ? request.chunks : 0) + (response != null ? response.chunks : 0));
        number(out, "status_code", statusCode());
        String reason = response != null && response.reason != null ? response.reason
                : request != null ? request.reason : null;
        text(out, "reason", reason);
        number(out, "protocol_version", a.protocolVersion);
        number(out, "receive_buffer_size", a.receiveBufferSize);
        number(out, "send_buffer_size", a.sendBufferSize);
        number(out, "max_message_size", a.maxMessageSize);
        number(out, "max_chunk_count", a.maxChunkCount);
        number(out, "secure_channel_id", secureChannelId());
        text(out, "security_policy_uri", request != null && request.securityPolicyUri != null
                ? request.securityPolicyUri : response != null ? response.securityPolicyUri : null);
        if ("OPN".equals(a.messageType)) {
            // the raw Int32: -1 is a null certificate (policy None)
            out.number("sender_certificate_length", a.senderCertificateLength);
        }
        long token = response != null && response.tokenId != ABSENT && "OPN".equals(response.messageType)
                ? response.tokenId : a.tokenId;
        number(out, "security_token_id", token);
        if (request != null) {
            text(out, "request_type", requestType(request.requestType));
            text(out, "security_mode", securityMode(request.securityMode));
            number(out, "requested_lifetime", request.lifetime);
            number(out, "request_sequence_number", request.sequenceNumber);
            number(out, "request_handle", request.requestHandle);
            number(out, "timeout_hint", request.timeoutHint);
            number(out, "item_count", request.itemCount);
        }
        if (response != null) {
            number(out, "revised_lifetime", response.lifetime);
            number(out, "response_sequence_number", response.sequenceNumber);
        }
        number(out, "request_id", a.requestId != ABSENT ? a.requestId : response != null ? response.requestId : ABSENT);
        if (a.encoding != null) {
            out.number("encoding_mask", a.encoding.encodingMask());
            out.number("namespace_index", a.encoding.namespace());
            number(out, "service_node_id", a.encoding.numeric());
            text(out, "service", a.serviceName());
        }
        if (request != null && response != null && response.encoding != null) {
            number(out, "response_node_id", response.encoding.numeric());
            text(out, "response_service", response.serviceName());
        }
        if (a.secured || (response != null && response.secured)) {
            out.flag("secured", true);
        }
        String endpoint = request != null && request.endpointUrl != null ? request.endpointUrl
                : response != null ? response.endpointUrl : null;
        text(out, "endpoint_url", endpoint);
        if (request != null) {
            text(out, "application_uri", request.applicationUri);
            text(out, "product_uri", request.productUri);
            text(out, "application_name", request.applicationName);
            number(out, "application_type", request.applicationType);
            text(out, "session_name", request.sessionName);
            if (!Double.isNaN(request.sessionTimeout)) {
                out.decimal("requested_session_timeout", request.sessionTimeout);
            }
            number(out, "max_response_message_size", request.maxPeerMessageSize);
            text(out, "identity_token_type", request.identityTokenType);
            if (request.userNamePresent != null) {
                out.flag("user_name_present", request.userNamePresent);
            }
        }
        if (response != null) {
            text(out, "server_uri", response.serverUri);
            text(out, "server_application_uri", response.applicationUri);
            text(out, "server_product_uri", response.productUri);
            text(out, "server_application_name", response.applicationName);
            if (!Double.isNaN(response.sessionTimeout)) {
                out.decimal("revised_session_timeout", response.sessionTimeout);
            }
            number(out, "max_request_message_size", response.maxPeerMessageSize);
            number(out, "endpoint_count", response.endpointCount);
            if (response.endpointUrls != null && !response.endpointUrls.isEmpty()) {
                out.texts("endpoint_urls", response.endpointUrls.stream().distinct().toList());
            }
        }
    }

    /**
     * The application description a GetEndpoints or CreateSession response gives of the server itself (name and
     * product URI), else the one a CreateSession request gives of the client. FindServers answers describe other
     * servers and are not used.
     */
    @Override
    public AssetFacts assetFacts() {
        if (response != null && (response.service == UaService.GET_ENDPOINTS
                || response.service == UaService.CREATE_SESSION)
                && (response.applicationName != null || response.productUri != null)) {
            return new AssetFacts(AssetFacts.Side.SERVER, null, response.productUri, null, null,
                    response.applicationName, null);
        }
        if (request != null && request.service == UaService.CREATE_SESSION
                && (request.applicationName != null || request.productUri != null)) {
            return new AssetFacts(AssetFacts.Side.CLIENT, null, request.productUri, null, null,
                    request.applicationName, null);
        }
        return null;
    }

    static String requestType(long t) {
        return t == ABSENT ? null : t == 0 ? "issue" : t == 1 ? "renew" : "unknown_" + t;
    }

    static String securityMode(long m) {
        return switch ((int) m) {
            case -1 -> null;
            case 0 -> "invalid";
            case 1 -> "none";
            case 2 -> "sign";
            case 3 -> "sign_and_encrypt";
            default -> "unknown_" + m;
        };
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
