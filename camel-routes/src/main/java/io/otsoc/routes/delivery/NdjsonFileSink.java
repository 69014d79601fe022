package io.otsoc.routes.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes documents to {@code DIR/events.ndjson}, one compact JSON document per line, in delivery order.
 *
 * <p>Output goes to {@code events.ndjson.partial} first and becomes {@code events.ndjson} only through
 * {@link #commit()}, by an atomic rename, so no partial output ever looks complete: a run that fails or is
 * interrupted leaves no new {@code events.ndjson}, and an older one is replaced only when a run succeeds.
 * {@link #close()} without a commit deletes the partial file.
 *
 * <p>Writes go through a 1 MiB buffer to a file channel; a batch is on the channel when {@link #deliver} returns.
 * A batch that fails half-way is cut off the file again, so a redelivery does not duplicate lines.
 */
public final class NdjsonFileSink implements DocumentSink {

    public static final String FILE_NAME = "events.ndjson";
    public static final String PARTIAL_SUFFIX = ".partial";

    private static final int BUFFER_BYTES = 1 << 20;

    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private boolean committed;
    private boolean closed;
    private IOException broken;

    /**
     * Creates {@code dir} if needed and starts {@code events.ndjson.partial} (an older partial file is
     * overwritten; an older {@code events.ndjson} is left alone until {@link #commit()}).
     *
     * @throws DeliveryException when the directory or file cannot be created
     */
    public NdjsonFileSink(Path dir) {
        this.target = dir.resolve(FILE_NAME);
        this.partial = dir.resolve(FILE_NAME + PARTIAL_SUFFIX);
        try {
            Files.createDirectories(dir);
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new DeliveryException("cannot create " + partial + ": " + reason(e), e);
        }
    }

    /** The final file's path. */
    @Override
    public String name() {
        return target.toString();
    }

    public Path target() {
        return target;
    }

    public Path partial() {
        return partial;
    }

    @Override
    public DeliveryResult deliver(List<EcsDocument> batch) {
        if (committed || closed) {
            throw new IllegalStateException(partial + " is already " + (committed ? "committed" : "closed"));
        }
        if (broken != null) {
            throw new DeliveryException("cannot write " + partial + ": an earlier failed write could not be undone ("
                    + reason(broken) + ")", broken);
        }
        long start;
        try {
            start = channel.position();
        } catch (IOException e) {
            throw new DeliveryException("cannot write " + partial + ": " + reason(e), e);
        }
        try {
            for (EcsDocument document : batch) {
                put(document.json());
                if (!buffer.hasRemaining()) {
                    drain();
                }
                buffer.put((byte) '\n');
            }
            drain();
            return DeliveryResult.allDelivered(batch.size());
        } catch (IOException e) {
            rollBack(start);
            throw new DeliveryException("cannot write " + partial + ": " + reason(e), e);
        }
    }

    /**
     * Makes the output final: flushes, syncs to disk, and renames the partial file to {@code events.ndjson},
     * replacing an older one.
     *
     * @throws DeliveryException when the file cannot be completed; the partial file is then left for
     *                           {@link #close()} to remove
     */
    public void commit() {
        if (committed) {
            return;
        }
        if (closed) {
            throw new IllegalStateException(partial + " is already closed");
        }
        try {
            drain();
            channel.force(true);
            channel.close();
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new DeliveryException("cannot complete " + target + ": " + reason(e), e);
        }
    }

    public boolean committed() {
        return committed;
    }

    /** Closes the file; without a commit, the partial output is deleted. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (committed) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing of it is kept
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // nothing better to do: the name says it is partial
        }
    }

    private void put(byte[] json) throws IOException {
        if (json.length > buffer.remaining()) {
            drain();
            if (json.length > buffer.capacity()) {
                writeFully(ByteBuffer.wrap(json));
                return;
            }
        }
        buffer.put(json);
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void rollBack(long start) {
        buffer.clear();
        try {
            channel.truncate(start);
            channel.position(start);
        } catch (IOException e) {
            broken = e; // a retry would duplicate lines: refuse further batches instead
        }
    }

    private String reason(IOException e) {
        if (e instanceof FileSystemException problem) {
            String what = problem.getReason();
            if (what == null) {
                what = switch (problem.getClass().getSimpleName()) {
                    case "AccessDeniedException" -> "permission denied";
                    case "NoSuchFileException" -> "no such file or directory";
                    case "FileAlreadyExistsException" -> "exists and is not a directory";
                    case "NotDirectoryException" -> "not a directory";
                    default -> problem.getClass().getSimpleName();
                };
            }
            String file = problem.getFile();
            return file == null || file.equals(partial.toString()) ? what : file + ": " + what;
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
