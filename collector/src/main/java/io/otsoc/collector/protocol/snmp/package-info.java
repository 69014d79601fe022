/**
 * SNMP v1, v2c and v3 over UDP (agents on 161, trap and inform receivers on 162), decoded with a bounded BER reader
 * of our own ({@link io.otsoc.collector.protocol.snmp.BerReader}).
 *
 * <p>One event per exchange: a request (get_request, get_next_request, get_bulk_request, set_request,
 * inform_request) paired by request id with the get_response or SNMPv3 report that answers it, or reported
 * unanswered; a trap or snmpv2_trap alone; a response whose request was not seen alone; an SNMPv3 message whose
 * scoped PDU is encrypted as {@code encrypted_pdu}, paired by msgID. Categories: read for the gets, write for set,
 * diagnostic for traps, informs and reports.
 *
 * <p>Fields under {@code otsoc.snmp.}: {@code version} (1, 2 for v2c, 3, as Suricata logs it), {@code community}
 * and {@code community_default}, {@code pdu_type}, {@code request_id}, {@code non_repeaters}/{@code max_repetitions},
 * the v1 trap's {@code enterprise}, {@code agent_address}, {@code generic_trap}(_name), {@code specific_trap},
 * {@code trap_timestamp}; the request's {@code varbind_count}, {@code oids}, {@code value_types}, {@code values};
 * the response's {@code response_pdu_type}, {@code error_status}(_name), {@code error_index} and
 * {@code response_varbind_count}, {@code response_oids}, {@code response_value_types}, {@code response_values};
 * for v3 {@code msg_id}, {@code msg_max_size}, {@code msg_flags}, {@code security_level}, {@code security_model},
 * {@code encrypted}, {@code user_name}, {@code engine_id}, {@code engine_boots}, {@code engine_time},
 * {@code context_engine_id}, {@code context_name}. At most 32 bindings are listed per PDU (all are counted); values
 * are printable text of at most 256 characters.
 *
 * <p><b>The community string is emitted.</b> It is a credential, but v1/v2c send it in clear text to anyone on the
 * path, and analysts need it to tell which managers use which community and to spot defaults and guessing; Zeek's
 * {@code snmp.log} and Suricata's {@code snmp} events log it too. Whoever may read these documents may read it:
 * restrict the index accordingly. SNMPv3 keys, authentication and privacy parameters are never emitted.
 */
package io.otsoc.collector.protocol.snmp;
