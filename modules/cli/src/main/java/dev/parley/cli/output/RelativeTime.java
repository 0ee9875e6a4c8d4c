package dev.parley.cli.output;

import dev.parley.protocol.wire.WireTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Hub timestamps for people: "just now", "2m ago", "3h ago", "5d ago", then the date. */
public final class RelativeTime {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private RelativeTime() {}

    /** How long before {@code now} a hub timestamp was; the text itself when it is not a timestamp. */
    public static String ago(String timestamp, Instant now) {
        Instant then = WireTime.parse(timestamp);
        if (then == null) {
            return timestamp == null ? "" : timestamp;
        }
        Duration age = Duration.between(then, now);
        boolean future = age.isNegative();
        long seconds = Math.abs(age.getSeconds());
        String amount;
        if (seconds < 10) {
            return "just now";
        } else if (seconds < 60) {
            amount = seconds + "s";
        } else if (seconds < 3600) {
            amount = seconds / 60 + "m";
        } else if (seconds < 86_400) {
            amount = seconds / 3600 + "h";
        } else if (seconds < 30 * 86_400L) {
            amount = seconds / 86_400 + "d";
        } else {
            return DATE.format(then.atZone(ZoneId.systemDefault()));
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** The local wall-clock time of a hub timestamp (for live streams), or the text itself. */
    public static String clock(String timestamp) {
        Instant then = WireTime.parse(timestamp);
        return then == null ? String.valueOf(timestamp) : CLOCK.format(then.atZone(ZoneId.systemDefault()));
    }

}
