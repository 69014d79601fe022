package io.otsoc.collector.protocol.profinet.dcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one DCP PDU after its FrameID: the header (ServiceID, ServiceType, Xid, ResponseDelay, DCPDataLength, 10
 * bytes, big-endian) and the blocks it announces. Every block is Option (1), Suboption (1), DCPBlockLength (2) and
 * that many bytes, padded to an even length; the first two data bytes are a BlockQualifier in Set requests and a
 * BlockInfo in Identify/Get responses and Hello, except in a Control/Response block (option 5, suboption 4), which
 * holds the Option, Suboption and BlockError it answers. A Get request lists bare Option/Suboption pairs. Bytes
 * after DCPDataLength are Ethernet padding and ignored.
 */
final class DcpMessage {

    static final int HEADER = 10;
    static final int MAX_BLOCKS = 32;
    static final int MAX_TEXT = 240;

    int serviceId;
    int serviceType;
    long xid;
    int responseDelay;
    int dataLength;
    final List<String> blocks = new ArrayList<>();
    String nameOfStation;
    String ip;
    String subnetMask;
    String gateway;
    int ipBlockInfo = DcpDetail.ABSENT;
    int vendorId = DcpDetail.ABSENT;
    int deviceId = DcpDetail.ABSENT;
    String typeOfStation;
    int deviceRoleCode = DcpDetail.ABSENT;
    String aliasName;
    String dhcpHostName;
    final List<String> controls = new ArrayList<>();
    int blockQualifier = DcpDetail.ABSENT;
    int blockError = DcpDetail.ABSENT;
    int errorOption = DcpDetail.ABSENT;
    int errorSuboption = DcpDetail.ABSENT;
    String setAction;
    /** What was wrong, or null. */
    String problem;

    static DcpMessage parse(byte[] b, int offset, int length) {
        DcpMessage m = new DcpMessage();
        if (length < HEADER) {
            m.problem = "DCP header truncated: " + length + " bytes after the FrameID, the header takes " + HEADER;
            return m;
        }
        m.serviceId = b[offset] & 0xFF;
        m.serviceType = b[offset + 1] & 0xFF;
        m.xid = be32(b, offset + 2);
        m.responseDelay = be16(b, offset + 6);
        m.dataLength = be16(b, offset + 8);
        if (DcpService.service(m.serviceId) == null) {
            m.problem = "DCP ServiceID " + m.serviceId + " at offset 2 is not Get (3), Set (4), Identify (5) or Hello (6)";
            return m;
        }
        int left = length - HEADER;
        if (m.dataLength > left) {
            m.problem = "DCPDataLength " + m.dataLength + " exceeds the " + left + " bytes after the DCP header";
            return m;
        }
        int p = offset + HEADER;
        int end = p + m.dataLength;
        boolean request = (m.serviceType & 0x01) == 0;
        if (m.serviceId == DcpService.GET && request) {
            while (end - p >= 2 && m.blocks.size() < MAX_BLOCKS) {
                m.blocks.add(DcpService.block(b[p] & 0xFF, b[p + 1] & 0xFF));
                p += 2;
            }
            return m;
        }
        boolean qualified = m.serviceId == DcpService.SET && request;
        boolean informed = !request || m.serviceId == DcpService.HELLO;
        int bestRank = -1;
        while (p < end) {
            if (end - p < 4) {
                m.problem = "DCP block header truncated: " + (end - p) + " bytes left at data offset "
                        + (p - offset - HEADER) + ", a block header takes 4";
                return m;
            }
            int option = b[p] & 0xFF;
            int suboption = b[p + 1] & 0xFF;
            int blockLength = be16(b, p + 2);
            int at = p - offset - HEADER;
            p += 4;
            if (blockLength > end - p) {
                m.problem = "DCPBlockLength " + blockLength + " of block " + DcpService.block(option, suboption)
                        + " at data offset " + at + " exceeds the " + (end - p) + " bytes left";
                return m;
            }
            if (m.blocks.size() < MAX_BLOCKS) {
                m.blocks.add(DcpService.block(option, suboption));
            }
            int d = p;
            int n = blockLength;
            boolean response = option == DcpService.OPTION_CONTROL && suboption == DcpService.CONTROL_RESPONSE;
            if (response) {
                if (n >= 3) {
                    int answeredOption = b[d] & 0xFF;
                    int answeredSuboption = b[d + 1] & 0xFF;
                    int error = b[d + 2] & 0xFF;
                    String action = DcpService.setAction(answeredOption, answeredSuboption);
                    if (DcpService.setRank(action) > bestRank) {
                        bestRank = DcpService.setRank(action);
                        m.setAction = action;
                    }
                    if (m.blockError <= 0) {
                        m.blockError = error;
                        if (error != 0) {
                            m.errorOption = answeredOption;
                            m.errorSuboption = answeredSuboption;
                        }
                    }
                }
            } else if ((qualified || informed) && n >= 2) {
                int word = be16(b, d);
                if (option == DcpService.OPTION_IP && suboption == 2 || option == DcpService.OPTION_IP && suboption == 3) {
                    if (informed) {
                        m.ipBlockInfo = word;
                    }
                }
                if (qualified) {
                    String action = DcpService.setAction(option, suboption);
                    if (DcpService.setRank(action) > bestRank) {
                        bestRank = DcpService.setRank(action);
                        m.setAction = action;
                        m.blockQualifier = word;
                    }
                }
                m.value(b, option, suboption, d + 2, n - 2);
            } else if (!qualified && !informed) {
                // Identify request filter: the value without qualifier
                m.value(b, option, suboption, d, n);
            }
            p += blockLength + (blockLength & 1);
            if (p > end) {
                p = end;
            }
        }
        return m;
    }

    /** One block's value, {@code n} bytes at {@code d}. */
    private void value(byte[] b, int option, int suboption, int d, int n) {
        switch (option) {
            case DcpService.OPTION_IP -> {
                if ((suboption == 2 || suboption == 3) && n >= 12) {
                    ip = ipv4(b, d);
                    subnetMask = ipv4(b, d + 4);
                    gateway = ipv4(b, d + 8);
                }
            }
            case DcpService.OPTION_DEVICE -> {
                switch (suboption) {
                    case 1 -> typeOfStation = text(b, d, n);
                    case 2 -> nameOfStation = text(b, d, n);
                    case 3 -> {
                        if (n >= 4) {
                            vendorId = be16(b, d);
                            deviceId = be16(b, d + 2);
                        }
                    }
                    case 4 -> {
                        if (n >= 1) {
                            deviceRoleCode = b[d] & 0xFF;
                        }
                    }
                    case 6 -> aliasName = text(b, d, n);
                    default -> {
                    }
                }
            }
            case DcpService.OPTION_DHCP -> {
                if (suboption == 12) {
                    dhcpHostName = text(b, d, n);
                }
            }
            case DcpService.OPTION_CONTROL -> {
                String c = DcpService.control(suboption);
                if (c != null && controls.size() < MAX_BLOCKS) {
                    controls.add(c);
                }
            }
            default -> {
            }
        }
    }

    /** Text up to its first NUL (devices pad NameOfStation with zeros), bounded. */
    private static String text(byte[] b, int d, int n) {
        int len = 0;
        while (len < n && len < MAX_TEXT && b[d + len] != 0) {
            len++;
        }
        return new String(b, d, len, StandardCharsets.ISO_8859_1);
    }

    private static String ipv4(byte[] b, int p) {
        return (b[p] & 0xFF) + "." + (b[p + 1] & 0xFF) + "." + (b[p + 2] & 0xFF) + "." + (b[p + 3] & 0xFF);
    }

    static int be16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    static long be32(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFFL) << 16 | (b[p + 2] & 0xFFL) << 8 | (b[p + 3] & 0xFFL);
    }
}
