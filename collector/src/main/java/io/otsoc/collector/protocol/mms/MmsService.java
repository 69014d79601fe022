package io.otsoc.collector.protocol.mms;

import io.otsoc.collector.model.EventCategory;

/**
 * The confirmed services of ISO 9506-2 (MMS), by their ConfirmedServiceRequest/Response CHOICE tag, with the
 * canonical action name and what each does to the process. Enumerating the data model (name lists, variable
 * attributes, identify) is discovery; program invocation services change the run state (control); domain
 * transfers move programs and configuration (program).
 */
final class MmsService {

    private static final String[] NAMES = {
            "status", "get_name_list", "identify", "rename", "read", "write", "get_variable_access_attributes",
            "define_named_variable", "define_scattered_access", "get_scattered_access_attributes",
            "delete_variable_access", "define_named_variable_list", "get_named_variable_list_attributes",
            "delete_named_variable_list", "define_named_type", "get_named_type_attributes", "delete_named_type",
            "input", "output", "take_control", "relinquish_control", "define_semaphore", "delete_semaphore",
            "report_semaphore_status", "report_pool_semaphore_status", "report_semaphore_entry_status",
            "initiate_download_sequence", "download_segment", "terminate_download_sequence",
            "initiate_upload_sequence", "upload_segment", "terminate_upload_sequence", "request_domain_download",
            "request_domain_upload", "load_domain_content", "store_domain_content", "delete_domain",
            "get_domain_attributes", "create_program_invocation", "delete_program_invocation", "start", "stop",
            "resume", "reset", "kill", "get_program_invocation_attributes", "obtain_file",
            "define_event_condition", "delete_event_condition", "get_event_condition_attributes",
            "report_event_condition_status", "alter_event_condition_monitoring", "trigger_event",
            "define_event_action", "delete_event_action", "get_event_action_attributes",
            "report_event_action_status", "define_event_enrollment", "delete_event_enrollment",
            "alter_event_enrollment", "report_event_enrollment_status", "get_event_enrollment_attributes",
            "acknowledge_event_notification", "get_alarm_summary", "get_alarm_enrollment_summary", "read_journal",
            "write_journal", "initialize_journal", "report_journal_status", "create_journal", "delete_journal",
            "get_capability_list", "file_open", "file_read", "file_close", "file_rename", "file_delete",
            "file_directory"};

    static final int GET_NAME_LIST = 1;
    static final int READ = 4;
    static final int WRITE = 5;
    static final int GET_VARIABLE_ACCESS_ATTRIBUTES = 6;
    static final int DELETE_PROGRAM_INVOCATION = 39;
    static final int KILL = 44;
    static final int FILE_OPEN = 72;
    static final int FILE_RENAME = 75;
    static final int FILE_DELETE = 76;
    static final int FILE_DIRECTORY = 77;

    private MmsService() {
    }

    static String name(int tag) {
        return tag >= 0 && tag < NAMES.length ? NAMES[tag] : "unknown_service";
    }

    static EventCategory category(int tag) {
        if (tag < 0 || tag >= NAMES.length) {
            return EventCategory.OTHER;
        }
        return switch (tag) {
            case 0 -> EventCategory.DIAGNOSTIC;
            case 1, 2, 6, 9, 12, 15, 37, 45, 49, 55, 61, 71 -> EventCategory.DISCOVERY;
            case 4, 17, 63, 64, 65, 68, 73, 77 -> EventCategory.READ;
            case 3, 5, 7, 8, 10, 11, 13, 14, 16, 18, 66, 67, 69, 70, 75, 76 -> EventCategory.WRITE;
            case 38, 39, 40, 41, 42, 43, 44 -> EventCategory.CONTROL;
            case 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 46 -> EventCategory.PROGRAM;
            default -> EventCategory.OTHER;
        };
    }
}
