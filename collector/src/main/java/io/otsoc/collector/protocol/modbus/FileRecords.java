package io.otsoc.collector.protocol.modbus;

import static io.otsoc.collector.protocol.modbus.BigEndian.u16;
import static io.otsoc.collector.protocol.modbus.BigEndian.u8;

/**
 * The sub-request lists of Write File Record (function 21, whose response is an echo of the request) and the
 * sub-responses of Read File Record (function 20), section 6.14 and 6.15 of the specification.
 */
final class FileRecords {

    private FileRecords() {
    }

    /**
     * Function 21 request or response: request data length (9..251), then sub-requests of reference type 6, file
     * number, record number (0..9999), record length and 2 x record length bytes of data.
     */
    static String decodeWrite(byte[] b, int off, int len, Transaction t, boolean request) {
        String side = request ? " request: " : " response: ";
        if (len < 2) {
            return "write_file_record" + side + "PDU length " + len + " is shorter than the request data length";
        }
        int dataLength = u8(b, off + 1);
        if (dataLength != len - 2) {
            return "write_file_record" + side + "request data length " + dataLength + " does not match the "
                    + (len - 2) + " bytes that follow";
        }
        boolean first = t.subRequestCount == ModbusDetail.ABSENT;
        if (dataLength < 0x09 || dataLength > 0xFB) {
            if (dataLength == 0 && first) {
                t.subRequestCount = 0; // no sub-request at all, which is what makes it malformed
            }
            return "write_file_record" + side + "request data length " + dataLength + " is outside 9..251";
        }
        if (request) {
            t.startRequestValues();
        } else {
            t.startResponseValues();
        }
        int count = 0;
        int p = off + 2;
        int end = off + len;
        while (p < end) {
            if (end - p < 7) {
                return "write_file_record" + side + "sub-request " + count + " is cut short: " + (end - p)
                        + " bytes left of a 7-byte header";
            }
            int referenceType = u8(b, p);
            int fileNumber = u16(b, p + 1);
            int recordNumber = u16(b, p + 3);
            int recordLength = u16(b, p + 5);
            if (count == 0 && first) {
                t.fileNumber = fileNumber;
                t.recordNumber = recordNumber;
                t.recordLength = recordLength;
            }
            if (referenceType != RequestPdu.FILE_REFERENCE_TYPE) {
                return "write_file_record" + side + "sub-request " + count + " reference type " + referenceType
                        + " is not 6";
            }
            if (recordNumber > RequestPdu.MAX_RECORD_NUMBER) {
                return "write_file_record" + side + "sub-request " + count + " record number " + recordNumber
                        + " is outside 0..9999";
            }
            if (2 * recordLength > end - p - 7) {
                return "write_file_record" + side + "sub-request " + count + " record length " + recordLength
                        + " exceeds the " + (end - p - 7) + " bytes left";
            }
            for (int i = p + 7; i < p + 7 + 2 * recordLength; i += 2) {
                if (request) {
                    t.addRequestValue(u16(b, i));
                } else {
                    t.addResponseValue(u16(b, i));
                }
            }
            p += 7 + 2 * recordLength;
            count++;
        }
        if (first) {
            t.subRequestCount = count;
        }
        return null;
    }

    /**
     * Function 20 response: response data length, then sub-responses of file response length (1 + 2 x registers),
     * reference type 6 and the record data. The specification's lower bound of 7 for the response data length is
     * not enforced: a one-register sub-response is 4 bytes long and devices send it.
     */
    static String decodeReadResponse(byte[] b, int off, int len, Transaction t) {
        if (len < 2) {
            return "read_file_record response: PDU length " + len + " is shorter than the response data length";
        }
        int dataLength = u8(b, off + 1);
        if (dataLength != len - 2) {
            return "read_file_record response: response data length " + dataLength + " does not match the "
                    + (len - 2) + " bytes that follow";
        }
        if (dataLength < 4 || dataLength > 0xF5) {
            return "read_file_record response: response data length " + dataLength + " is outside 4..245";
        }
        t.startResponseValues();
        int count = 0;
        int p = off + 2;
        int end = off + len;
        while (p < end) {
            int fileResponseLength = u8(b, p);
            if (fileResponseLength < 1 || fileResponseLength % 2 == 0) {
                return "read_file_record response: sub-response " + count + " file response length "
                        + fileResponseLength + " is not 1 + 2 x registers";
            }
            if (fileResponseLength > end - p - 1) {
                return "read_file_record response: sub-response " + count + " file response length "
                        + fileResponseLength + " exceeds the " + (end - p - 1) + " bytes left";
            }
            int referenceType = u8(b, p + 1);
            if (referenceType != RequestPdu.FILE_REFERENCE_TYPE) {
                return "read_file_record response: sub-response " + count + " reference type " + referenceType
                        + " is not 6";
            }
            for (int i = p + 2; i < p + 1 + fileResponseLength; i += 2) {
                t.addResponseValue(u16(b, i));
            }
            p += 1 + fileResponseLength;
            count++;
        }
        if (t.subRequestCount == ModbusDetail.ABSENT) {
            t.subRequestCount = count;
        } else if (t.requestProblem == null && t.subRequestCount != count) {
            return "read_file_record response: " + count + " sub-responses answer " + t.subRequestCount
                    + " sub-requests";
        }
        return null;
    }
}
