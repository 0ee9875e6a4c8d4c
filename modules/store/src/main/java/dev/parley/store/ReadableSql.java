package dev.parley.store;

/**
 * The read rule as SQL, so queries with a limit return up to that many readable rows instead of
 * dropping unreadable ones afterwards. It must say exactly what the server's {@code ReadRule} says:
 *
 * <ul>
 *   <li>a channel is readable when it is a public group channel, or the reader is a member of it
 *       (DMs: their two members);</li>
 *   <li>a message is readable when its channel is, and it is not targeted ({@code to_participant}
 *       NULL) or is targeted at the reader or sent by the reader.</li>
 * </ul>
 *
 * <p>The reader's name is one numbered parameter ({@code ?N}), NULL for an anonymous reader: every
 * comparison with it is then false, so an anonymous reader gets public, untargeted messages only.
 * Queries alias channels {@code c} and messages {@code m}.
 */
final class ReadableSql {
    private ReadableSql() {}

    /** Channel {@code c} is readable by the reader in parameter {@code param} (e.g. {@code "?3"}). */
    static String channel(String param) {
        return "(c.channel_type <> '" + Vocabulary.DM + "' AND c.is_private = 0 OR EXISTS (SELECT 1 FROM members rm "
                + "WHERE rm.channel_id = c.channel_id AND rm.participant = " + param + ")) ";
    }

    /** Message {@code m} in channel {@code c} is readable by the reader in parameter {@code param}. */
    static String message(String param) {
        return "(m.to_participant IS NULL OR m.to_participant = " + param + " OR m.sender = " + param + ") AND "
                + channel(param);
    }
}
