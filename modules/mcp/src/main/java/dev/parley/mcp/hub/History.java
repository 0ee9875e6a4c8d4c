package dev.parley.mcp.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's messages over REST as this participant sees them (messages targeted at someone else
 * are left out), oldest first: the latest ones, those after a {@code seq}, or those after a time.
 */
public final class History {
    private static final int PAGE = 200;
    private static final int MAX_PAGES_BACK = 50;

    private final HubParticipant me;

    public History(HubParticipant me) {
        this.me = me;
    }

    /** The latest {@code limit} messages (at most 200). */
    public List<JsonNode> latest(String channel, int limit) {
        return visible(me.rest().get(path(channel) + "?limit=" + limit));
    }

    /** Messages with {@code seq} above {@code afterSeq}, at most {@code limit} (at most 1000). */
    public List<JsonNode> afterSeq(String channel, long afterSeq, int limit) {
        return visible(me.rest().get(path(channel) + "?after_seq=" + afterSeq + "&limit=" + limit));
    }

    /**
     * Messages created after {@code since}, at most {@code limit}. The REST API pages by seq, so the
     * last seq at or before {@code since} is found by bisection ({@code created_at} grows with
     * {@code seq} in a channel): about log2(lastSeq) one-row requests.
     */
    public List<JsonNode> afterTime(String channel, long lastSeq, Instant since, int limit) {
        long lo = 0;
        long hi = lastSeq;
        // Invariant: the answer x (largest seq created at or before since, 0 if none) is in [lo, hi].
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            JsonNode first = me.rest().get(path(channel) + "?after_seq=" + (mid - 1) + "&limit=1").path(0);
            if (first.isMissingNode() || createdAt(first).isAfter(since)) {
                hi = mid - 1; // nothing in [mid, first) exists, and first is too new
            } else {
                lo = first.path("seq").asLong();
            }
        }
        return afterSeq(channel, lo, limit);
    }

    /**
     * Ids of this participant's messages to read in a channel, newest first, going back until
     * {@code count} are found: everything it could have unread there.
     */
    public List<String> receivable(String channel, long count) {
        List<String> ids = new ArrayList<>();
        String before = null;
        for (int page = 0; page < MAX_PAGES_BACK && ids.size() < count; page++) {
            JsonNode rows = me.rest().get(path(channel) + "?limit=" + PAGE
                    + (before == null ? "" : "&before=" + HubRest.encode(before)));
            for (int i = rows.size() - 1; i >= 0; i--) {
                JsonNode m = rows.get(i);
                if (isForMe(m) && !m.path("deleted").asBoolean(false)) {
                    ids.add(m.path("message_id").asText());
                }
            }
            if (rows.size() < PAGE) {
                break;
            }
            before = rows.get(0).path("created_at").asText();
        }
        return ids;
    }

    /** A timestamp as the hub writes them, or as an agent might: ISO-8601 with an offset or Z. */
    public static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return Instant.parse(text);
        }
    }

    /** A message someone else sent that this participant receives. */
    private boolean isForMe(JsonNode m) {
        return me.canSee(m) && !m.path("sender").asText().equals(me.name());
    }

    private List<JsonNode> visible(JsonNode rows) {
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(m -> {
            if (me.canSee(m)) {
                list.add(m);
            }
        });
        return list;
    }

    private static Instant createdAt(JsonNode m) {
        return parseTime(m.path("created_at").asText());
    }

    private static String path(String channel) {
        return "/api/messages/" + HubRest.encode(channel);
    }
}
