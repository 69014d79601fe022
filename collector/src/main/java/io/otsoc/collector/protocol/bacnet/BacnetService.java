package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.model.EventCategory;

/**
 * BACnet service choices (ANSI/ASHRAE 135 clause 21, BACnetConfirmedServiceChoice and
 * BACnetUnconfirmedServiceChoice) with their canonical snake_case names and what they do to the process.
 */
final class BacnetService {

    static final int ACKNOWLEDGE_ALARM = 0;
    static final int CONFIRMED_COV_NOTIFICATION = 1;
    static final int SUBSCRIBE_COV = 5;
    static final int ATOMIC_READ_FILE = 6;
    static final int ATOMIC_WRITE_FILE = 7;
    static final int READ_PROPERTY = 12;
    static final int READ_PROPERTY_MULTIPLE = 14;
    static final int WRITE_PROPERTY = 15;
    static final int WRITE_PROPERTY_MULTIPLE = 16;
    static final int DEVICE_COMMUNICATION_CONTROL = 17;
    static final int REINITIALIZE_DEVICE = 20;

    static final int I_AM = 0;
    static final int I_HAVE = 1;
    static final int UNCONFIRMED_COV_NOTIFICATION = 2;
    static final int TIME_SYNCHRONIZATION = 6;
    static final int WHO_HAS = 7;
    static final int WHO_IS = 8;
    static final int UTC_TIME_SYNCHRONIZATION = 9;

    private static final String[] CONFIRMED = {
        "acknowledge_alarm", "confirmed_cov_notification", "confirmed_event_notification", "get_alarm_summary",
        "get_enrollment_summary", "subscribe_cov", "atomic_read_file", "atomic_write_file", "add_list_element",
        "remove_list_element", "create_object", "delete_object", "read_property", "read_property_conditional",
        "read_property_multiple", "write_property", "write_property_multiple", "device_communication_control",
        "confirmed_private_transfer", "confirmed_text_message", "reinitialize_device", "vt_open", "vt_close",
        "vt_data", "authenticate", "request_key", "read_range", "life_safety_operation", "subscribe_cov_property",
        "get_event_information", "subscribe_cov_property_multiple", "confirmed_cov_notification_multiple",
        "confirmed_audit_notification", "audit_log_query"};

    private static final EventCategory[] CONFIRMED_CATEGORY = {
        EventCategory.CONTROL, EventCategory.READ, EventCategory.READ, EventCategory.READ,
        EventCategory.READ, EventCategory.READ, EventCategory.PROGRAM, EventCategory.PROGRAM, EventCategory.WRITE,
        EventCategory.WRITE, EventCategory.WRITE, EventCategory.WRITE, EventCategory.READ, EventCategory.READ,
        EventCategory.READ, EventCategory.WRITE, EventCategory.WRITE, EventCategory.CONTROL,
        EventCategory.OTHER, EventCategory.OTHER, EventCategory.CONTROL, EventCategory.OTHER, EventCategory.OTHER,
        EventCategory.OTHER, EventCategory.AUTH, EventCategory.AUTH, EventCategory.READ, EventCategory.CONTROL,
        EventCategory.READ, EventCategory.READ, EventCategory.READ, EventCategory.READ, EventCategory.OTHER,
        EventCategory.READ};

    private static final String[] UNCONFIRMED = {
        "i_am", "i_have", "unconfirmed_cov_notification", "unconfirmed_event_notification",
        "unconfirmed_private_transfer", "unconfirmed_text_message", "time_synchronization", "who_has", "who_is",
        "utc_time_synchronization", "write_group", "unconfirmed_cov_notification_multiple",
        "unconfirmed_audit_notification", "who_am_i", "you_are"};

    private static final EventCategory[] UNCONFIRMED_CATEGORY = {
        EventCategory.DISCOVERY, EventCategory.DISCOVERY, EventCategory.READ, EventCategory.READ,
        EventCategory.OTHER, EventCategory.OTHER, EventCategory.CONTROL, EventCategory.DISCOVERY,
        EventCategory.DISCOVERY, EventCategory.CONTROL, EventCategory.WRITE, EventCategory.READ,
        EventCategory.OTHER, EventCategory.DISCOVERY, EventCategory.CONTROL};

    private BacnetService() {
    }

    static boolean knownConfirmed(int choice) {
        return choice >= 0 && choice < CONFIRMED.length;
    }

    static boolean knownUnconfirmed(int choice) {
        return choice >= 0 && choice < UNCONFIRMED.length;
    }

    static String confirmedName(int choice) {
        return knownConfirmed(choice) ? CONFIRMED[choice] : "unknown_confirmed_service_" + choice;
    }

    static EventCategory confirmedCategory(int choice) {
        return knownConfirmed(choice) ? CONFIRMED_CATEGORY[choice] : EventCategory.OTHER;
    }

    static String unconfirmedName(int choice) {
        return knownUnconfirmed(choice) ? UNCONFIRMED[choice] : "unknown_unconfirmed_service_" + choice;
    }

    static EventCategory unconfirmedCategory(int choice) {
        return knownUnconfirmed(choice) ? UNCONFIRMED_CATEGORY[choice] : EventCategory.OTHER;
    }
}
