package dev.parley.mcp.tools;

import dev.parley.client.Message;
import dev.parley.mcp.session.AgentSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's messages over REST as this participant sees them (messages targeted at someone else
 * are left out), oldest first: the latest ones, those after a {@code seq}, or those after a time.
 */
final class ChannelHistory {
    /** Rows per request when going back through a channel: the hub's maximum for {@code after_seq}. */
    private static final int PAGE = 1_000;
    private static final int MAX_PAGES_BACK = 10;

    private final AgentSession me;

    ChannelHistory(AgentSession me) {
        this.me = me;
    }

    /** The latest {@code limit} messages (at most 200). */
    List<Message> latest(String channel, int limit) {
        return visible(me.client().history(channel, limit));
    }

    /** Messages with {@code seq} above {@code afterSeq}, at most {@code limit} (at most 1000). */
    List<Message> afterSeq(String channel, long afterSeq, int limit) {
        return visible(me.client().historyAfter(channel, afterSeq, limit));
    }

    /**
     * Messages created after {@code since}, at most {@code limit}. The REST API pages by seq, so the
     * last seq at or before {@code since} is found by bisection ({@code created_at} grows with
     * {@code seq} in a channel): about log2(lastSeq) one-row requests.
     */
    List<Message> afterTime(String channel, long lastSeq, Instant since, int limit) {
        long lo = 0;
        long hi = lastSeq;
        // Invariant: the answer x (largest seq created at or before since, 0 if none) is in [lo, hi].
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            List<Message> first = me.client().historyAfter(channel, mid - 1, 1);
            if (first.isEmpty() || first.get(0).createdAt().isAfter(since)) {
                hi = mid - 1; // nothing in [mid, first) exists, and first is too new
            } else {
                lo = first.get(0).seq();
            }
        }
        return afterSeq(channel, lo, limit);
    }

    /**
     * Ids of this participant's messages to read in a channel, newest first, going back from
     * {@code lastSeq} in windows of seqs until {@code count} are found: everything it could have
     * unread there.
     */
    List<String> receivable(String channel, long lastSeq, long count) {
        List<String> ids = new ArrayList<>();
        long hi = lastSeq;
        for (int page = 0; page < MAX_PAGES_BACK && hi > 0 && ids.size() < count; page++) {
            long lo = Math.max(0, hi - PAGE);
            List<Message> rows = me.client().historyAfter(channel, lo, PAGE);
            for (int i = rows.size() - 1; i >= 0; i--) {
                Message m = rows.get(i);
                // Rows above hi were seen in the window before (rows hidden from us let a page reach further).
                if (m.seq() <= hi && isForMe(m) && !m.deleted()) {
                    ids.add(m.messageId());
                }
            }
            hi = lo;
        }
        return ids;
    }

    /** A message someone else sent that this participant receives. */
    private boolean isForMe(Message m) {
        return me.canSee(m) && !m.sender().equals(me.name());
    }

    private List<Message> visible(List<Message> rows) {
        return rows.stream().filter(me::canSee).toList();
    }
}
