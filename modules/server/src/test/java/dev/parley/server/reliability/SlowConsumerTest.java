package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionRegistry;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §5: "each session has a bounded outbound queue; a session that cannot keep up is closed
 * (it resumes from its cursor when it comes back — nothing is lost)". Two clients stop reading
 * (one ext, one compat) while a sender streams large messages; a third member must not notice.
 */
class SlowConsumerTest {
    private static final int QUEUE = 64;
    /** Enough to overflow any socket buffers; the sender stops once the stalled clients are closed. */
    private static final int AT_MOST = 6000;
    private static final int PADDING = 8000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void a_client_that_stops_reading_is_closed_at_queue_overflow_while_others_keep_up_and_it_loses_nothing()
            throws Exception {
        Limits d = Limits.DEFAULTS;
        Limits limits = new Limits(d.maxFrameChars(), d.maxBodyChars(), d.maxMetadataChars(), d.maxRequestBytes(),
                0, 1, QUEUE);
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, null, limits);
        try (InProcessHub hub = InProcessHub.start(config)) {
            URI ws = URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
            SessionRegistry sessions = hub.hub().services().sessions();
            StalledClient slowExt = StalledClient.open("127.0.0.1", hub.port(),
                    "{\"type\":\"auth\",\"name\":\"slowx\",\"features\":[\"*\"]}");
            StalledClient slowCompat = StalledClient.open("127.0.0.1", hub.port(),
                    "{\"type\":\"auth\",\"name\":\"slowc\"}");
            awaitCondition(() -> sessions.isOnline("slowx") && sessions.isOnline("slowc"),
                    "stalled clients authenticated");
            Session slowExtSession = sessions.sessionsOf("slowx").iterator().next();
            Session slowCompatSession = sessions.sessionsOf("slowc").iterator().next();

            Inbox carolInbox = new Inbox();
            long started;
            int total;
            try (RawSocket carol = RawSocket.stream(ws, carolInbox)) {
                carol.send(RawSocket.authFrame("carol", "*"));
                carolInbox.await("auth_ok", WAIT);
                started = System.nanoTime();
                try (AckedSender alice = AckedSender.start(ws, "alice", "general", "m", AT_MOST, 32, PADDING)) {
                    awaitCondition(() -> slowExtSession.isClosed() && slowCompatSession.isClosed(),
                            "both stalled sessions closed for overflowing their queues");
                    awaitCondition(() -> !sessions.isOnline("slowx") && !sessions.isOnline("slowc"),
                            "the hub let go of both stalled connections (they are offline)");
                    int carolAtClose = carolInbox.frames("message").size();
                    alice.stop();
                    alice.awaitDone(WAIT);
                    total = alice.sent();
                    alice.awaitAcked(total, WAIT);
                    carolInbox.awaitCount("message", total, WAIT);
                    assertThat(alice.errors()).isEmpty();
                    long[] lags = lags(alice.inbox(), carolInbox);
                    System.out.printf("SlowConsumerTest: %d messages of %d chars; stalled clients dropped after carol had"
                                    + " %d; carol's lag behind the sender's ack: p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                                    + " all delivered in %d ms%n", total, PADDING, carolAtClose,
                            lags[lags.length / 2] / 1e6, lags[lags.length * 99 / 100] / 1e6, lags[lags.length - 1] / 1e6,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    assertThat(lags[lags.length * 99 / 100]).as("p99 lag, ns").isLessThan(TimeUnit.SECONDS.toNanos(2));
                }
            }
            assertThat(sequence(carolInbox.frames())).isEqualTo(range(1, total));

            // The stalled clients finally read: what the hub wrote, then the end. A client that reads
            // nothing cannot take the close frame (1008) off the wire either, so the hub may have
            // dropped the connection without it (-1).
            StalledClient.Drained ext = slowExt.drain();
            StalledClient.Drained compat = slowCompat.drain();
            slowExt.close();
            slowCompat.close();
            assertThat(ext.closeCode()).isIn(Session.CLOSE_POLICY, -1);
            assertThat(compat.closeCode()).isIn(Session.CLOSE_POLICY, -1);

            // Back again. The ext client acked nothing, so everything is pending for it.
            Inbox again = new Inbox();
            try (RawSocket slowx = RawSocket.stream(ws, again)) {
                slowx.send(RawSocket.authFrame("slowx", "*"));
                again.awaitCount("message", total, WAIT);
            }
            assertThat(sequence(again.frames())).isEqualTo(range(1, total));

            // The compat client: what it read before the close, then everything else as queued pages.
            Inbox compatAgain = new Inbox();
            List<Long> before = sequence(compat.frames());
            try (RawSocket slowc = RawSocket.stream(ws, compatAgain)) {
                slowc.send(RawSocket.authFrame("slowc"));
                compatAgain.awaitCount(f -> Inbox.isType(f, "queued") && lastSeq(f) == total, 1, WAIT);
            }
            List<Long> after = sequence(compatAgain.frames());
            assertThat(before).isEqualTo(range(1, before.size()));
            assertThat(after).isSorted().doesNotHaveDuplicates().endsWith((long) total);
            assertThat(after.get(0)).as("no gap").isLessThanOrEqualTo(before.size() + 1L);
            assertThat(after).hasSize((int) (total - after.get(0) + 1));
            System.out.printf("SlowConsumerTest: compat client read %d before the close, %d queued after (%d twice)%n",
                    before.size(), after.size(), before.size() + after.size() - total);
        }
    }

    @Test
    void a_backlog_far_longer_than_the_outbound_queue_is_replayed_whole_at_the_clients_pace() throws Exception {
        int backlog = 2000; // of 4 KB each: more than socket buffers hold, so the queue itself must not overflow
        Limits d = Limits.DEFAULTS;
        Limits limits = new Limits(d.maxFrameChars(), d.maxBodyChars(), d.maxMetadataChars(), d.maxRequestBytes(),
                0, 1, 16);
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, null, limits);
        try (InProcessHub hub = InProcessHub.start(config)) {
            URI ws = URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
            for (String name : List.of("extx", "resumex", "compat")) {
                hub.client(name).close();
            }
            try (AckedSender alice = AckedSender.start(ws, "alice", "general", "m", backlog, 64, 4000)) {
                alice.awaitDone(WAIT);
                alice.awaitAcked(backlog, WAIT);
            }
            Inbox pending = new Inbox();
            Inbox resumed = new Inbox();
            Inbox queued = new Inbox();
            try (RawSocket extx = RawSocket.stream(ws, pending);
                 RawSocket resumex = RawSocket.stream(ws, resumed);
                 RawSocket compat = RawSocket.stream(ws, queued)) {
                extx.send(RawSocket.authFrame("extx", "*"));
                ObjectNode resume = RawSocket.authFrame("resumex", "*");
                resume.putObject("resume").put("general", 0);
                resumex.send(resume);
                compat.send(RawSocket.authFrame("compat"));
                pending.awaitCount("message", backlog, WAIT);
                resumed.await("resumed", WAIT);
                queued.awaitCount(f -> Inbox.isType(f, "queued") && lastSeq(f) == backlog, 1, WAIT);
                for (RawSocket client : List.of(extx, resumex, compat)) {
                    assertThat(client.isClosed()).as("not closed as too slow").isFalse();
                }
            }
            assertThat(sequence(pending.frames())).isEqualTo(range(1, backlog));
            assertThat(sequence(resumed.frames())).isEqualTo(range(1, backlog));
            assertThat(sequence(queued.frames())).isEqualTo(range(1, backlog));
        }
    }

    /** For each message carol got: how long after the sender's {@code sent} for it (sorted). */
    private static long[] lags(Inbox sender, Inbox receiver) {
        Map<String, Long> acked = new HashMap<>();
        sender.arrivals("sent").forEach(a -> acked.put(a.frame().get("message_id").asText(), a.nanos()));
        long[] lags = receiver.arrivals("message").stream()
                .mapToLong(a -> Math.max(0, a.nanos() - acked.get(a.frame().get("message_id").asText()))).toArray();
        Arrays.sort(lags);
        return lags;
    }

    /** The seqs of the messages in these frames ({@code message}s and {@code queued} pages), in order. */
    private static List<Long> sequence(List<JsonNode> frames) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (Inbox.isType(frame, "message")) {
                seqs.add(frame.get("seq").asLong());
            } else if (Inbox.isType(frame, "queued")) {
                frame.get("messages").forEach(m -> seqs.add(m.get("seq").asLong()));
            }
        }
        return seqs;
    }

    private static long lastSeq(JsonNode queued) {
        JsonNode messages = queued.get("messages");
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).get("seq").asLong();
    }

    private static List<Long> range(long from, long to) {
        return IntStream.rangeClosed((int) from, (int) to).mapToObj(i -> (long) i).toList();
    }

    /** Polls hub state until it holds, within a deadline. */
    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
