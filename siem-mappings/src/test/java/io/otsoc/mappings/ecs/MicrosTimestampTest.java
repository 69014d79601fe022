package io.otsoc.mappings.ecs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast formatter against java.time, the oracle, over random and edge-case instants. */
class MicrosTimestampTest {

    private static final DateTimeFormatter ORACLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private static String oracle(long micros) {
        return ORACLE.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L));
    }

    private static long micros(String iso) {
        Instant instant = Instant.parse(iso);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    @Test
    void edgeCases() {
        MicrosTimestamp timestamp = new MicrosTimestamp();
        for (String iso : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
                "2024-02-29T23:59:59.999999Z", "2024-03-01T00:00:00.000001Z", "2000-02-29T12:00:00.5Z",
                "1900-03-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
                "2038-01-19T03:14:08Z", "2024-12-31T23:59:59.000999Z"}) {
            long micros = micros(iso);
            assertThat(timestamp.format(micros)).as(iso).isEqualTo(oracle(micros)).hasSize(MicrosTimestamp.LENGTH);
        }
    }

    @Test
    void randomInstantsInAndOutOfOrder() {
        MicrosTimestamp timestamp = new MicrosTimestamp();
        SplittableRandom random = new SplittableRandom(42);
        long from = micros("1950-01-01T00:00:00Z");
        long to = micros("2150-01-01T00:00:00Z");
        char[] buffer = new char[40];
        long previous = micros("2024-05-01T00:00:00Z");
        for (int i = 0; i < 200_000; i++) {
            // Mostly close to the previous instant (the cached-day path), sometimes a jump to another day.
            long micros = i % 10 == 0 ? random.nextLong(from, to) : previous + random.nextLong(-90_000_000L, 90_000_000L);
            int length = timestamp.format(micros, buffer);
            String got = new String(buffer, 0, length);
            if (!got.equals(oracle(micros))) {
                assertThat(got).as("micros " + micros).isEqualTo(oracle(micros));
            }
            previous = micros;
        }
    }

    @Test
    void yearsBeyondFourDigitsFallBackToIsoInstant() {
        MicrosTimestamp timestamp = new MicrosTimestamp();
        long micros = micros("+10000-01-01T00:00:00.000001Z");
        String text = timestamp.format(micros);
        assertThat(micros(text)).isEqualTo(micros);
        // And the cache still works afterwards.
        assertThat(timestamp.format(micros("2024-05-01T01:02:03.000004Z"))).isEqualTo("2024-05-01T01:02:03.000004Z");
    }
}
