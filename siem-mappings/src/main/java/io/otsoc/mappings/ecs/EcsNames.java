package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Field names and fixed values of the documents, encoded once: a {@link SerializedString} keeps its quoted UTF-8
 * bytes, so the generator copies them instead of escaping and encoding a String per document.
 */
final class EcsNames {

    private EcsNames() {
    }

    static SerializedString s(String value) {
        return new SerializedString(value);
    }

    /** ECS release the documents follow (the shared spec's {@code version} file). */
    static final String ECS_VERSION = "9.4.0";

    // Top level
    static final SerializedString TIMESTAMP = s("@timestamp");
    static final SerializedString ECS = s("ecs");
    static final SerializedString VERSION = s("version");
    static final SerializedString EVENT = s("event");
    static final SerializedString OBSERVER = s("observer");
    static final SerializedString NETWORK = s("network");
    static final SerializedString SOURCE = s("source");
    static final SerializedString DESTINATION = s("destination");
    static final SerializedString RELATED = s("related");
    static final SerializedString ERROR = s("error");
    static final SerializedString HOST = s("host");
    static final SerializedString RULE = s("rule");
    static final SerializedString THREAT = s("threat");
    static final SerializedString MESSAGE = s("message");
    static final SerializedString OTSOC = s("otsoc");

    // event.*
    static final SerializedString KIND = s("kind");
    static final SerializedString CATEGORY = s("category");
    static final SerializedString TYPE = s("type");
    static final SerializedString MODULE = s("module");
    static final SerializedString DATASET = s("dataset");
    static final SerializedString ACTION = s("action");
    static final SerializedString OUTCOME = s("outcome");
    static final SerializedString DURATION = s("duration");
    static final SerializedString START = s("start");
    static final SerializedString END = s("end");
    static final SerializedString SEVERITY = s("severity");
    static final SerializedString RISK_SCORE = s("risk_score");

    // observer.*, network.*, endpoints, host.*
    static final SerializedString NAME = s("name");
    static final SerializedString VENDOR = s("vendor");
    static final SerializedString MODEL = s("model");
    static final SerializedString FIRMWARE = s("firmware");
    static final SerializedString SERIAL = s("serial");
    static final SerializedString DEVICE_TYPE = s("device_type");
    static final SerializedString PRODUCT = s("product");
    static final SerializedString PROTOCOL = s("protocol");
    static final SerializedString TRANSPORT = s("transport");
    static final SerializedString COMMUNITY_ID = s("community_id");
    static final SerializedString VLAN = s("vlan");
    static final SerializedString ID = s("id");
    static final SerializedString IP = s("ip");
    static final SerializedString PORT = s("port");
    static final SerializedString MAC = s("mac");

    // rule.*, threat.*
    static final SerializedString RULESET = s("ruleset");
    static final SerializedString FRAMEWORK = s("framework");
    static final SerializedString TECHNIQUE = s("technique");
    static final SerializedString TACTIC = s("tactic");
    static final SerializedString REFERENCE = s("reference");

    // otsoc.*
    static final SerializedString ASSET = s("asset");
    static final SerializedString ROLES = s("roles");
    static final SerializedString EVIDENCE = s("evidence");
    static final SerializedString FIRST_SEEN = s("first_seen");
    static final SerializedString LAST_SEEN = s("last_seen");
    static final SerializedString INCIDENT = s("incident");
    static final SerializedString KEY = s("key");
    static final SerializedString STATE = s("state");
    static final SerializedString ALERT_COUNT = s("alert_count");

    // Values
    static final SerializedString V_ECS_VERSION = s(ECS_VERSION);
    static final SerializedString V_OTSOC = s("otsoc");
    static final SerializedString V_SENSOR = s("sensor");
    static final SerializedString V_EVENT = s("event");
    static final SerializedString V_ALERT = s("alert");
    static final SerializedString V_ASSET = s("asset");
    static final SerializedString V_HOST = s("host");
    static final SerializedString V_INFO = s("info");
    static final SerializedString V_NETWORK = s("network");
    static final SerializedString V_INTRUSION_DETECTION = s("intrusion_detection");
    static final SerializedString V_IPV4 = s("ipv4");
    static final SerializedString V_IPV6 = s("ipv6");
    static final SerializedString V_TCP = s("tcp");
    static final SerializedString V_UDP = s("udp");
    static final SerializedString V_DATASET_ASSET = s("otsoc.asset");
    static final SerializedString V_DATASET_ALERT = s("otsoc.alert");
    static final SerializedString V_DATASET_INCIDENT = s("otsoc.incident");
    static final SerializedString V_FRAMEWORK = s(io.otsoc.mappings.attack.AttackIcsCatalog.FRAMEWORK);
}
