package dev.parley.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mentions: {@code @name} in a body, for a registered participant. Parsed once, when a message is stored (and again
 * when it is edited), inside its write task: the names are looked up there, so a mention is of a participant that
 * existed then. A mention starts after the start of the text or a character that is neither a letter, digit nor
 * {@code @} (so {@code bob@example.com} mentions nobody) and may end before punctuation: {@code @bob.} is bob.
 */
final class Mentions {
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}@._-])@([A-Za-z0-9][A-Za-z0-9._@-]{0,63})");
    /** The most mentions one message stores (a body naming everyone is not a way to wake the hub). */
    static final int MAX = 50;
    /** The most distinct {@code @tokens} one body has looked up: a body of 10,000 of them costs no more. */
    static final int MAX_LOOKUPS = 200;

    private Mentions() {}

    /** The registered participants {@code body} mentions, in order of first mention, at most {@link #MAX}. */
    static List<String> resolve(Sql sql, String body) throws SQLException {
        if (body == null || body.indexOf('@') < 0) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Set<String> looked = new HashSet<>();
        Matcher matcher = MENTION.matcher(body);
        while (matcher.find() && found.size() < MAX && looked.size() < MAX_LOOKUPS) {
            // The longest registered name the token starts with, trailing punctuation dropped one by one.
            String token = matcher.group(1);
            while (!token.isEmpty() && looked.add(token)) {
                if (sql.number("SELECT count(*) FROM participants WHERE name = ?", token) > 0) {
                    found.add(token);
                    break;
                }
                char last = token.charAt(token.length() - 1);
                if (last != '.' && last != '-' && last != '_' && last != '@') {
                    break;
                }
                token = token.substring(0, token.length() - 1);
            }
        }
        return new ArrayList<>(found);
    }

    /** Records a stored message's mentions: the column that shows them and the rows that find them. */
    static void store(Sql sql, String messageId, String channelId, long seq, List<String> mentions) throws SQLException {
        sql.update("DELETE FROM message_mentions WHERE message_id = ? AND channel_id = ? AND seq = ?",
                messageId, channelId, seq);
        for (String participant : mentions) {
            sql.update("INSERT OR IGNORE INTO message_mentions(participant, channel_id, seq, message_id) "
                    + "VALUES (?, ?, ?, ?)", participant, channelId, seq, messageId);
        }
        sql.update("UPDATE messages SET mentions = ? WHERE message_id = ?", join(mentions), messageId);
    }

    /** The column's text for a list of names (null for none). */
    static String join(List<String> mentions) {
        return mentions.isEmpty() ? null : String.join(" ", mentions);
    }

    /** The names in the column's text. */
    static List<String> split(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.split(" "));
    }
}
