package io.otsoc.collector.protocol.profinet.dcp;

import io.otsoc.collector.model.EventCategory;

/** DCP service IDs, block options and suboptions (IEC 61158-6-10, "DCP"), by name. */
final class DcpService {

    private DcpService() {
    }

    static final int GET = 3;
    static final int SET = 4;
    static final int IDENTIFY = 5;
    static final int HELLO = 6;

    static final int OPTION_IP = 1;
    static final int OPTION_DEVICE = 2;
    static final int OPTION_DHCP = 3;
    static final int OPTION_CONTROL = 5;
    static final int OPTION_INITIATIVE = 6;
    static final int OPTION_ALL = 0xFF;

    static final int CONTROL_RESPONSE = 4;

    static String service(int id) {
        return switch (id) {
            case GET -> "get";
            case SET -> "set";
            case IDENTIFY -> "identify";
            case HELLO -> "hello";
            default -> null;
        };
    }

    /** {@code option/suboption} by name, e.g. {@code ip/ip_parameter}; numbers where unnamed. */
    static String block(int option, int suboption) {
        String o;
        String s = null;
        switch (option) {
            case OPTION_IP -> {
                o = "ip";
                s = switch (suboption) {
                    case 1 -> "mac_address";
                    case 2 -> "ip_parameter";
                    case 3 -> "full_ip_suite";
                    default -> null;
                };
            }
            case OPTION_DEVICE -> {
                o = "device";
                s = switch (suboption) {
                    case 1 -> "type_of_station";
                    case 2 -> "name_of_station";
                    case 3 -> "device_id";
                    case 4 -> "device_role";
                    case 5 -> "device_options";
                    case 6 -> "alias_name";
                    case 7 -> "device_instance";
                    case 8 -> "oem_device_id";
                    case 9 -> "standard_gateway";
                    default -> null;
                };
            }
            case OPTION_DHCP -> o = "dhcp";
            case 4 -> o = "lldp";
            case OPTION_CONTROL -> {
                o = "control";
                s = control(suboption);
            }
            case OPTION_INITIATIVE -> o = "device_initiative";
            case OPTION_ALL -> {
                o = "all";
                s = suboption == 0xFF ? "all" : null;
            }
            default -> o = "option_" + option;
        }
        return o + "/" + (s != null ? s : String.valueOf(suboption));
    }

    /** The Control option's suboptions: what a Set asks the device to do. */
    static String control(int suboption) {
        return switch (suboption) {
            case 1 -> "start";
            case 2 -> "stop";
            case 3 -> "signal";
            case 4 -> "response";
            case 5 -> "factory_reset";
            case 6 -> "reset_to_factory";
            default -> null;
        };
    }

    /**
     * The action of a Set by the most telling block it sets: a factory reset or signal over the parameters, a
     * parameter over the Start/Stop brackets of the transaction.
     */
    static String setAction(int option, int suboption) {
        if (option == OPTION_CONTROL) {
            String c = control(suboption);
            return c == null ? "set" : c;
        }
        if (option == OPTION_IP) {
            return suboption == 1 ? "set_mac_address" : "set_ip";
        }
        if (option == OPTION_DEVICE) {
            return switch (suboption) {
                case 2 -> "set_name_of_station";
                case 6 -> "set_alias_name";
                default -> "set_device_property";
            };
        }
        if (option == OPTION_DHCP) {
            return "set_dhcp";
        }
        return "set";
    }

    /** Rank of a Set action: higher wins. */
    static int setRank(String action) {
        return switch (action) {
            case "factory_reset", "reset_to_factory" -> 5;
            case "set_ip", "set_name_of_station", "set_mac_address", "set_dhcp" -> 4;
            case "signal" -> 3;
            case "set_alias_name", "set_device_property" -> 2;
            case "start", "stop" -> 1;
            default -> 0;
        };
    }

    static EventCategory setCategory(String action) {
        return switch (action) {
            case "factory_reset", "reset_to_factory", "signal", "start", "stop" -> EventCategory.CONTROL;
            default -> EventCategory.WRITE;
        };
    }

    /** DeviceRole bits by name, comma-separated. */
    static String deviceRole(int bits) {
        String[] names = {"io_device", "io_controller", "io_multidevice", "io_supervisor"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if ((bits & (1 << i)) != 0) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(i < names.length ? names[i] : "bit_" + i);
            }
        }
        return s.length() == 0 ? null : s.toString();
    }
}
