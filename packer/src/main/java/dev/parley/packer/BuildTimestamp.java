package dev.parley.packer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The one time a template carries: every {@code sqlar.mtime}, {@code template_created_at} and the
 * build-time stamps of the runtime schema. It comes from the build, never from the clock, so the
 * same tree packs into the same bytes.
 *
 * <p>Maven passes {@code project.build.outputTimestamp} (ISO-8601 with an offset, or seconds since
 * 1970, as Maven accepts it). Without one the packer takes {@code SOURCE_DATE_EPOCH}
 * (reproducible-builds.org), and says so; with neither it refuses rather than stamp the clock.
 *
 * @param instant the time, whole seconds
 * @param origin  where it came from, for the packer's report
 */
public record BuildTimestamp(Instant instant, String origin) {
    /** The environment variable of reproducible-builds.org, read when no output timestamp is given. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    public BuildTimestamp {
        instant = instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The build's time.
     *
     * @param outputTimestamp Maven's {@code project.build.outputTimestamp}; null or blank when not given
     * @param environment     the process environment, for {@code SOURCE_DATE_EPOCH}
     * @throws IllegalArgumentException when neither gives a time, or one cannot be read
     */
    public static BuildTimestamp resolve(String outputTimestamp, Map<String, String> environment) {
        if (outputTimestamp != null && !outputTimestamp.isBlank()) {
            return new BuildTimestamp(parse(outputTimestamp.strip()), "project.build.outputTimestamp");
        }
        String epoch = environment.get(SOURCE_DATE_EPOCH);
        if (epoch != null && !epoch.isBlank()) {
            return new BuildTimestamp(parse(epoch.strip()), SOURCE_DATE_EPOCH);
        }
        throw new IllegalArgumentException("no build timestamp: pass --timestamp (the POM's "
                + "project.build.outputTimestamp) or set " + SOURCE_DATE_EPOCH);
    }

    /** Seconds since 1970, as {@code sqlar.mtime} holds them. */
    public long epochSecond() {
        return instant.getEpochSecond();
    }

    /** ISO-8601 in UTC, e.g. {@code 2026-01-01T00:00:00Z}. */
    public String iso() {
        return instant.toString();
    }

    private static Instant parse(String text) {
        try {
            return text.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(text))
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a build timestamp (ISO-8601 with offset, or seconds since "
                    + "1970): " + text, e);
        }
    }
}
