package io.otsoc.routes.bench;

import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.nio.file.Path;

/**
 * (a) read through pcap4j instead: libpcap's own file reader, each frame copied into a Java array by pcap4j's
 * {@code loop()}, touching one byte of every frame like {@link ReadOnlyPath}. This is what reading files through
 * the live-capture library would cost, the reason files are read by {@code PcapFileSource} instead.
 */
final class Pcap4jReadPath implements MeasuredPath {

    static {
        // pcap4j logs every open and close at INFO: that would be one line per run on stderr.
        System.setProperty("org.slf4j.simpleLogger.log.org.pcap4j", "warn");
    }

    /** Whether libpcap can be loaded here; the path is left out when it cannot. */
    static boolean available() {
        try {
            Pcaps.libVersion();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String label() {
        return "(a) read only: pcap4j loop (libpcap)";
    }

    @Override
    public boolean onCallingThread() {
        return true;
    }

    @Override
    public PathRun run(Path corpus) {
        FrameTally tally = new FrameTally();
        try (PcapHandle handle = Pcaps.openOffline(corpus.toString(), PcapHandle.TimestampPrecision.MICRO)) {
            handle.loop(-1, (byte[] frame) -> tally.add(frame, 0, frame.length));
        } catch (PcapNativeException | org.pcap4j.core.NotOpenException e) {
            throw new BenchException("pcap4j cannot read " + corpus + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while reading " + corpus + " with pcap4j", e);
        }
        return tally.run();
    }
}
