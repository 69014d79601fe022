package io.otsoc.collector.testing;

import io.otsoc.collector.capture.CaptureException;
import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A test-only {@link PacketSource} over one capture file, read through pcap4j/libpcap (PCAP and PCAPNG). Slow
 * (a JNA call per frame) but independent of the project's own file reader.
 */
public final class Pcap4jTestSource implements PacketSource {

    private final Path file;
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean stopped;
    private long frames;
    private long bytes;

    public Pcap4jTestSource(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void run(FrameHandler handler) {
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString());
        } catch (PcapNativeException e) {
            throw new CaptureException(file + ": cannot open capture: " + e.getMessage(), e);
        }
        try {
            int linkType = handle.getDlt().value();
            Frame frame = new Frame();
            while (!stopped) {
                byte[] data;
                try {
                    data = handle.getNextRawPacketEx();
                } catch (EOFException e) {
                    break;
                } catch (TimeoutException e) {
                    continue;
                } catch (PcapNativeException e) {
                    warnings.add(file + ": read stopped after frame " + frames + ": " + e.getMessage()
                            + " (truncated?)");
                    break;
                }
                Timestamp ts = handle.getTimestamp();
                long micros = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
                Integer original = handle.getOriginalLength();
                frames++;
                bytes += data.length;
                frame.set(data, 0, data.length, original == null ? data.length : original, micros, linkType, frames);
                handler.onFrame(frame);
            }
        } catch (org.pcap4j.core.NotOpenException e) {
            throw new CaptureException(file + ": capture closed while reading", e);
        } finally {
            handle.close();
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public SourceReport report() {
        return new SourceReport(frames, bytes, 0, warnings);
    }

    @Override
    public void close() {
        stopped = true;
    }
}
