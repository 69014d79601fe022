package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.EventCategory;

/**
 * The ASDU type identifications of IEC 60870-5-101 section 7.2.1 as used by IEC 60870-5-104 section 8 (table 1 of
 * 104 lists the types allowed over TCP; the CP24 time-tagged types of 101 are decoded too), with the standard name,
 * the event action (the type's description in snake_case, the same for its time-tagged variants), the size of one
 * information element after its 3-byte information object address and what the operation does to the process.
 * {@link #of(int)} is null for a reserved or private type: it is reported, never guessed.
 */
enum AsduType {
    M_SP_NA_1(1, "single_point_information", Element.SIQ, 1),
    M_SP_TA_1(2, "single_point_information", Element.SIQ, 4),
    M_DP_NA_1(3, "double_point_information", Element.DIQ, 1),
    M_DP_TA_1(4, "double_point_information", Element.DIQ, 4),
    M_ST_NA_1(5, "step_position_information", Element.VTI, 2),
    M_ST_TA_1(6, "step_position_information", Element.VTI, 5),
    M_BO_NA_1(7, "bitstring_of_32_bit", Element.BSI_QDS, 5),
    M_BO_TA_1(8, "bitstring_of_32_bit", Element.BSI_QDS, 8),
    M_ME_NA_1(9, "measured_value_normalized", Element.NVA_QDS, 3),
    M_ME_TA_1(10, "measured_value_normalized", Element.NVA_QDS, 6),
    M_ME_NB_1(11, "measured_value_scaled", Element.SVA_QDS, 3),
    M_ME_TB_1(12, "measured_value_scaled", Element.SVA_QDS, 6),
    M_ME_NC_1(13, "measured_value_short_floating_point", Element.R32_QDS, 5),
    M_ME_TC_1(14, "measured_value_short_floating_point", Element.R32_QDS, 8),
    M_IT_NA_1(15, "integrated_totals", Element.BCR, 5),
    M_IT_TA_1(16, "integrated_totals", Element.BCR, 8),
    M_EP_TA_1(17, "event_of_protection_equipment", Element.PROTECTION, 6),
    M_EP_TB_1(18, "packed_start_events_of_protection_equipment", Element.PROTECTION, 7),
    M_EP_TC_1(19, "packed_output_circuit_information_of_protection_equipment", Element.PROTECTION, 7),
    M_PS_NA_1(20, "packed_single_point_information_with_status_change_detection", Element.SCD_QDS, 5),
    M_ME_ND_1(21, "measured_value_normalized_without_quality", Element.NVA, 2),
    M_SP_TB_1(30, "single_point_information", Element.SIQ, 8),
    M_DP_TB_1(31, "double_point_information", Element.DIQ, 8),
    M_ST_TB_1(32, "step_position_information", Element.VTI, 9),
    M_BO_TB_1(33, "bitstring_of_32_bit", Element.BSI_QDS, 12),
    M_ME_TD_1(34, "measured_value_normalized", Element.NVA_QDS, 10),
    M_ME_TE_1(35, "measured_value_scaled", Element.SVA_QDS, 10),
    M_ME_TF_1(36, "measured_value_short_floating_point", Element.R32_QDS, 12),
    M_IT_TB_1(37, "integrated_totals", Element.BCR, 12),
    M_EP_TD_1(38, "event_of_protection_equipment", Element.PROTECTION, 10),
    M_EP_TE_1(39, "packed_start_events_of_protection_equipment", Element.PROTECTION, 11),
    M_EP_TF_1(40, "packed_output_circuit_information_of_protection_equipment", Element.PROTECTION, 11),
    C_SC_NA_1(45, "single_command", Element.SCO, 1),
    C_DC_NA_1(46, "double_command", Element.DCO, 1),
    C_RC_NA_1(47, "regulating_step_command", Element.RCO, 1),
    C_SE_NA_1(48, "setpoint_command_normalized", Element.NVA_QOS, 3),
    C_SE_NB_1(49, "setpoint_command_scaled", Element.SVA_QOS, 3),
    C_SE_NC_1(50, "setpoint_command_short_floating_point", Element.R32_QOS, 5),
    C_BO_NA_1(51, "bitstring_of_32_bit_command", Element.BSI, 4),
    C_SC_TA_1(58, "single_command", Element.SCO, 8),
    C_DC_TA_1(59, "double_command", Element.DCO, 8),
    C_RC_TA_1(60, "regulating_step_command", Element.RCO, 8),
    C_SE_TA_1(61, "setpoint_command_normalized", Element.NVA_QOS, 10),
    C_SE_TB_1(62, "setpoint_command_scaled", Element.SVA_QOS, 10),
    C_SE_TC_1(63, "setpoint_command_short_floating_point", Element.R32_QOS, 12),
    C_BO_TA_1(64, "bitstring_of_32_bit_command", Element.BSI, 11),
    M_EI_NA_1(70, "end_of_initialization", Element.COI, 1),
    C_IC_NA_1(100, "interrogation_command", Element.QOI, 1),
    C_CI_NA_1(101, "counter_interrogation_command", Element.QCC, 1),
    C_RD_NA_1(102, "read_command", Element.NONE, 0),
    C_CS_NA_1(103, "clock_synchronization", Element.TIME, 7),
    C_TS_NA_1(104, "test_command", Element.FBP, 2),
    C_RP_NA_1(105, "reset_process", Element.QRP, 1),
    C_CD_NA_1(106, "delay_acquisition_command", Element.CP16, 2),
    C_TS_TA_1(107, "test_command", Element.TSC, 9),
    P_ME_NA_1(110, "parameter_of_measured_value_normalized", Element.NVA_QPM, 3),
    P_ME_NB_1(111, "parameter_of_measured_value_scaled", Element.SVA_QPM, 3),
    P_ME_NC_1(112, "parameter_of_measured_value_short_floating_point", Element.R32_QPM, 5),
    P_AC_NA_1(113, "parameter_activation", Element.QPA, 1),
    F_FR_NA_1(120, "file_ready", Element.FILE, 6),
    F_SR_NA_1(121, "section_ready", Element.FILE, 7),
    F_SC_NA_1(122, "call_directory_select_file_call_file_call_section", Element.FILE, 4),
    F_LS_NA_1(123, "last_section_last_segment", Element.FILE, 5),
    F_AF_NA_1(124, "ack_file_ack_section", Element.FILE, 4),
    /** Variable: name of file (2), name of section (1), length of segment (1), then that many octets. */
    F_SG_NA_1(125, "segment", Element.SEGMENT, 4),
    F_DR_TA_1(126, "directory", Element.FILE, 13),
    F_SC_NB_1(127, "query_log", Element.FILE, 16);

    /** How the octets of one information element are read. */
    enum Element {
        NONE, SIQ, DIQ, VTI, BSI_QDS, NVA_QDS, SVA_QDS, R32_QDS, BCR, PROTECTION, SCD_QDS, NVA,
        SCO, DCO, RCO, NVA_QOS, SVA_QOS, R32_QOS, BSI, COI, QOI, QCC, TIME, FBP, QRP, CP16, TSC,
        NVA_QPM, SVA_QPM, R32_QPM, QPA, FILE, SEGMENT
    }

    private static final AsduType[] BY_ID = new AsduType[256];

    static {
        for (AsduType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    final int id;
    final String action;
    final Element element;
    /** Octets of one information element, without the information object address. */
    final int elementSize;

    AsduType(int id, String action, Element element, int elementSize) {
        this.id = id;
        this.action = action;
        this.element = element;
        this.elementSize = elementSize;
    }

    /** The type of an identifier, or null for a reserved (22-29, 41-44, ...) or private (128-255) one. */
    static AsduType of(int id) {
        return id >= 0 && id < 256 ? BY_ID[id] : null;
    }

    /** Whether the element ends with a CP56Time2a time tag (7 octets). */
    boolean hasCp56() {
        return switch (this) {
            case M_SP_TB_1, M_DP_TB_1, M_ST_TB_1, M_BO_TB_1, M_ME_TD_1, M_ME_TE_1, M_ME_TF_1, M_IT_TB_1, M_EP_TD_1,
                    M_EP_TE_1, M_EP_TF_1, C_SC_TA_1, C_DC_TA_1, C_RC_TA_1, C_SE_TA_1, C_SE_TB_1, C_SE_TC_1,
                    C_BO_TA_1, C_CS_NA_1, C_TS_TA_1, F_DR_TA_1 -> true;
            default -> false;
        };
    }

    /** Control-direction types: sent with cause activation (6) or deactivation (8) and confirmed (7, 9). */
    boolean isControlDirection() {
        return id >= 45 && id != 70 && id < 120;
    }

    /**
     * Commands change the process (control); interrogation and read ask for data (read); test and delay
     * acquisition commands only check the link (diagnostic). Clock synchronization is control, as S7's set_clock
     * is: it sets the outstation's clock, on which every time tag it reports afterwards depends. Parameter loading
     * and activation change thresholds and filters of measured values (write). Monitor-direction information is
     * the outstation reporting process state (read); end of initialization and file transfer are other.
     */
    EventCategory category() {
        if (id <= 40) {
            return EventCategory.READ;
        }
        return switch (this) {
            case C_SC_NA_1, C_DC_NA_1, C_RC_NA_1, C_SE_NA_1, C_SE_NB_1, C_SE_NC_1, C_BO_NA_1, C_SC_TA_1, C_DC_TA_1,
                    C_RC_TA_1, C_SE_TA_1, C_SE_TB_1, C_SE_TC_1, C_BO_TA_1, C_RP_NA_1, C_CS_NA_1 -> EventCategory.CONTROL;
            case C_IC_NA_1, C_CI_NA_1, C_RD_NA_1 -> EventCategory.READ;
            case C_TS_NA_1, C_TS_TA_1, C_CD_NA_1 -> EventCategory.DIAGNOSTIC;
            case P_ME_NA_1, P_ME_NB_1, P_ME_NC_1, P_AC_NA_1 -> EventCategory.WRITE;
            default -> EventCategory.OTHER;
        };
    }
}
