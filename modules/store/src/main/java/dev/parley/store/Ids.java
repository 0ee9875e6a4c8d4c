package dev.parley.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh ids: {@code ty-} or {@code ch-} followed by 12 lower-case hex digits from a SecureRandom. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {}

    /** A new message id, e.g. {@code ty-3f2a9c01b7de}. */
    public static String messageId() {
        return "ty-" + hex12();
    }

    /** A new channel id, e.g. {@code ch-0b7de3f2a9c1}. */
    public static String channelId() {
        return "ch-" + hex12();
    }

    /** A new claim id, e.g. {@code cl-9c01b7de3f2a}. */
    public static String claimId() {
        return "cl-" + hex12();
    }

    /** A new attachment id, e.g. {@code at-9c01b7de3f2a}. */
    public static String attachmentId() {
        return "at-" + hex12();
    }

    private static String hex12() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
