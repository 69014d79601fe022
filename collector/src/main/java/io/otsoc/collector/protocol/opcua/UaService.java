package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.EventCategory;

import java.util.HashMap;
import java.util.Map;

/**
 * The services of OPC 10000-4 by the numeric namespace-0 NodeIds of their request and response binary encodings
 * (OPC 10000-6 annex A, NodeIds.csv: {@code <Service>Request_Encoding_DefaultBinary}), with the canonical
 * snake_case action and the event category.
 */
enum UaService {
    SERVICE_FAULT("service_fault", -1, 397, EventCategory.OTHER),
    FIND_SERVERS("find_servers", 422, 425, EventCategory.DISCOVERY),
    FIND_SERVERS_ON_NETWORK("find_servers_on_network", 12208, 12209, EventCategory.DISCOVERY),
    GET_ENDPOINTS("get_endpoints", 428, 431, EventCategory.DISCOVERY),
    REGISTER_SERVER("register_server", 437, 440, EventCategory.DISCOVERY),
    REGISTER_SERVER2("register_server2", 12211, 12212, EventCategory.DISCOVERY),
    OPEN_SECURE_CHANNEL("open_secure_channel", 446, 449, EventCategory.AUTH),
    CLOSE_SECURE_CHANNEL("close_secure_channel", 452, 455, EventCategory.AUTH),
    CREATE_SESSION("create_session", 461, 464, EventCategory.AUTH),
    ACTIVATE_SESSION("activate_session", 467, 470, EventCategory.AUTH),
    CLOSE_SESSION("close_session", 473, 476, EventCategory.AUTH),
    CANCEL("cancel", 479, 482, EventCategory.OTHER),
    ADD_NODES("add_nodes", 488, 491, EventCategory.WRITE),
    ADD_REFERENCES("add_references", 494, 497, EventCategory.WRITE),
    DELETE_NODES("delete_nodes", 500, 503, EventCategory.WRITE),
    DELETE_REFERENCES("delete_references", 506, 509, EventCategory.WRITE),
    BROWSE("browse", 527, 530, EventCategory.READ),
    BROWSE_NEXT("browse_next", 533, 536, EventCategory.READ),
    TRANSLATE_BROWSE_PATHS_TO_NODE_IDS("translate_browse_paths_to_node_ids", 554, 557, EventCategory.READ),
    REGISTER_NODES("register_nodes", 560, 563, EventCategory.READ),
    UNREGISTER_NODES("unregister_nodes", 566, 569, EventCategory.READ),
    QUERY_FIRST("query_first", 615, 618, EventCategory.READ),
    QUERY_NEXT("query_next", 621, 624, EventCategory.READ),
    READ("read", 631, 634, EventCategory.READ),
    HISTORY_READ("history_read", 664, 667, EventCategory.READ),
    WRITE("write", 673, 676, EventCategory.WRITE),
    HISTORY_UPDATE("history_update", 700, 703, EventCategory.WRITE),
    CALL("call", 712, 715, EventCategory.CONTROL),
    CREATE_MONITORED_ITEMS("create_monitored_items", 751, 754, EventCategory.OTHER),
    MODIFY_MONITORED_ITEMS("modify_monitored_items", 763, 766, EventCategory.OTHER),
    SET_MONITORING_MODE("set_monitoring_mode", 769, 772, EventCategory.OTHER),
    SET_TRIGGERING("set_triggering", 775, 778, EventCategory.OTHER),
    DELETE_MONITORED_ITEMS("delete_monitored_items", 781, 784, EventCategory.OTHER),
    CREATE_SUBSCRIPTION("create_subscription", 787, 790, EventCategory.OTHER),
    MODIFY_SUBSCRIPTION("modify_subscription", 793, 796, EventCategory.OTHER),
    SET_PUBLISHING_MODE("set_publishing_mode", 799, 802, EventCategory.OTHER),
    PUBLISH("publish", 826, 829, EventCategory.OTHER),
    REPUBLISH("republish", 832, 835, EventCategory.OTHER),
    TRANSFER_SUBSCRIPTIONS("transfer_subscriptions", 841, 844, EventCategory.OTHER),
    DELETE_SUBSCRIPTIONS("delete_subscriptions", 847, 850, EventCategory.OTHER);

    private static final Map<Long, UaService> BY_REQUEST = new HashMap<>();
    private static final Map<Long, UaService> BY_RESPONSE = new HashMap<>();

    static {
        for (UaService s : values()) {
            if (s.requestId >= 0) {
                BY_REQUEST.put((long) s.requestId, s);
            }
            BY_RESPONSE.put((long) s.responseId, s);
        }
    }

    final String action;
    final int requestId;
    final int responseId;
    final EventCategory category;

    UaService(String action, int requestId, int responseId, EventCategory category) {
        this.action = action;
        this.requestId = requestId;
        this.responseId = responseId;
        this.category = category;
    }

    static UaService request(long encodingId) {
        return BY_REQUEST.get(encodingId);
    }

    static UaService response(long encodingId) {
        return BY_RESPONSE.get(encodingId);
    }

    /** The encoding's name as NodeIds.csv spells it without the suffix, e.g. {@code ReadRequest}. */
    String encodingName(boolean request) {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        if (this == SERVICE_FAULT) {
            return "ServiceFault";
        }
        return sb + (request ? "Request" : "Response");
    }
}
