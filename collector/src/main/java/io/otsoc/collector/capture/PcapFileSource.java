package io.otsoc.collector.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One PCAP or PCAPNG file, read in plain Java: a FileChannel fills one large reusable buffer and every frame is
 * a view into it, so the per-frame path neither copies nor allocates. The format is told by the file's first
 * bytes, not its name.
 *
 * <p>The constructor checks the header and reads up to the first frame, so a file that cannot be read at all
 * fails there with a one-line {@link CaptureException} before anything is delivered. A problem further in (a
 * truncated or corrupt record, a read error) ends the file after every complete frame before it and becomes a
 * warning in {@link #report()}.
 */
public final class PcapFileSource implements PacketSource {

    /** Large enough that refills are rare, small enough for many sources at once. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 20;

    private final String name;
    private final CaptureInput input;
    private final RecordReader reader;
    private final Frame frame = new Frame();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final long firstTimestampMicros;
    /** The first frame, read while checking the file and not delivered yet. */
    private boolean firstPending;
    private long firstNumber = 1;
    private long frames;
    private long bytes;
    private boolean finished;
    private volatile boolean stopped;

    public PcapFileSource(Path file) {
        this(file, null, DEFAULT_BUFFER_SIZE);
    }

    /**
     * With a buffer of the given size (or of the file's size, when that is smaller); a record larger than the
     * buffer grows it.
     */
    public PcapFileSource(Path file, int bufferSize) {
        this(file, null, Math.max(bufferSize, 64));
    }

    /** Reads through the given buffer, which a set of files read one after another can share. */
    PcapFileSource(Path file, byte[] buffer) {
        this(file, buffer, buffer.length);
    }

    private PcapFileSource(Path file, byte[] sharedBuffer, int bufferSize) {
        this.name = file.toString();
        FileChannel channel = open(file, name);
        CaptureInput in;
        try {
            byte[] buffer = sharedBuffer != null ? sharedBuffer
                    : new byte[(int) Math.min(bufferSize, Math.max(64, channel.size()))];
            in = new CaptureInput(channel, buffer);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CaptureException(name + ": cannot read: " + CaptureProblems.reason(e), e);
        }
        try {
            this.reader = openReader(in, name, warnings);
            this.firstPending = reader.next(frame, firstNumber);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        this.input = in;
        this.firstTimestampMicros = firstPending ? frame.timestampMicros() : Long.MAX_VALUE;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the first error is the one to report.
        }
    }

    private static FileChannel open(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw new CaptureException(name + ": cannot read: is a directory");
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                if (channel.size() == 0) {
                    throw new CaptureException(name + ": empty file");
                }
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + CaptureProblems.reason(e), e);
        }
    }

    /** Tells the format by the first four bytes. */
    private static RecordReader openReader(CaptureInput in, String name, List<String> warnings) {
        if (!in.request(4)) {
            if (in.failure() != null) {
                throw new CaptureException(name + ": cannot read: " + CaptureProblems.reason(in.failure()), in.failure());
            }
            throw new CaptureException(name + ": not a pcap or pcapng capture (starts with "
                    + CaptureProblems.leadingBytes(in.buffer(), 0, in.available()) + ")");
        }
        int little = in.int32(0, false);
        int big = in.int32(0, true);
        if (little == PcapngReader.SECTION_HEADER) {
            return new PcapngReader(in, name, warnings);
        }
        if (isClassicMagic(little)) {
            return new ClassicPcapReader(in, name, warnings, little, false);
        }
        if (isClassicMagic(big)) {
            return new ClassicPcapReader(in, name, warnings, big, true);
        }
        throw new CaptureException(name + ": not a pcap or pcapng capture (starts with "
                + CaptureProblems.leadingBytes(in.buffer(), 0, 4) + ")");
    }

    private static boolean isClassicMagic(int magic) {
        return magic == ClassicPcapReader.MAGIC_MICROS || magic == ClassicPcapReader.MAGIC_NANOS
                || magic == ClassicPcapReader.MAGIC_MODIFIED;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(FrameHandler handler) {
        if (firstPending && !stopped) {
            firstPending = false;
            Frame first = frame;
            first.set(first.data(), first.offset(), first.capturedLength(), first.originalLength(),
                    first.timestampMicros(), first.linkType(), firstNumber);
            deliver(handler, first);
        }
        while (!stopped && reader.next(frame, firstNumber + frames)) {
            deliver(handler, frame);
        }
        if (!stopped && !finished) {
            finished = true;
            reader.finish();
        }
    }

    private void deliver(FrameHandler handler, Frame next) {
        frames++;
        bytes += next.capturedLength();
        handler.onFrame(next);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public SourceReport report() {
        return new SourceReport(frames, bytes, 0, warnings);
    }

    /** Capture time of the first frame, or {@link Long#MAX_VALUE} when the file holds none. */
    long firstTimestampMicros() {
        return firstTimestampMicros;
    }

    /** Numbers this file's frames from {@code number} on, to continue the numbering of the files before it. */
    void numberFrom(long number) {
        this.firstNumber = number;
    }

    @Override
    public void close() {
        input.close();
    }
}
