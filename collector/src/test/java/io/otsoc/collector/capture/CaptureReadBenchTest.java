package io.otsoc.collector.capture;

import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The throughput main runs and both readers count the same frames; its timings are printed, never asserted. */
class CaptureReadBenchTest {

    @Test
    void bothReadersCountEveryFrameOfTheFile() throws Exception {
        Pcap4jFrames.require();
        Path file = SharedFixtures.pcap("modbus/ModbusTCP.pcap");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CaptureReadBench.main(new String[]{file.toString(), "1", "1"});
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher run = Pattern.compile("PcapFileSource [\\d,.]+ frames/s \\(([\\d,]+) frames\\)"
                + " +pcap4j loop [\\d,.]+ frames/s \\(([\\d,]+) frames\\)").matcher(output);
        assertThat(run.find()).as(output).isTrue();
        // capinfos: 15,387 packets
        assertThat(run.group(1)).isEqualTo("15,387");
        assertThat(run.group(2)).isEqualTo("15,387");
    }
}
