package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code reconnect-storm}: while one sender sends at a steady rate, every receiver closes its
 * socket and connects again under the same name, all at once, {@code --storms} times. Each
 * receiver must end up with every accepted message exactly once, counting {@code message} frames
 * and the entries of the {@code queued} frame a compat client gets after {@code auth_ok}.
 *
 * <pre>parley bench --scenario reconnect-storm --receivers 10 --messages 3000 --rate 500 --storms 3</pre>
 *
 * <p>Sockets are closed the polite way (a close frame, then frames keep being counted until the hub
 * answers), so a message the hub wrote to the old socket is never dropped by the bench itself; the
 * new connection opens once the old one is closed, as a single-device client's would, so a copy
 * on both means the hub handed over again what it had already written. Storm {@code k} starts once
 * the sender has sent {@code k/(storms+1)} of the messages.
 */
final class ReconnectStormScenario implements Scenario {
    @Override
    public RunReport run(BenchContext context) {
        BenchSettings settings = context.settings();
        Progress progress = context.progress();
        String channel = context.channel("storm");
        List<Receiver> receivers = context.receivers(settings.receivers());
        Sender sender = context.senders(1).get(0);
        Audience audience = Audience.of(receivers, channel);
        progress.say("connecting %d receivers and a sender", receivers.size());
        context.connectAll(receivers);
        context.connectAll(List.of(sender));
        context.openChannel(channel, sender.name(), receivers.stream().map(Receiver::name).toList());

        progress.say("sending %d messages at %s/s with %d storms", settings.messages(),
                settings.rate() > 0 ? settings.rate() : "full speed", settings.storms());
        CompletableFuture<List<Sender.Burst>> sending = Sender.startTogether(List.of(sender), channel,
                settings.messages(), settings.rate());
        List<Double> reconnectMillis = new ArrayList<>();
        List<CompatSession> retired = new ArrayList<>();
        for (int storm = 1; storm <= settings.storms(); storm++) {
            long due = settings.messages() * storm / (settings.storms() + 1);
            Await.until(() -> sender.sent() >= due || sending.isDone(), Duration.ofDays(1));
            if (sending.isCompletedExceptionally()) {
                break;
            }
            reconnectMillis.add(storm(context, receivers, retired));
            progress.say("storm %d: all %d receivers back in %.1f ms (sent %d)", storm, receivers.size(),
                    reconnectMillis.get(reconnectMillis.size() - 1), sender.sent());
        }
        List<Sender.Burst> bursts;
        try {
            bursts = sending.join();
        } catch (RuntimeException e) {
            throw BenchFailure.wrap("sending during storms", e);
        }
        long accepted = sender.sent() - sender.rejected();
        Await.until(() -> audience.allHave(accepted), settings.drain());

        RunReport report = FanoutScenario.deliveryReport(context, bursts, audience, List.of(sender), accepted)
                .put("storms_done", reconnectMillis.size())
                .put("reconnect_ms", reconnectMillis.stream().map(ms -> RunReport.round(ms, 1)).toList())
                .put("reconnect_max_ms", reconnectMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0))
                .put("queued_deliveries", audience.queuedCopies())
                .put("duplicates_replayed", audience.replayedRepeats())
                .put("dropped_connections", BenchContext.droppedByHub(receivers));
        context.closeSockets(retired);
        context.close(receivers);
        context.close(List.of(sender));
        return report;
    }

    /**
     * Closes every receiver's socket and connects each again as soon as the hub has answered its
     * close, all receivers at once; returns how long until all are back.
     */
    private static double storm(BenchContext context, List<Receiver> receivers, List<CompatSession> retired) {
        long start = System.nanoTime();
        List<CompletableFuture<CompatSession>> back = new ArrayList<>();
        for (Receiver receiver : receivers) {
            CompatSession old = receiver.session();
            retired.add(old);
            back.add(old.close(context.settings().timeout()).thenCompose(closed -> context.connect(receiver)));
        }
        try {
            CompletableFuture.allOf(back.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            throw BenchFailure.wrap("reconnecting", e);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
