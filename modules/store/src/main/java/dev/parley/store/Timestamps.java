package dev.parley.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The hub's one timestamp format: ISO-8601 UTC with microseconds and an explicit offset, e.g.
 * {@code 2026-02-20T04:54:28.444985+00:00}. Fixed width, so stored timestamps compare as text.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** The wall clock now, in the hub's format (not monotonic; see {@link MonotonicClock}). */
    public static String now() {
        return format(Instant.now());
    }

    /** An instant in the hub's format, truncated to microseconds. */
    public static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
        }
        // By hand: this runs for every stored row, and DateTimeFormatter costs microseconds.
        char[] text = "0000-00-00T00:00:00.000000+00:00".toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 6, instant.getNano() / 1_000);
        return new String(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Reads a timestamp a client sent: any ISO-8601 date-time with an offset or {@code Z}; one
     * without an offset is taken as UTC.
     *
     * @throws IllegalArgumentException when the text is not such a timestamp
     */
    public static Instant parse(String text) {
        String value = text == null ? "" : text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 timestamp: " + text, e);
            }
        }
    }

    /** Microseconds since 1970 of an instant. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The instant of a count of microseconds since 1970. */
    static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
