package io.otsoc.collector.model;

/**
 * What one message says about the identity of a device on its flow: the answer to a CIP ListIdentity, an S7 SZL
 * module identification, a BACnet I-Am, an LLDP system name, a DHCP host name... The asset inventory keeps the
 * latest non-null value of each field for the device on the given side of the event's flow.
 *
 * @param side       which end of the event's {@link FlowRef} the facts describe (for link-layer messages the
 *                   sender is the client)
 * @param vendor     vendor name, e.g. "Rockwell Automation/Allen-Bradley"; or null
 * @param model      product name or order number, e.g. "1756-L61/B LOGIX5561"; or null
 * @param firmware   firmware or software revision as the device states it, e.g. "20.11"; or null
 * @param serial     serial number as text, e.g. "0x40f2a1b3"; or null
 * @param name       the name the device gives itself (LLDP system name, NameOfStation, DHCP host name); or null
 * @param deviceType what the device says it is, e.g. "Programmable Logic Controller"; or null
 */
public record AssetFacts(Side side, String vendor, String model, String firmware, String serial, String name,
                         String deviceType) {

    /** An end of a flow. */
    public enum Side { CLIENT, SERVER }

    public AssetFacts {
        if (side == null) {
            throw new IllegalArgumentException("side is required");
        }
    }
}
