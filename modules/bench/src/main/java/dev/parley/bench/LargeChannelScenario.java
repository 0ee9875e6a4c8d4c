package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code large-channel}: does a send cost more when the channel has many members who are offline?
 * One sender sends {@code --messages} to a channel of 2 (itself and one online receiver) and as
 * many to a channel that also holds {@code --offline-members} registered participants who never
 * connect. A channel's rate is its accepted sends over the time from each batch's first send to
 * the receiver's last delivery, so the hub's whole cost of storing and fanning out is inside it.
 * The batches run small, large, large, small (half the messages each), so warming up and drift in
 * the machine's load weigh on both channels alike.
 *
 * <pre>parley bench --scenario large-channel --offline-members 2000 --messages 1000</pre>
 *
 * <p>{@code send_cost_ratio} = small rate / large rate: 1.0 means no extra cost per offline member.
 */
final class LargeChannelScenario implements Scenario {
    /** Messages sent to the small channel and forgotten before measuring, so the JIT is warm for both. */
    private static final long WARM_UP = 200;

    /** One channel's batches added up. Used by the scenario's thread alone. */
    private static final class ChannelRun {
        private final String channel;
        private final Audience audience;
        private long accepted;
        private long spanNanos;

        ChannelRun(String channel, Audience audience) {
            this.channel = channel;
            this.audience = audience;
        }

        /** Sends a batch and waits until the receiver has it (or the drain time is up). */
        void batch(BenchContext context, Sender sender, long count) {
            if (count == 0) {
                return;
            }
            long rejectedBefore = sender.rejected();
            long acceptedBefore = accepted;
            Sender.Burst burst = sender.send(channel, count, context.settings().rate());
            LongSupplier acceptedNow = () -> acceptedBefore + count - (sender.rejected() - rejectedBefore);
            Await.until(() -> audience.allHave(acceptedNow.getAsLong()), context.settings().drain());
            accepted = acceptedNow.getAsLong();
            spanNanos += audience.lastReceivedNanos() - burst.firstNanos();
        }

        Double sendsPerSecond() {
            return RunReport.perSecond(accepted, spanNanos);
        }
    }

    @Override
    public RunReport run(BenchContext context) {
        BenchSettings settings = context.settings();
        Progress progress = context.progress();
        Sender sender = context.senders(1).get(0);
        Receiver receiver = context.receivers(1).get(0);
        String small = context.channel("small");
        String large = context.channel("large");
        Audience smallAudience = Audience.of(List.of(receiver), small);
        Audience largeAudience = Audience.of(List.of(receiver), large);
        context.connectAll(List.of(receiver, sender));

        List<String> offline = new ArrayList<>();
        for (int i = 0; i < settings.offlineMembers(); i++) {
            offline.add(context.name("o", i));
        }
        progress.say("registering %d offline members", offline.size());
        context.register(offline);
        context.openChannel(small, sender.name(), List.of(receiver.name()));
        List<String> largeMembers = new ArrayList<>(offline);
        largeMembers.add(receiver.name());
        progress.say("joining %d members to %s", largeMembers.size(), large);
        context.openChannel(large, sender.name(), largeMembers);

        progress.say("warming up with %d messages", Math.min(WARM_UP, settings.messages()));
        new ChannelRun(small, smallAudience).batch(context, sender, Math.min(WARM_UP, settings.messages()));
        smallAudience.reset();
        ChannelRun smallRun = new ChannelRun(small, smallAudience);
        ChannelRun largeRun = new ChannelRun(large, largeAudience);
        long first = settings.messages() / 2;
        long second = settings.messages() - first;
        progress.say("sending %d messages to each channel (2 and %d members)", settings.messages(),
                largeMembers.size() + 1);
        smallRun.batch(context, sender, first);
        largeRun.batch(context, sender, first);
        largeRun.batch(context, sender, second);
        smallRun.batch(context, sender, second);

        Audience both = smallAudience.and(largeAudience);
        long span = smallRun.spanNanos + largeRun.spanNanos;
        Latencies.Summary smallLatency = smallAudience.latency();
        Latencies.Summary largeLatency = largeAudience.latency();
        Double smallRate = smallRun.sendsPerSecond();
        Double largeRate = largeRun.sendsPerSecond();
        RunReport report = new RunReport(settings)
                .rates(RunReport.perSecond(both.received(), span),
                        RunReport.perSecond(smallRun.accepted + largeRun.accepted, span))
                .latency(both.latency())
                .losses(smallAudience.lost(smallRun.accepted) + largeAudience.lost(largeRun.accepted),
                        both.duplicates(), sender.rejected())
                .put("small_members", 2)
                .put("large_members", largeMembers.size() + 1)
                .put("small_sends_per_s", smallRate)
                .put("large_sends_per_s", largeRate)
                .put("send_cost_ratio", smallRate != null && largeRate != null ? smallRate / largeRate : null)
                .put("small_p50_ms", smallLatency.p50Ms())
                .put("large_p50_ms", largeLatency.p50Ms())
                .put("small_p99_ms", smallLatency.p99Ms())
                .put("large_p99_ms", largeLatency.p99Ms());
        if (sender.rejected() > 0) {
            report.put("errors", sender.errorCounts());
        }
        context.close(List.of(receiver, sender));
        return report;
    }
}
