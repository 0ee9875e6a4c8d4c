package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A receiving participant: its name, its current socket, and a {@link ReceiverTally} per watched
 * channel. Counts {@code message} frames and the entries of {@code queued} frames (how a compat
 * client gets what was pending when it reconnects); frames of other channels are ignored.
 */
final class Receiver extends Peer {
    private final String runId;
    private final Map<String, ReceiverTally> tallies = new ConcurrentHashMap<>();

    Receiver(String name, String runId) {
        super(name);
        this.runId = runId;
    }

    /** Starts counting a channel's messages (before anything is sent to it). */
    ReceiverTally watch(String channel) {
        return tallies.computeIfAbsent(channel, c -> new ReceiverTally(runId));
    }

    @Override
    public void onFrame(CompatSession from, String type, String text) {
        if (type.equals("message")) {
            long now = System.nanoTime();
            count(Frames.parse(text), now, false);
        } else if (type.equals("queued")) {
            long now = System.nanoTime();
            for (JsonNode message : Frames.parse(text).path("messages")) {
                count(message, now, true);
            }
        }
    }

    private void count(JsonNode message, long now, boolean queued) {
        ReceiverTally tally = tallies.get(message.path("channel_name").asText());
        if (tally != null) {
            tally.count(message, now, queued);
        }
    }
}
