package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * {@code fanout} and {@code latency}: senders on sockets send into one fresh channel that receivers
 * watch. Fan-out runs the senders flat out; latency runs one paced sender and reads percentiles.
 *
 * <pre>parley bench --scenario fanout --receivers 10 --senders 2 --messages 5000</pre>
 */
final class FanoutScenario implements Scenario {
    @Override
    public RunReport run(BenchContext context) {
        BenchSettings settings = context.settings();
        Progress progress = context.progress();
        String channel = context.channel(settings.scenario().wire);
        List<Receiver> receivers = context.receivers(settings.receivers());
        List<Sender> senders = context.senders(settings.senders());
        Audience audience = Audience.of(receivers, channel);

        progress.say("connecting %d receivers and %d senders", receivers.size(), senders.size());
        context.connectAll(receivers);
        context.connectAll(senders);
        List<String> members = new ArrayList<>();
        receivers.forEach(r -> members.add(r.name()));
        senders.stream().skip(1).forEach(s -> members.add(s.name()));
        context.openChannel(channel, senders.get(0).name(), members);

        long total = settings.messages() * senders.size();
        LongSupplier accepted = () -> senders.stream().mapToLong(s -> s.sent() - s.rejected()).sum();
        progress.say("sending %d messages to %s", total, channel);
        Progress.Ticker ticker = progress.every(Duration.ofSeconds(2), () -> String.format(
                "sent %d/%d, delivered %d/%d", senders.stream().mapToLong(Sender::sent).sum(), total,
                audience.received(), total * receivers.size()));
        List<Sender.Burst> bursts;
        try {
            bursts = Sender.sendTogether(senders, channel, settings.messages(), settings.rate());
            Await.until(() -> audience.allHave(accepted.getAsLong()), settings.drain());
        } finally {
            ticker.stop();
        }

        RunReport report = deliveryReport(context, bursts, audience, senders, accepted.getAsLong());
        report.put("dropped_connections", BenchContext.droppedByHub(receivers));
        context.close(receivers);
        context.close(senders);
        return report;
    }

    /**
     * The figures every socket-sending scenario shares: send rate over the senders' span, delivery
     * rate from the first send to the last delivery, latency, and what is missing.
     */
    static RunReport deliveryReport(BenchContext context, List<Sender.Burst> bursts, Audience audience,
                                    List<Sender> senders, long acceptedPerReceiver) {
        Sender.Burst span = Sender.span(bursts);
        long rejected = senders.stream().mapToLong(Sender::rejected).sum();
        RunReport report = new RunReport(context.settings())
                .rates(RunReport.perSecond(audience.received(), audience.lastReceivedNanos() - span.firstNanos()),
                        RunReport.perSecond(span.sent(), span.lastNanos() - span.firstNanos()))
                .latency(audience.latency())
                .losses(audience.lost(acceptedPerReceiver), audience.duplicates(), rejected);
        report.put("sent", span.sent());
        report.put("expected", acceptedPerReceiver * audience.size());
        report.put("received", audience.received());
        if (rejected > 0) {
            Map<String, Long> errors = new TreeMap<>();
            senders.forEach(s -> s.errorCounts().forEach((code, n) -> errors.merge(code, n, Long::sum)));
            report.put("errors", errors);
        }
        return report;
    }
}
