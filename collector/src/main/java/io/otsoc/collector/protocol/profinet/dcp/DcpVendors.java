package io.otsoc.collector.protocol.profinet.dcp;

/**
 * PROFINET vendor IDs (assigned by PROFIBUS &amp; PROFINET International) of a few vendors whose number is well
 * established; any other is named by its number, e.g. {@code vendor 0x1234}.
 */
final class DcpVendors {

    private DcpVendors() {
    }

    static String name(int vendorId) {
        return switch (vendorId) {
            case 0x002A -> "Siemens";
            case 0x00B0 -> "Phoenix Contact";
            case 0x011E -> "Hilscher";
            default -> String.format("vendor 0x%04x", vendorId);
        };
    }
}
