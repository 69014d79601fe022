package io.otsoc.collector.protocol.enip;

/**
 * Names of the vendors most often met on plant networks, by ODVA vendor id, and of the CIP device profiles (CIP
 * Vol. 1, table 6-7.1). Ids not listed have no name: the number is always reported.
 */
final class CipVendors {

    private CipVendors() {
    }

    static String name(int vendorId) {
        return switch (vendorId) {
            case 1 -> "Rockwell Automation/Allen-Bradley";
            case 3 -> "Honeywell Inc.";
            case 5 -> "Rockwell Automation/Reliance Elec.";
            case 7 -> "SMC Corporation";
            case 8 -> "Molex Incorporated";
            case 12 -> "Banner Engineering Corp.";
            case 26 -> "Festo Corporation";
            case 40 -> "Wago Corporation";
            case 43 -> "BALLUFF Inc.";
            case 44 -> "Yaskawa Electric America Inc.";
            case 46 -> "ABB Industrial Systems";
            case 47 -> "Omron Corporation";
            case 48 -> "Turck Inc.";
            case 50 -> "Real Time Automation (C&ID)";
            case 56 -> "Softing GmbH";
            case 57 -> "Pepperl + Fuchs";
            case 58 -> "Spectrum Controls Inc.";
            case 68 -> "Eaton Electrical";
            case 81 -> "IXXAT Automation GmbH";
            case 82 -> "Mitsubishi Electric Automation Inc.";
            case 83 -> "OPTO-22";
            case 90 -> "HMS Industrial Networks AB";
            case 94 -> "Advantech Co. Ltd.";
            case 95 -> "Square D Company";
            case 97 -> "Danfoss";
            case 108 -> "Beckhoff Automation GmbH";
            case 109 -> "National Instruments";
            case 121 -> "KUKA Roboter GmbH";
            case 143 -> "GE Industrial Systems";
            case 145 -> "Siemens Energy & Automation/Drives";
            case 161 -> "Mitsubishi Electric Corporation";
            case 176 -> "Red Lion Controls";
            case 181 -> "Pilz GmbH & Co";
            case 209 -> "Contemporary Controls";
            case 243 -> "Schneider Automation Inc.";
            case 250 -> "Yokogawa Electric Corporation";
            case 255 -> "Bosch Rexroth";
            case 259 -> "LS Industrial Systems";
            case 283 -> "Hilscher GmbH";
            case 309 -> "Prosoft Technology";
            case 315 -> "SEW Eurodrive GmbH";
            case 319 -> "Fuji Electric Co. Ltd.";
            case 322 -> "ifm efector, inc.";
            case 326 -> "GE Fanuc Automation North America Inc.";
            case 345 -> "Endress + Hauser";
            case 356 -> "Fanuc Robotics America";
            case 367 -> "Keyence Corporation";
            default -> null;
        };
    }

    static String deviceType(int type) {
        return switch (type) {
            case 0x00 -> "Generic Device (deprecated)";
            case 0x02 -> "AC Drive";
            case 0x03 -> "Motor Overload";
            case 0x04 -> "Limit Switch";
            case 0x05 -> "Inductive Proximity Switch";
            case 0x06 -> "Photoelectric Sensor";
            case 0x07 -> "General Purpose Discrete I/O";
            case 0x09 -> "Resolver";
            case 0x0C -> "Communications Adapter";
            case 0x0E -> "Programmable Logic Controller";
            case 0x10 -> "Position Controller";
            case 0x13 -> "DC Drive";
            case 0x15 -> "Contactor";
            case 0x16 -> "Motor Starter";
            case 0x17 -> "Soft Start";
            case 0x18 -> "Human-Machine Interface";
            case 0x1A -> "Mass Flow Controller";
            case 0x1B -> "Pneumatic Valve";
            case 0x1C -> "Vacuum Pressure Gauge";
            case 0x1D -> "Process Control Value";
            case 0x1E -> "Residual Gas Analyzer";
            case 0x1F -> "DC Power Generator";
            case 0x20 -> "RF Power Generator";
            case 0x21 -> "Turbomolecular Vacuum Pump";
            case 0x22 -> "Encoder";
            case 0x23 -> "Safety Discrete I/O Device";
            case 0x24 -> "Fluid Flow Controller";
            case 0x25 -> "CIP Motion Drive";
            case 0x26 -> "CompoNet Repeater";
            case 0x27 -> "Mass Flow Controller, Enhanced";
            case 0x28 -> "CIP Modbus Device";
            case 0x29 -> "CIP Modbus Translator";
            case 0x2A -> "Safety Analog I/O Device";
            case 0x2B -> "Generic Device (keyable)";
            case 0x2C -> "Managed Ethernet Switch";
            case 0x2D -> "CIP Motion Safety Drive Device";
            case 0x2E -> "Safety Drive Device";
            case 0x2F -> "CIP Motion Encoder";
            case 0x31 -> "CIP Motion I/O";
            case 0x32 -> "ControlNet Physical Layer Component";
            case 0xC8 -> "Embedded Component";
            default -> null;
        };
    }
}
