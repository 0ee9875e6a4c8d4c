package dev.parley.protocol;

import java.util.regex.Pattern;

/**
 * Rules for participant and channel names. Names show up in file names, logs, HTML and DM channel
 * names ({@code dm:a:b}), so they are kept to a safe alphabet rather than escaped everywhere.
 */
public final class Names {
    /** Longest participant or channel name. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern PARTICIPANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern DM = Pattern.compile("dm:[A-Za-z0-9._@-]+:[A-Za-z0-9._@-]+");

    private Names() {}

    /** Checks a participant name: 1–64 of letters, digits, '.', '_', '@', '-', starting with a letter or digit. */
    public static String participant(String name) {
        if (name == null || !PARTICIPANT.matcher(name).matches()) {
            throw new ProtocolException(ErrorCode.BAD_NAME, "participant names are 1-64 characters of letters, digits,"
                    + " '.', '_', '@' and '-', starting with a letter or digit");
        }
        return name;
    }

    /** Normalises a new channel's name as the reference hub does (lower case, spaces to '-') and checks it. */
    public static String newChannel(String name) {
        String normalised = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        if (!CHANNEL.matcher(normalised).matches()) {
            throw new ProtocolException(ErrorCode.BAD_NAME, "channel names are 1-64 characters of a-z, 0-9, '.', '_'"
                    + " and '-' (spaces become '-')");
        }
        return normalised;
    }

    /** True for a name a channel reference may carry (a group name, a DM name or a channel id). */
    public static boolean isPlausibleChannelReference(String reference) {
        return reference != null && reference.length() <= 2 * MAX_LENGTH + 3
                && (CHANNEL.matcher(reference).matches() || DM.matcher(reference).matches());
    }
}
