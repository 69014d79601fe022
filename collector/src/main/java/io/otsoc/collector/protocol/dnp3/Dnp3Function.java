package io.otsoc.collector.protocol.dnp3;

import io.otsoc.collector.model.EventCategory;

/** DNP3 application function codes (IEEE 1815-2012, 4.2.2.5 and table 4-5): names in snake_case and categories. */
final class Dnp3Function {

    static final int CONFIRM = 0;
    static final int RESPONSE = 129;
    static final int UNSOLICITED_RESPONSE = 130;
    static final int AUTHENTICATION_RESPONSE = 131;

    private static final String[] REQUESTS = {
        "confirm", "read", "write", "select", "operate", "direct_operate", "direct_operate_nr",
        "immediate_freeze", "immediate_freeze_nr", "freeze_clear", "freeze_clear_nr", "freeze_at_time",
        "freeze_at_time_nr", "cold_restart", "warm_restart", "initialize_data", "initialize_application",
        "start_application", "stop_application", "save_configuration", "enable_unsolicited",
        "disable_unsolicited", "assign_class", "delay_measure", "record_current_time", "open_file", "close_file",
        "delete_file", "get_file_info", "authenticate_file", "abort_file", "activate_config",
        "authentication_request", "authentication_request_no_ack"};

    private Dnp3Function() {
    }

    static String name(int fc) {
        if (fc >= 0 && fc < REQUESTS.length) {
            return REQUESTS[fc];
        }
        return switch (fc) {
            case RESPONSE -> "response";
            case UNSOLICITED_RESPONSE -> "unsolicited_response";
            case AUTHENTICATION_RESPONSE -> "authentication_response";
            default -> "unknown_function";
        };
    }

    static boolean isResponse(int fc) {
        return fc >= RESPONSE;
    }

    /** Requests the outstation never answers: confirm and the no-acknowledgement variants. */
    static boolean expectsNoResponse(int fc) {
        return fc == CONFIRM || fc == 6 || fc == 8 || fc == 10 || fc == 12 || fc == 33;
    }

    /** Requests that carry object headers only, no object data, so that every header can be walked. */
    static boolean headersOnly(int fc) {
        return fc == 1 || (fc >= 7 && fc <= 10) || fc == 20 || fc == 21 || fc == 22;
    }

    static EventCategory category(int fc) {
        return switch (fc) {
            case 1 -> EventCategory.READ;
            case 2 -> EventCategory.WRITE;
            case 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21 -> EventCategory.CONTROL;
            case 25, 26, 27, 28, 29, 30, 31 -> EventCategory.PROGRAM;
            case 32, 33, AUTHENTICATION_RESPONSE -> EventCategory.AUTH;
            default -> EventCategory.OTHER;
        };
    }
}
