package io.otsoc.collector.capture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Live capture on the loopback interface. The test sends its own UDP datagrams to 127.0.0.1 only, and is
 * skipped with a message where it cannot capture (not root, or libpcap missing).
 */
class LiveCaptureSourceTest {

    private static final String LOOPBACK = "lo";
    /** Ethernet (14) + IPv4 without options (20) + UDP (8): Linux shows its loopback as Ethernet. */
    private static final int HEADERS = 14 + 20 + 8;
    private static final long WAIT_SECONDS = 20;

    @BeforeEach
    void needsCapturePrivileges() throws IOException {
        assumeTrue(Pcap4jFrames.available(), "libpcap is not installed (apt-get install -y libpcap0.8): skipped");
        assumeTrue(isRoot(), "live capture needs root: skipped");
    }

    private static boolean isRoot() throws IOException {
        Path self = Path.of("/proc/self");
        return Files.exists(self) && ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
    }

    @Test
    void capturesDatagramsSentOverLoopbackWithTheirLengths() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = receiver.getLocalPort();
            int[] payloads = {1, 100, 1400};
            List<FrameCopy> frames = new CopyOnWriteArrayList<>();
            CountDownLatch arrived = new CountDownLatch(payloads.length);
            LiveCaptureOptions options = LiveCaptureOptions.of(LOOPBACK)
                    .withFilter("udp and dst host 127.0.0.1 and dst port " + port)
                    .withPromiscuous(false);
            try (LiveCaptureSource source = new LiveCaptureSource(options)) {
                assertThat(source.name()).isEqualTo(LOOPBACK);
                assertThat(source.linkType()).isEqualTo(LinkTypes.ETHERNET);
                Thread capture = runInBackground(source, frame -> {
                    frames.add(FrameCopy.of(frame));
                    arrived.countDown();
                });
                long before = System.currentTimeMillis() * 1000;
                for (int size : payloads) {
                    byte[] payload = new byte[size];
                    payload[0] = (byte) size;
                    sender.send(new DatagramPacket(payload, size, InetAddress.getLoopbackAddress(), port));
                }
                assertThat(arrived.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all datagrams captured").isTrue();
                source.stop();
                capture.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertThat(capture.isAlive()).as("run() returned after stop()").isFalse();

                assertThat(frames).hasSize(payloads.length);
                for (int i = 0; i < payloads.length; i++) {
                    FrameCopy frame = frames.get(i);
                    byte[] bytes = frame.data();
                    assertThat(frame.number()).isEqualTo(i + 1);
                    assertThat(frame.linkType()).isEqualTo(LinkTypes.ETHERNET);
                    assertThat(frame.capturedLength()).isEqualTo(HEADERS + payloads[i]);
                    assertThat(frame.originalLength()).isEqualTo(HEADERS + payloads[i]);
                    assertThat(((bytes[12] & 0xFF) << 8) | (bytes[13] & 0xFF)).as("EtherType IPv4").isEqualTo(0x0800);
                    assertThat(bytes[23]).as("IP protocol UDP").isEqualTo((byte) 17);
                    assertThat(((bytes[36] & 0xFF) << 8) | (bytes[37] & 0xFF)).as("UDP destination port").isEqualTo(port);
                    assertThat(((bytes[38] & 0xFF) << 8) | (bytes[39] & 0xFF)).as("UDP length")
                            .isEqualTo(8 + payloads[i]);
                    assertThat(bytes[HEADERS]).as("first payload byte").isEqualTo((byte) payloads[i]);
                    assertThat(frame.timestampMicros()).as("capture time").isGreaterThan(before - 60_000_000L);
                }
                SourceReport report = source.report();
                assertThat(report.frames()).isEqualTo(payloads.length);
                assertThat(report.bytes()).isEqualTo(3L * HEADERS + 1 + 100 + 1400);
                assertThat(report.dropped()).isZero();
                assertThat(report.warnings()).isEmpty();
            }
        }
    }

    @Test
    void stopEndsAQuietCapture() throws Exception {
        // A filter nothing matches: the loop waits without any packet, and breakLoop must still end it.
        try (LiveCaptureSource source = new LiveCaptureSource(
                LiveCaptureOptions.of(LOOPBACK).withFilter("udp and dst host 127.0.0.1 and dst port 9 and src port 9"))) {
            CountDownLatch started = new CountDownLatch(1);
            Thread capture = new Thread(() -> {
                started.countDown();
                source.run(frame -> { });
            }, "quiet-capture");
            capture.start();
            assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // let run() enter pcap_loop
            source.stop();
            capture.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(capture.isAlive()).as("run() returned after stop()").isFalse();
            assertThat(source.report().frames()).isZero();
        }
    }

    @Test
    void aHandlerFailureEndsTheRunAndReachesTheCaller() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             LiveCaptureSource source = new LiveCaptureSource(LiveCaptureOptions.of(LOOPBACK)
                     .withFilter("udp and dst port " + receiver.getLocalPort()))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread capture = new Thread(() -> {
                try {
                    source.run(frame -> {
                        throw new IllegalStateException("handler failed on frame " + frame.number());
                    });
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "failing-capture");
            capture.start();
            sender.send(new DatagramPacket(new byte[8], 8, InetAddress.getLoopbackAddress(), receiver.getLocalPort()));
            capture.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(capture.isAlive()).as("run() returned after the handler failed").isFalse();
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("handler failed on frame 1");
        }
    }

    @Test
    void anUnknownInterfaceFailsNamingIt() {
        assertThatThrownBy(() -> new LiveCaptureSource(LiveCaptureOptions.of("otsoc-none0")).close())
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("otsoc-none0: cannot open for capture: ");
    }

    @Test
    void aBadFilterFailsNamingTheInterfaceAndTheFilter() {
        assertThatThrownBy(() -> new LiveCaptureSource(LiveCaptureOptions.of(LOOPBACK).withFilter("udp port ((")).close())
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("lo: bad capture filter \"udp port ((\": ");
    }

    @Test
    void nothingInTheCapturePackageTransmits() throws IOException {
        // The sensor is passive by contract: no call that sends a packet may appear in the capture code.
        Path sources = Path.of("src/main/java/io/otsoc/collector/capture");
        assumeTrue(Files.isDirectory(sources), "sources not found from " + Path.of("").toAbsolutePath());
        try (Stream<Path> files = Files.list(sources)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(java).isNotEmpty();
            for (Path file : java) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("sendPacket").doesNotContain("pcap_inject").doesNotContain("pcap_sendpacket");
            }
        }
    }

    private static Thread runInBackground(PacketSource source, FrameHandler handler) {
        Thread thread = new Thread(() -> source.run(handler), "live-capture");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
