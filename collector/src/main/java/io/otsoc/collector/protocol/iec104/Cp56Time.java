package io.otsoc.collector.protocol.iec104;

/**
 * A seven-octet binary time, CP56Time2a (IEC 60870-5-101 section 7.2.6.18): milliseconds of the minute (0-59999,
 * little-endian), minute with the invalid bit IV, hour with the summer-time bit SU, day of month with day of week,
 * month, year of the century. It names no time zone, so {@link #iso()} is a local date-time without offset.
 */
record Cp56Time(int milliseconds, int minute, boolean invalid, int hour, boolean summerTime, int dayOfMonth,
                int dayOfWeek, int month, int year) {

    static final int SIZE = 7;

    static Cp56Time read(byte[] b, int i) {
        return new Cp56Time((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8, b[i + 2] & 0x3F, (b[i + 2] & 0x80) != 0,
                b[i + 3] & 0x1F, (b[i + 3] & 0x80) != 0, b[i + 4] & 0x1F, (b[i + 4] >> 5) & 0x07, b[i + 5] & 0x0F,
                b[i + 6] & 0x7F);
    }

    /**
     * ISO 8601 local date-time with milliseconds, e.g. {@code 2024-07-16T09:03:55.773}, taking the year in
     * 2000-2099; null when a field is out of its range (month 0, day 31 of April, minute 60, ...).
     */
    String iso() {
        if (milliseconds > 59_999 || minute > 59 || hour > 23 || month < 1 || month > 12 || dayOfMonth < 1
                || dayOfMonth > java.time.YearMonth.of(2000 + year, month).lengthOfMonth()) {
            return null;
        }
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", 2000 + year, month, dayOfMonth, hour, minute,
                milliseconds / 1000, milliseconds % 1000);
    }
}
