package dev.parley.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.RawSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The frames one {@link RawSocket} session handled, in arrival order, with waits on conditions
 * (never sleeps). Counting is incremental, so awaiting the n-th of thousands of frames stays cheap.
 */
final class Inbox implements Consumer<JsonNode> {
    private final List<JsonNode> frames = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();

    /** A frame and when it arrived ({@link System#nanoTime()}). */
    record Arrival(JsonNode frame, long nanos) {}

    @Override
    public synchronized void accept(JsonNode frame) {
        frames.add(frame);
        arrivals.add(System.nanoTime());
        notifyAll();
    }

    /** Frames of a type with their arrival times. */
    synchronized List<Arrival> arrivals(String type) {
        List<Arrival> list = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (isType(frames.get(i), type)) {
                list.add(new Arrival(frames.get(i), arrivals.get(i)));
            }
        }
        return list;
    }

    static boolean isType(JsonNode frame, String type) {
        return type.equals(frame.path("type").asText());
    }

    /** Every frame so far. */
    synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Frames of a type so far. */
    synchronized List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> isType(f, type)).toList();
    }

    /** Waits until at least n frames of a type arrived. */
    List<JsonNode> awaitCount(String type, int n, Duration timeout) {
        return awaitCount(f -> isType(f, type), n, timeout);
    }

    /** Waits until at least n frames match; looks at each frame once. */
    synchronized List<JsonNode> awaitCount(Predicate<JsonNode> match, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> matching = new ArrayList<>();
        int checked = 0;
        while (true) {
            for (; checked < frames.size(); checked++) {
                if (match.test(frames.get(checked))) {
                    matching.add(frames.get(checked));
                }
            }
            if (matching.size() >= n) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + matching.size() + " of " + n + " matching frames within " + timeout
                        + "; frames by type: " + byType() + "; last frames: "
                        + frames.subList(Math.max(0, frames.size() - 5), frames.size()));
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** How many frames of each type arrived, in order of first arrival, with the seqs of the messages among them. */
    private String byType() {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        List<Long> seqs = new ArrayList<>();
        for (JsonNode frame : frames) {
            counts.merge(frame.path("type").asText(), 1, Integer::sum);
            if (isType(frame, "message")) {
                seqs.add(frame.path("seq").asLong());
            }
        }
        return counts + (seqs.isEmpty() ? "" : ", message seqs " + seqs.get(0) + ".." + seqs.get(seqs.size() - 1));
    }

    /** The first frame of a type (so far or within the timeout). */
    JsonNode await(String type, Duration timeout) {
        return awaitCount(type, 1, timeout).get(0);
    }
}
