package io.otsoc.collector.capture;

import java.util.Arrays;
import java.util.List;

/**
 * PCAPNG: a sequence of blocks, each starting with its type and total length and ending with the length again.
 * Sections (each with its own byte order) hold interfaces, each with its own link type, snap length and
 * timestamp resolution; frames come from Enhanced, Simple and obsolete Packet Blocks. Every other block is
 * skipped by its length. Frames of an interface whose link type the dissector does not understand are counted
 * and skipped, with one warning per interface when its section ends.
 */
final class PcapngReader implements RecordReader {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** libpcap refuses blocks above 16 MiB too; a larger length is taken as corruption. */
    private static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;
    private static final int OPTION_END = 0;
    private static final int OPTION_TS_RESOLUTION = 9;
    private static final int OPTION_TS_OFFSET = 14;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final CaptureInput input;
    private final String name;
    private final List<String> warnings;

    private boolean bigEndian;
    private int sections;
    private long blocks;
    /** True while the file's first section header is read: problems are then fatal, not warnings. */
    private boolean checkingHeader = true;
    private boolean done;
    private boolean anySupportedInterface;
    private boolean anyFrameDelivered;
    private long lastMicros;

    // The interfaces of the current section, indexed by interface id.
    private int interfaces;
    private int[] linkTypes = new int[4];
    private long[] snapLengths = new long[4];
    /** Timestamp units per second; 1,000,000 needs no conversion. */
    private long[] unitsPerSecond = new long[4];
    /** The exponent when units are a power of 2, else -1 for a power of 10. */
    private int[] binaryExponents = new int[4];
    private long[] offsetsMicros = new long[4];
    private long[] skippedFrames = new long[4];

    /** Checks the first section header; the block type at offset 0 was already recognised. */
    PcapngReader(CaptureInput input, String name, List<String> warnings) {
        this.input = input;
        this.name = name;
        this.warnings = warnings;
        readSectionHeader(0); // throws CaptureException for every problem while checkingHeader is set
        checkingHeader = false;
    }

    @Override
    public boolean next(Frame frame, long number) {
        while (!done) {
            long start = input.offset();
            if (!input.request(12)) {
                if (input.exhausted()) {
                    endOfFile();
                    return false;
                }
                return stop(CaptureProblems.endedEarly(name, input, blocks + 1, start, 12));
            }
            int at = input.position();
            int type = input.int32(at, bigEndian);
            if (type == SECTION_HEADER) {
                readSectionHeader(start);
                continue;
            }
            long block = ++blocks;
            int length = input.int32(at + 4, bigEndian);
            if (!validLength(length, type, block, start) || !loadBlock(length, block, start)) {
                return false;
            }
            at = input.position();
            boolean delivered = switch (type) {
                case INTERFACE_DESCRIPTION -> readInterface(at, length, block, start);
                case ENHANCED_PACKET -> readPacket(frame, number, at, length, block, start,
                        input.int32(at + 8, bigEndian), 28, input.int32(at + 20, bigEndian));
                case PACKET -> readPacket(frame, number, at, length, block, start,
                        input.uint16(at + 8, bigEndian), 28, input.int32(at + 20, bigEndian));
                case SIMPLE_PACKET -> readSimplePacket(frame, number, at, length, block, start);
                default -> false;
            };
            if (done) {
                return false;
            }
            input.skip(length);
            if (delivered) {
                anyFrameDelivered = true;
                return true;
            }
        }
        return false;
    }

    /** Reads a section header at the current position: byte order, version, and a fresh set of interfaces. */
    private boolean readSectionHeader(long start) {
        long block = blocks + 1;
        if (!input.request(12)) {
            return fail(CaptureProblems.endedEarly(name, input, block, start, 12));
        }
        int at = input.position();
        int magic = input.int32(at + 8, false);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else {
            return fail(name + ": corrupt section header in record " + block + " at byte offset " + start
                    + " (byte-order magic " + CaptureProblems.leadingBytes(input.buffer(), at + 8, 4) + ")");
        }
        blocks = block;
        int length = input.int32(at + 4, bigEndian);
        if (!validLength(length, SECTION_HEADER, block, start) || !loadBlock(length, block, start)) {
            return false;
        }
        at = input.position();
        int major = input.uint16(at + 12, bigEndian);
        int minor = input.uint16(at + 14, bigEndian);
        if (major != 1) {
            return fail(name + ": unsupported pcapng version " + major + "." + minor + " in record " + block
                    + " at byte offset " + start);
        }
        endSection();
        sections++;
        input.skip(length);
        return true;
    }

    /** Checks a block's total length before it is trusted: a multiple of 4, at least its fixed part, bounded. */
    private boolean validLength(int length, int type, long block, long start) {
        int minimum = switch (type) {
            case SECTION_HEADER -> 28;
            case INTERFACE_DESCRIPTION -> 20;
            case ENHANCED_PACKET, PACKET -> 32;
            case SIMPLE_PACKET -> 16;
            default -> 12;
        };
        if (length < minimum || (length & 3) != 0 || length > MAX_BLOCK_LENGTH) {
            return fail(name + ": corrupt block length " + Integer.toUnsignedString(length) + " in record " + block
                    + " at byte offset " + start + " (needs a multiple of 4 from " + minimum + " to "
                    + MAX_BLOCK_LENGTH + ")");
        }
        return true;
    }

    /** Loads the whole block and checks that its trailing length repeats the leading one. */
    private boolean loadBlock(int length, long block, long start) {
        if (!input.request(length)) {
            return fail(CaptureProblems.endedEarly(name, input, block, start, length));
        }
        int trailing = input.int32(input.position() + length - 4, bigEndian);
        if (trailing != length) {
            return fail(name + ": corrupt block in record " + block + " at byte offset " + start
                    + " (trailing length " + Integer.toUnsignedString(trailing) + " differs from " + length + ")");
        }
        return true;
    }

    private boolean readInterface(int at, int length, long block, long start) {
        int id = interfaces;
        if (id == linkTypes.length) {
            growInterfaces();
        }
        int linkType = input.uint16(at + 8, bigEndian);
        linkTypes[id] = linkType;
        snapLengths[id] = input.uint32(at + 12, bigEndian);
        unitsPerSecond[id] = MICROS_PER_SECOND;
        binaryExponents[id] = -1;
        offsetsMicros[id] = 0;
        skippedFrames[id] = 0;
        byte[] bytes = input.buffer();
        int end = at + length - 4;
        for (int option = at + 16; option + 4 <= end; ) {
            int code = input.uint16(option, bigEndian);
            int valueLength = input.uint16(option + 2, bigEndian);
            if (code == OPTION_END || option + 4 + valueLength > end) {
                break;
            }
            if (code == OPTION_TS_RESOLUTION && valueLength >= 1) {
                int resolution = bytes[option + 4] & 0xFF;
                int exponent = resolution & 0x7F;
                if ((resolution & 0x80) != 0) {
                    if (exponent > 62) {
                        return badResolution(resolution, id, block, start);
                    }
                    unitsPerSecond[id] = 1L << exponent;
                    binaryExponents[id] = exponent;
                } else {
                    if (exponent > 18) {
                        return badResolution(resolution, id, block, start);
                    }
                    unitsPerSecond[id] = powerOfTen(exponent);
                }
            } else if (code == OPTION_TS_OFFSET && valueLength >= 8) {
                long high = input.uint32(option + 4 + (bigEndian ? 0 : 4), bigEndian);
                long low = input.uint32(option + 4 + (bigEndian ? 4 : 0), bigEndian);
                offsetsMicros[id] = ((high << 32) | low) * MICROS_PER_SECOND;
            }
            option += 4 + ((valueLength + 3) & ~3);
        }
        interfaces = id + 1;
        if (LinkTypes.isSupported(linkType)) {
            anySupportedInterface = true;
        }
        return false;
    }

    private boolean badResolution(int resolution, int id, long block, long start) {
        fail(name + ": unsupported timestamp resolution 0x" + Integer.toHexString(resolution) + " of interface " + id
                + " in record " + block + " at byte offset " + start + "; stopped reading");
        return false;
    }

    /** An Enhanced or obsolete Packet Block: interface id, 64-bit timestamp, lengths, then the data. */
    private boolean readPacket(Frame frame, long number, int at, int length, long block, long start,
                               int id, int dataStart, int captured) {
        if (!knownInterface(id, block, start) || !capturedFits(captured, dataStart, length, block, start)) {
            return false;
        }
        int linkType = linkTypes[id];
        if (!LinkTypes.isSupported(linkType)) {
            return skipFrame(id, linkType);
        }
        long units = ((long) input.int32(at + 12, bigEndian) << 32) | input.uint32(at + 16, bigEndian);
        long micros = toMicros(id, units);
        lastMicros = micros;
        frame.set(input.buffer(), at + dataStart, captured, input.int32(at + 24, bigEndian), micros, linkType, number);
        return true;
    }

    /**
     * A Simple Packet Block: only the original length and the data, always of interface 0. It has no timestamp,
     * so it takes the previous frame's, which keeps capture time from jumping back to 1970 in flow timeouts.
     */
    private boolean readSimplePacket(Frame frame, long number, int at, int length, long block, long start) {
        if (!knownInterface(0, block, start)) {
            return false;
        }
        long original = input.uint32(at + 8, bigEndian);
        long captured = Math.min(original, length - 16);
        if (snapLengths[0] != 0) {
            captured = Math.min(captured, snapLengths[0]);
        }
        if (!capturedFits((int) Math.min(captured, Integer.MAX_VALUE), 12, length, block, start)) {
            return false;
        }
        int linkType = linkTypes[0];
        if (!LinkTypes.isSupported(linkType)) {
            return skipFrame(0, linkType);
        }
        frame.set(input.buffer(), at + 12, (int) captured, (int) original, lastMicros, linkType, number);
        return true;
    }

    private boolean knownInterface(int id, long block, long start) {
        if (id < 0 || id >= interfaces) {
            return fail(name + ": record " + block + " at byte offset " + start + " refers to interface "
                    + Integer.toUnsignedString(id) + ", but section " + sections + " defines " + interfaces
                    + "; stopped reading");
        }
        return true;
    }

    private boolean capturedFits(int captured, int dataStart, int length, long block, long start) {
        if (captured < 0 || captured > MAX_CAPTURED_LENGTH) {
            return fail(name + ": corrupt record " + block + " at byte offset " + start + " (captured length "
                    + Integer.toUnsignedString(captured) + " exceeds " + MAX_CAPTURED_LENGTH + "); stopped reading");
        }
        if (dataStart + captured + 4 > length) {
            return fail(name + ": corrupt record " + block + " at byte offset " + start + " (captured length "
                    + captured + " does not fit its block of " + length + " bytes); stopped reading");
        }
        return true;
    }

    private boolean skipFrame(int id, int linkType) {
        if (!anyFrameDelivered && !anySupportedInterface) {
            throw unsupported(linkType);
        }
        skippedFrames[id]++;
        return false;
    }

    private CaptureException unsupported(int linkType) {
        return new CaptureException(name + ": unsupported link type " + linkType + " (" + LinkTypes.name(linkType) + ")");
    }

    /** Converts an interface's timestamp units to microseconds, truncating as libpcap does. */
    private long toMicros(int id, long units) {
        long perSecond = unitsPerSecond[id];
        long micros;
        if (perSecond == MICROS_PER_SECOND) {
            micros = units;
        } else {
            int exponent = binaryExponents[id];
            long seconds;
            long fraction;
            long fractionMicros;
            if (exponent >= 0) {
                seconds = units >>> exponent;
                fraction = units & (perSecond - 1);
                // fraction * 10^6 / 2^exponent, in 128 bits since fraction may reach 2^62.
                long low = fraction * MICROS_PER_SECOND;
                long high = Math.multiplyHigh(fraction, MICROS_PER_SECOND);
                fractionMicros = exponent == 0 ? 0 : (high << (64 - exponent)) | (low >>> exponent);
            } else {
                seconds = Long.divideUnsigned(units, perSecond);
                fraction = Long.remainderUnsigned(units, perSecond);
                fractionMicros = perSecond > MICROS_PER_SECOND
                        ? fraction / (perSecond / MICROS_PER_SECOND)
                        : fraction * (MICROS_PER_SECOND / perSecond);
            }
            micros = seconds * MICROS_PER_SECOND + fractionMicros;
        }
        return micros + offsetsMicros[id];
    }

    private static long powerOfTen(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private void growInterfaces() {
        int size = linkTypes.length * 2;
        linkTypes = Arrays.copyOf(linkTypes, size);
        snapLengths = Arrays.copyOf(snapLengths, size);
        unitsPerSecond = Arrays.copyOf(unitsPerSecond, size);
        binaryExponents = Arrays.copyOf(binaryExponents, size);
        offsetsMicros = Arrays.copyOf(offsetsMicros, size);
        skippedFrames = Arrays.copyOf(skippedFrames, size);
    }

    private void endOfFile() {
        done = true;
        if (!anyFrameDelivered && !anySupportedInterface && interfaces > 0) {
            throw unsupported(linkTypes[0]);
        }
    }

    /** Reports the skipped frames of the section that ends, then forgets its interfaces. */
    private void endSection() {
        for (int id = 0; id < interfaces; id++) {
            if (skippedFrames[id] > 0) {
                warnings.add(name + ": skipped " + skippedFrames[id] + " frames of interface " + id
                        + " in section " + sections + ": unsupported link type "
                        + linkTypes[id] + " (" + LinkTypes.name(linkTypes[id]) + ")");
            }
        }
        interfaces = 0;
    }

    /** A problem in the file: fatal while the header is checked, afterwards a warning that ends the reading. */
    private boolean fail(String message) {
        if (checkingHeader) {
            throw new CaptureException(message);
        }
        return stop(message);
    }

    private boolean stop(String message) {
        warnings.add(message);
        done = true;
        return false;
    }

    @Override
    public void finish() {
        endSection();
    }
}
