package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;

/** The receivers of one channel taken together: what they got, what is missing, how fast and how late. */
final class Audience {
    private final List<ReceiverTally> tallies;

    Audience(List<ReceiverTally> tallies) {
        this.tallies = List.copyOf(tallies);
    }

    /** Everyone watching {@code channel}. */
    static Audience of(List<Receiver> receivers, String channel) {
        return new Audience(receivers.stream().map(r -> r.watch(channel)).toList());
    }

    /** Both audiences taken as one. */
    Audience and(Audience other) {
        List<ReceiverTally> all = new ArrayList<>(tallies);
        all.addAll(other.tallies);
        return new Audience(all);
    }

    int size() {
        return tallies.size();
    }

    /** True when every receiver holds at least {@code perReceiver} distinct messages. */
    boolean allHave(long perReceiver) {
        return tallies.stream().allMatch(t -> t.distinct() >= perReceiver);
    }

    /** Distinct messages received, summed over receivers. */
    long received() {
        return tallies.stream().mapToLong(ReceiverTally::distinct).sum();
    }

    /** Messages each receiver should have had but has not, summed. */
    long lost(long perReceiver) {
        return tallies.stream().mapToLong(t -> Math.max(0, perReceiver - t.distinct())).sum();
    }

    long duplicates() {
        return tallies.stream().mapToLong(ReceiverTally::duplicates).sum();
    }

    long queuedCopies() {
        return tallies.stream().mapToLong(ReceiverTally::queuedCopies).sum();
    }

    long replayedRepeats() {
        return tallies.stream().mapToLong(ReceiverTally::replayedRepeats).sum();
    }

    long lastReceivedNanos() {
        return tallies.stream().mapToLong(ReceiverTally::lastReceivedNanos).max().orElse(0);
    }

    Latencies.Summary latency() {
        Latencies all = new Latencies();
        tallies.forEach(t -> t.addLatenciesTo(all));
        return all.summary();
    }

    void reset() {
        tallies.forEach(ReceiverTally::reset);
    }
}
