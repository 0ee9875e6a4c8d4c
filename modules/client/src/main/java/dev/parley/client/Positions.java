package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far this client has read each channel: the highest {@code seq} seen per channel id. It decides
 * which arriving messages are new (exactly-once to the caller) and is what the client names in
 * {@code auth.resume} on reconnect, so the hub replays exactly what was missed.
 *
 * <p>Dedupe by seq relies on the hub's guarantee that each channel reaches a session in seq order.
 * Messages without a seq (a compat hub) are deduped by id over a bounded window instead.
 * Thread-safe; written by the reader thread, read when a connection authenticates.
 */
final class Positions {
    private static final Logger log = LoggerFactory.getLogger(Positions.class);
    private static final int RECENT_IDS = 10_000;

    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Set<String> recentIds = new LinkedHashSet<>();
    /** The hub's history epoch the positions belong to (null: none known yet, or a hub without epochs). */
    private String epoch;

    /** The epoch to name beside the positions in {@code auth}, or null. */
    synchronized String epoch() {
        return epoch;
    }

    /**
     * The epoch a new connection's {@code auth_ok} names, before anything is replayed on it. Another than the one
     * the positions belong to (the hub was restored from a backup, its database replaced): they name other
     * messages there, so they are forgotten — what arrives now is new, none of it a "duplicate".
     */
    synchronized void authenticatedIn(String hubEpoch) {
        if (hubEpoch == null) {
            return;
        }
        if (epoch != null && !epoch.equals(hubEpoch) && !lastSeq.isEmpty()) {
            log.warn("the hub's history changed (epoch {} -> {}: a backup was restored or its database replaced); "
                    + "forgetting this client's positions in {} channels", epoch, hubEpoch, lastSeq.size());
            lastSeq.clear();
            recentIds.clear();
        }
        epoch = hubEpoch;
    }

    /** True if the message is new (and records it); false for a duplicate. */
    synchronized boolean accept(Message m) {
        if (m.seq() > 0 && m.channelId() != null) {
            long last = lastSeq.getOrDefault(m.channelId(), 0L);
            if (m.seq() <= last) {
                return false;
            }
            lastSeq.put(m.channelId(), m.seq());
            return true;
        }
        if (m.messageId() == null) {
            return true;
        }
        if (!recentIds.add(m.messageId())) {
            return false;
        }
        if (recentIds.size() > RECENT_IDS) {
            recentIds.remove(recentIds.iterator().next());
        }
        return true;
    }

    /** The resume map for {@code auth}: channel id → last seq seen. */
    synchronized Map<String, Long> resumeFrom() {
        return new LinkedHashMap<>(lastSeq);
    }

    /**
     * The hub's {@code resumed} report. {@code reset}: the hub holds less than we saw (restored from a
     * backup) — start again from where it is, or its new messages would look like duplicates.
     * {@code unavailable}: we are no longer a member, or the channel is gone — stop naming it.
     */
    synchronized void resumed(JsonNode frame) {
        for (Map.Entry<String, JsonNode> entry : frame.path("channels").properties()) {
            String channel = entry.getKey();
            String status = entry.getValue().path("status").asText();
            if (status.equals("reset")) {
                long hubLast = entry.getValue().path("last_seq").asLong(0);
                log.warn("channel {}: the hub holds messages only up to seq {}, less than this client saw ({}); "
                        + "continuing from the hub's position", channel, hubLast, lastSeq.get(channel));
                lastSeq.put(channel, hubLast);
            } else if (status.equals("unavailable")) {
                log.info("channel {} can no longer be resumed: {}", channel, entry.getValue().path("reason").asText());
                lastSeq.remove(channel);
            }
        }
    }
}
