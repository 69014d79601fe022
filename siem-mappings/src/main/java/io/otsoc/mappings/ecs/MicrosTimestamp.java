package io.otsoc.mappings.ecs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Formats microseconds since the epoch as ISO-8601 UTC with six fraction digits, e.g.
 * {@code 2024-05-01T12:34:56.123456Z}, into a caller's char buffer. Events arrive in time order, so the date
 * part is computed once per day and the time of day once per second, and copied; the fraction is plain digit
 * arithmetic. Not thread-safe: one per thread.
 */
final class MicrosTimestamp {

    /** Characters written for years 0000-9999. */
    static final int LENGTH = 27;

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;

    private final char[] datePart = new char[11]; // "yyyy-MM-ddT"
    private long cachedDay = Long.MIN_VALUE;
    private final char[] secondPart = new char[20]; // "yyyy-MM-ddTHH:mm:ss."
    private long cachedSecond = Long.MIN_VALUE;

    /**
     * Writes the timestamp at {@code out[0..]} and returns its length ({@link #LENGTH} except for years outside
     * 0000-9999, which are written in java.time's extended form). {@code out} must hold at least 40 chars.
     */
    int format(long micros, char[] out) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int fraction = (int) (micros - seconds * MICROS_PER_SECOND);
        if (seconds != cachedSecond && !cacheSecond(seconds)) {
            return formatRare(micros, out);
        }
        System.arraycopy(secondPart, 0, out, 0, 20);
        for (int i = 25; i >= 20; i--) {
            out[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        out[26] = 'Z';
        return LENGTH;
    }

    /** Fills {@link #secondPart} for the second; false for years outside 0000-9999. */
    private boolean cacheSecond(long seconds) {
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        if (day != cachedDay && !cacheDay(day)) {
            return false;
        }
        char[] out = secondPart;
        System.arraycopy(datePart, 0, out, 0, 11);
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, (secondOfDay / 60) % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        out[19] = '.';
        cachedSecond = seconds;
        return true;
    }

    /** The timestamp as a String (not for the hot path). */
    String format(long micros) {
        char[] buffer = new char[40];
        return new String(buffer, 0, format(micros, buffer));
    }

    private boolean cacheDay(long day) {
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        two(datePart, 0, year / 100);
        two(datePart, 2, year % 100);
        datePart[4] = '-';
        two(datePart, 5, date.getMonthValue());
        datePart[7] = '-';
        two(datePart, 8, date.getDayOfMonth());
        datePart[10] = 'T';
        cachedDay = day;
        return true;
    }

    private static int formatRare(long micros, char[] out) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
        String text = DateTimeFormatter.ISO_INSTANT.format(instant);
        text.getChars(0, text.length(), out, 0);
        return text.length();
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
