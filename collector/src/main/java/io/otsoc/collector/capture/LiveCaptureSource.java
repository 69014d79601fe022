package io.otsoc.collector.capture;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Frames from a live interface through libpcap (pcap4j). Receive only: nothing here ever transmits.
 *
 * <p>Frames are read with {@code pcap_loop} and {@link #stop()} breaks the loop: with libpcap 1.10 a blocking
 * single-packet read can wait forever on a quiet interface because the read timeout only runs once a packet
 * has arrived, while {@code pcap_breakloop} wakes the loop at once.
 */
public final class LiveCaptureSource implements PacketSource {

    private final LiveCaptureOptions options;
    private final String name;
    private final PcapHandle handle;
    private final int linkType;
    private final Frame frame = new Frame();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private long frames;
    private long bytes;
    private volatile long dropped;
    private volatile boolean stopped;
    private boolean closed;

    /** Opens the interface and sets the filter, so that a wrong name, right or filter fails here. */
    public LiveCaptureSource(LiveCaptureOptions options) {
        this.options = options;
        this.name = options.interfaceName();
        this.handle = openHandle(options);
        try {
            String filter = options.filter();
            if (filter != null && !filter.isBlank()) {
                try {
                    handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException | NotOpenException e) {
                    throw new CaptureException(name + ": bad capture filter \"" + filter + "\": " + e.getMessage(), e);
                }
            }
            this.linkType = handle.getDlt().value();
            if (!LinkTypes.isSupported(linkType)) {
                throw new CaptureException(name + ": unsupported link type " + linkType + " ("
                        + LinkTypes.name(linkType) + ")");
            }
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static PcapHandle openHandle(LiveCaptureOptions options) {
        String name = options.interfaceName();
        try {
            return new PcapHandle.Builder(name)
                    .snaplen(options.snapLength())
                    .promiscuousMode(options.promiscuous()
                            ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .bufferSize(options.bufferSize())
                    .timeoutMillis(options.timeoutMillis())
                    .immediateMode(true)
                    .timestampPrecision(PcapHandle.TimestampPrecision.MICRO)
                    .build();
        } catch (PcapNativeException e) {
            throw new CaptureException(name + ": cannot open for capture: " + oneLine(e.getMessage()), e);
        } catch (LinkageError e) {
            throw new CaptureException(name + ": cannot open for capture: libpcap is not available ("
                    + oneLine(e.getMessage()) + ")", e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replace('\n', ' ').trim();
    }

    /** The options the interface was opened with. */
    public LiveCaptureOptions options() {
        return options;
    }

    /** The interface's link type as libpcap reports it. */
    public int linkType() {
        return linkType;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(FrameHandler handler) {
        if (stopped) {
            return;
        }
        Delivery delivery = new Delivery(handler);
        try {
            handle.loop(-1, delivery);
        } catch (InterruptedException e) {
            // pcap4j's way of saying pcap_breakloop ended the loop: the normal end after stop().
        } catch (PcapNativeException | NotOpenException e) {
            if (!stopped) {
                warnings.add(name + ": capture stopped: " + oneLine(e.getMessage()));
            }
        } finally {
            readDropped();
        }
        if (delivery.failure != null) {
            throw delivery.failure;
        }
    }

    /**
     * Hands each packet to the handler. An exception thrown inside a native callback would be swallowed by JNA,
     * so it is kept, the loop is broken, and {@link #run} rethrows it.
     */
    private final class Delivery implements RawPacketListener {

        private final FrameHandler handler;
        private RuntimeException failure;

        Delivery(FrameHandler handler) {
            this.handler = handler;
        }

        @Override
        public void gotPacket(byte[] packet) {
            if (failure != null) {
                return;
            }
            Timestamp time = handle.getTimestamp();
            Integer original = handle.getOriginalLength();
            long micros = Math.floorDiv(time.getTime(), 1000L) * 1_000_000L + time.getNanos() / 1000;
            frames++;
            bytes += packet.length;
            try {
                handler.onFrame(frame.set(packet, 0, packet.length, original == null ? packet.length : original,
                        micros, linkType, frames));
            } catch (RuntimeException e) {
                failure = e;
                stop();
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // Closed already: nothing is running.
        }
    }

    @Override
    public SourceReport report() {
        readDropped();
        return new SourceReport(frames, bytes, dropped, warnings);
    }

    private void readDropped() {
        if (!handle.isOpen()) {
            return;
        }
        try {
            PcapStat stats = handle.getStats();
            dropped = stats.getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException e) {
            // Statistics are best effort; the last figure stays.
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        readDropped();
        handle.close();
    }
}
