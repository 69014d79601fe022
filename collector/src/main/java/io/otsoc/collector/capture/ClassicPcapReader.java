package io.otsoc.collector.capture;

import java.util.List;

/**
 * The classic libpcap format: a 24-byte file header, then a 16-byte header before every record. Both byte
 * orders, microsecond and nanosecond timestamps, and the 24-byte record headers of the "modified" (Kuznetzov)
 * variant.
 */
final class ClassicPcapReader implements RecordReader {

    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int MAGIC_MODIFIED = 0xA1B2CD34;
    private static final int FILE_HEADER_LENGTH = 24;

    private final CaptureInput input;
    private final String name;
    private final List<String> warnings;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int recordHeaderLength;
    private final int linkType;
    private long records;
    private boolean done;

    /** Checks the file header; the magic at offset 0 was already recognised. */
    ClassicPcapReader(CaptureInput input, String name, List<String> warnings, int magic, boolean bigEndian) {
        this.input = input;
        this.name = name;
        this.warnings = warnings;
        this.bigEndian = bigEndian;
        this.nanos = magic == MAGIC_NANOS;
        this.recordHeaderLength = magic == MAGIC_MODIFIED ? 24 : 16;
        if (!input.request(FILE_HEADER_LENGTH)) {
            throw new CaptureException(name + ": truncated in the file header (needs " + FILE_HEADER_LENGTH
                    + " bytes, " + input.available() + " present)");
        }
        int major = input.uint16(4, bigEndian);
        int minor = input.uint16(6, bigEndian);
        if (major != 2) {
            throw new CaptureException(name + ": unsupported pcap version " + major + "." + minor);
        }
        // The upper bits of the link type field carry FCS information; the type is the low 16 bits.
        linkType = input.int32(20, bigEndian) & 0xFFFF;
        if (!LinkTypes.isSupported(linkType)) {
            throw new CaptureException(name + ": unsupported link type " + linkType + " (" + LinkTypes.name(linkType) + ")");
        }
        input.skip(FILE_HEADER_LENGTH);
    }

    @Override
    public boolean next(Frame frame, long number) {
        if (done) {
            return false;
        }
        long start = input.offset();
        if (!input.request(recordHeaderLength)) {
            return input.exhausted() ? finishReading() : stop(records + 1, start, recordHeaderLength);
        }
        long record = ++records;
        int at = input.position();
        long seconds = input.uint32(at, bigEndian);
        long fraction = input.uint32(at + 4, bigEndian);
        int captured = input.int32(at + 8, bigEndian);
        int original = input.int32(at + 12, bigEndian);
        if (captured < 0 || captured > MAX_CAPTURED_LENGTH) {
            warnings.add(name + ": corrupt record " + record + " at byte offset " + start + " (captured length "
                    + Integer.toUnsignedString(captured) + " exceeds " + MAX_CAPTURED_LENGTH + "); stopped reading");
            done = true;
            return false;
        }
        int length = recordHeaderLength + captured;
        if (!input.request(length)) {
            return stop(record, start, length);
        }
        long micros = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
        frame.set(input.buffer(), input.position() + recordHeaderLength, captured, original, micros, linkType, number);
        input.skip(length);
        return true;
    }

    private boolean finishReading() {
        done = true;
        return false;
    }

    private boolean stop(long record, long offset, int needed) {
        warnings.add(CaptureProblems.endedEarly(name, input, record, offset, needed));
        done = true;
        return false;
    }

    @Override
    public void finish() {
        // Nothing is skipped in a classic capture: it has one link type, checked with the header.
    }
}
