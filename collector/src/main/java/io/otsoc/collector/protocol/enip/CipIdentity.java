package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.AssetFacts;

/**
 * A device's CIP identity: from the CIP Identity item of a ListIdentity reply (CIP Vol. 2, 2-4.3.2: encapsulation
 * version and socket address first) or from a Get Attributes All reply of the Identity object (CIP Vol. 1, 5A-2).
 * {@code encapsulationVersion}, {@code socketPort} and {@code state} are -1 and {@code socketAddress} null when the
 * source does not carry them.
 */
public record CipIdentity(int encapsulationVersion, String socketAddress, int socketPort, int vendorId,
                          int deviceType, int productCode, int revisionMajor, int revisionMinor, int status,
                          long serialNumber, String productName, int state) {

    /** Vendor, device type and product code through the product name, at {@code off}; null when truncated. */
    private static CipIdentity body(byte[] b, int off, int end, int version, String address, int port,
                                    boolean withState) {
        if (off + 15 > end) {
            return null;
        }
        int nameLength = b[off + 14] & 0xFF;
        if (off + 15 + nameLength > end) {
            return null;
        }
        int state = -1;
        if (withState) {
            if (off + 16 + nameLength > end) {
                return null;
            }
            state = b[off + 15 + nameLength] & 0xFF;
        }
        return new CipIdentity(version, address, port, Le.u16(b, off), Le.u16(b, off + 2), Le.u16(b, off + 4),
                b[off + 6] & 0xFF, b[off + 7] & 0xFF, Le.u16(b, off + 8), Le.u32(b, off + 10),
                Le.ascii(b, off + 15, nameLength), state);
    }

    /** The CIP Identity item data of {@code len} bytes; null when it is shorter than its fields. */
    static CipIdentity fromListIdentity(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 18) {
            return null;
        }
        int version = Le.u16(b, off);
        // sockaddr: sin_family, sin_port, sin_addr in network byte order
        int port = (b[off + 4] & 0xFF) << 8 | (b[off + 5] & 0xFF);
        String address = (b[off + 6] & 0xFF) + "." + (b[off + 7] & 0xFF) + "." + (b[off + 8] & 0xFF) + "."
                + (b[off + 9] & 0xFF);
        return body(b, off + 18, end, version, address, port, true);
    }

    /** The reply data of Get Attributes All on the Identity object; null when truncated. */
    static CipIdentity fromAttributesAll(byte[] b, int off, int len) {
        return body(b, off, off + len, -1, null, -1, false);
    }

    public String revision() {
        return revisionMajor + "." + revisionMinor;
    }

    public String serialHex() {
        return String.format("0x%08x", serialNumber);
    }

    public String vendorName() {
        return CipVendors.name(vendorId);
    }

    public String deviceTypeName() {
        return CipVendors.deviceType(deviceType);
    }

    AssetFacts facts(AssetFacts.Side side) {
        return new AssetFacts(side, vendorName(), productName.isEmpty() ? null : productName, revision(),
                serialHex(), null, deviceTypeName());
    }
}
