package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.RawSocket;
import dev.parley.testing.RestProbe;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §8: "a message acknowledged to its sender survives kill -9 of the hub at any moment; on
 * restart nothing acknowledged is missing and everything pending is delivered."
 *
 * <p>A real hub process serves three senders (acked sends with {@code client_msg_id}, a window of
 * sends in flight, resending what was not acknowledged after every reconnect) and two live
 * receivers (one ext client resuming by seq, one compat client), and is killed with SIGKILL
 * {@value #KILLS} times at random points of the load, restarting on the same database each time.
 * Two more members stay offline throughout and connect at the end. Counts go to stdout.
 */
class CrashDurabilityTest {
    private static final int KILLS = 3;
    private static final int WINDOW = 64;
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Object progress = new Object();

    @Test
    void acknowledged_messages_survive_kill_9_with_gapless_ordered_seqs_and_reach_every_member() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path db = dir.resolve("crash.db");
        Supervisor supervisor = new Supervisor(db);
        List<Sender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Receiver ext = null;
        Receiver compat = null;
        try {
            RestProbe http = supervisor.current().http;
            String side = RestProbe.json(http.post("/api/channels/create",
                    "{\"name\":\"crash-b\",\"created_by\":\"s2\"}")).get("channel_id").asText();
            for (String member : List.of("rx", "rc", "offx", "offc")) {
                RestProbe.json(http.post("/api/channels/join",
                        "{\"channel\":\"crash-b\",\"participant\":\"" + member + "\"}"));
            }
            List<String> channels = List.of("ch-general", side);

            senders.add(new Sender("s1", "general", supervisor));
            senders.add(new Sender("s2", "crash-b", supervisor));
            senders.add(new Sender("s3", "general", supervisor));
            ext = new Receiver("rx", true, channels, supervisor);
            compat = new Receiver("rc", false, channels, supervisor);
            for (Runnable peer : List.<Runnable>of(senders.get(0), senders.get(1), senders.get(2), ext, compat)) {
                Thread thread = new Thread(peer, "crash-peer-" + threads.size());
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }

            long loadStarted = System.nanoTime();
            int target = 0;
            for (int kill = 1; kill <= KILLS + 1; kill++) {
                target += 300 + random.nextInt(700);
                int goal = target;
                await(() -> acked(senders) >= goal, Duration.ofSeconds(60), "senders acked " + goal);
                if (kill <= KILLS) {
                    // A random moment within the commit cycle, not only right after an acknowledgement.
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(20_000)));
                    supervisor.killAndRestart();
                }
            }
            senders.forEach(Sender::finish);
            for (int i = 0; i < senders.size(); i++) {
                threads.get(i).join(CONVERGE.toMillis());
                assertThat(threads.get(i).isAlive()).as("sender %s finished", senders.get(i).name).isFalse();
            }
            long loadEnded = System.nanoTime();

            RestProbe hub = supervisor.current().http;
            Map<String, List<JsonNode>> stored = new HashMap<>();
            for (String channel : channels) {
                stored.put(channel, StoredMessages.all(hub, channel));
            }
            int storedCount = stored.values().stream().mapToInt(List::size).sum();
            Receiver rx = ext;
            Receiver rc = compat;
            await(() -> rx.unique() >= storedCount && rc.unique() >= storedCount, CONVERGE,
                    "live receivers caught up with " + storedCount + " stored messages");

            Receiver offx = new Receiver("offx", true, channels, supervisor);
            Receiver offc = new Receiver("offc", false, channels, supervisor);
            offx.connectOnce(false);
            offc.connectOnce(false);
            await(() -> offx.unique() >= storedCount && offc.unique() >= storedCount, CONVERGE,
                    "offline members received " + storedCount + " pending messages");
            rx.stop();
            rc.stop();
            offx.stop();
            offc.stop();

            verifyStorage(senders, stored);
            Set<String> storedIds = new HashSet<>();
            stored.values().forEach(list -> list.forEach(m -> storedIds.add(m.get("message_id").asText())));
            for (Receiver receiver : List.of(rx, rc, offx, offc)) {
                assertThat(receiver.problems).as("%s: order and gaps", receiver.name).isEmpty();
                assertThat(receiver.failures()).as("%s: handler failures", receiver.name).isEmpty();
                assertThat(receiver.counts.keySet()).as("%s received every stored message", receiver.name)
                        .isEqualTo(storedIds);
            }
            for (Receiver exactlyOnce : List.of(rx, offx, offc)) {
                assertThat(exactlyOnce.duplicates()).as("%s duplicates", exactlyOnce.name).isZero();
            }
            for (Sender sender : senders) {
                assertThat(sender.problems).as("%s problems", sender.name).isEmpty();
            }

            // Last, a graceful stop of the real process (SIGTERM): the WAL ends up checkpointed.
            supervisor.close();
            Path wal = db.resolveSibling("crash.db-wal");
            assertThat(Files.exists(wal) ? Files.size(wal) : 0L).as("WAL after SIGTERM").isZero();

            int sent = senders.stream().mapToInt(s -> s.next).sum();
            System.out.printf("CrashDurabilityTest: seed=%d kills=%d restarts=%d (kill to healthy, ms: %s)"
                            + " unexpected_disconnects=%d load=%d ms%n"
                            + "  sends=%d (distinct client_msg_id) acked=%d resends=%d duplicate_acks=%d stored=%d%n"
                            + "  delivered: rx(ext resume) unique=%d frames=%d sessions=%d"
                            + " | rc(compat) unique=%d frames=%d duplicates=%d sessions=%d%n"
                            + "  delivered after offline: offx(ext) unique=%d frames=%d"
                            + " | offc(compat) unique=%d frames=%d%n",
                    seed, KILLS, supervisor.generation.get() - 1, supervisor.restartMillis, supervisor.unexpected.get(),
                    TimeUnit.NANOSECONDS.toMillis(loadEnded - loadStarted),
                    sent, acked(senders), senders.stream().mapToInt(s -> s.resends.get()).sum(),
                    senders.stream().mapToInt(s -> s.duplicateAcks.get()).sum(), storedCount,
                    rx.unique(), rx.frames(), rx.sessions, rc.unique(), rc.frames(), rc.duplicates(), rc.sessions,
                    offx.unique(), offx.frames(), offc.unique(), offc.frames());
        } finally {
            senders.forEach(Sender::finish);
            for (Receiver receiver : new Receiver[] {ext, compat}) {
                if (receiver != null) {
                    receiver.stop();
                }
            }
            supervisor.close();
        }
    }

    /** Acked ⊆ stored; each channel's seqs are 1..n; no message twice; each sender's order kept. */
    private static void verifyStorage(List<Sender> senders, Map<String, List<JsonNode>> stored) {
        Map<String, JsonNode> byBody = new HashMap<>();
        Map<String, JsonNode> byId = new HashMap<>();
        stored.forEach((channel, messages) -> {
            for (int i = 0; i < messages.size(); i++) {
                assertThat(messages.get(i).get("seq").asLong()).as("seq #%d of %s", i + 1, channel).isEqualTo(i + 1);
                JsonNode message = messages.get(i);
                assertThat(byBody.put(message.get("body").asText(), message)).as("stored twice: %s", message).isNull();
                byId.put(message.get("message_id").asText(), message);
            }
        });
        for (Sender sender : senders) {
            assertThat(sender.acked).as("%s: every send acknowledged at the end", sender.name).hasSize(sender.next);
            long lastSeq = 0;
            for (int i = 0; i < sender.next; i++) {
                String clientId = sender.clientId(i);
                JsonNode sent = sender.acked.get(clientId);
                JsonNode message = byId.get(sent.get("message_id").asText());
                assertThat(message).as("acknowledged message %s (%s) is stored", clientId, sent).isNotNull();
                assertThat(message.get("body").asText()).isEqualTo(clientId);
                assertThat(message.get("sender").asText()).isEqualTo(sender.name);
                assertThat(message.get("seq").asLong()).as("%s is in send order", clientId).isGreaterThan(lastSeq)
                        .isEqualTo(sent.get("seq").asLong());
                lastSeq = message.get("seq").asLong();
            }
        }
        assertThat(byBody).as("nothing stored that no sender sent").hasSize(senders.stream().mapToInt(s -> s.next).sum());
    }

    private static int acked(List<Sender> senders) {
        return senders.stream().mapToInt(s -> s.acked.size()).sum();
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting: " + what);
                }
                progress.wait(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    private void changed() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Where the hub currently serves; peers that lost their connection wait here for the restarted one. */
    private static final class Supervisor implements AutoCloseable {
        final AtomicInteger generation = new AtomicInteger();
        final AtomicInteger unexpected = new AtomicInteger();
        final List<Long> restartMillis = new CopyOnWriteArrayList<>();
        private final Path db;
        private ChildProcess hub;
        private boolean restarting;

        record Target(int generation, URI ws, RestProbe http) {}

        Supervisor(Path db) throws Exception {
            this.db = db;
            this.hub = ChildProcess.healthyHub(db, 0, START);
            generation.set(1);
        }

        synchronized Target current() {
            RestProbe http = RestProbe.at(hub.port());
            return new Target(generation.get(), http.ws(), http);
        }

        /** The hub to reconnect to after losing one of generation {@code lost}. */
        synchronized Target after(int lost) throws InterruptedException {
            long deadline = System.nanoTime() + START.toNanos();
            while (restarting) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("hub restart took too long");
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (generation.get() == lost) {
                // Not a kill of ours: a dropped connection (retry), or a hub that died by itself (fail).
                unexpected.incrementAndGet();
                if (!hub.isAlive()) {
                    throw new AssertionError("the hub died on its own; output:\n" + hub.output());
                }
            }
            return current();
        }

        void killAndRestart() throws Exception {
            ChildProcess dead;
            synchronized (this) {
                restarting = true;
                dead = hub;
            }
            long started = System.nanoTime();
            dead.kill9();
            ChildProcess next = ChildProcess.healthyHub(db, 0, START);
            restartMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            synchronized (this) {
                hub = next;
                generation.incrementAndGet();
                restarting = false;
                notifyAll();
            }
        }

        /** Stops the hub with SIGTERM (once). */
        @Override
        public synchronized void close() {
            if (hub != null) {
                hub.stop();
                hub = null;
            }
        }
    }

    /**
     * Sends {@code <name>-<n>} bodies with client_msg_id = body, at most {@value #WINDOW} unacknowledged,
     * and after every reconnect resends every unacknowledged one in the original order.
     */
    private final class Sender implements Runnable {
        final String name;
        final String channel;
        final Supervisor supervisor;
        final Map<String, JsonNode> acked = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile int next;
        volatile boolean finishing;
        final AtomicInteger resends = new AtomicInteger();
        final AtomicInteger duplicateAcks = new AtomicInteger();

        Sender(String name, String channel, Supervisor supervisor) {
            this.name = name;
            this.channel = channel;
            this.supervisor = supervisor;
        }

        String clientId(int i) {
            return name + "-" + i;
        }

        void finish() {
            finishing = true;
            changed();
        }

        @Override
        public void run() {
            Supervisor.Target target = supervisor.current();
            try {
                while (true) {
                    RawSocket client;
                    try {
                        client = RawSocket.stream(target.ws(), this::frame);
                        client.closed().thenRun(CrashDurabilityTest.this::changed);
                        client.send(RawSocket.authFrame(name, "*"));
                        for (int i = 0; i < next; i++) {
                            if (!acked.containsKey(clientId(i))) {
                                client.send(send(i));
                                resends.incrementAndGet();
                            }
                        }
                        pump(client);
                    } catch (RuntimeException lost) {
                        client = null;
                    }
                    if (finishing && acked.size() == next) {
                        if (client != null) {
                            client.close();
                        }
                        return;
                    }
                    target = supervisor.after(target.generation());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                problems.add(t.toString());
            }
        }

        /** Sends new messages while the window allows; returns when the connection is gone or all is done. */
        private void pump(RawSocket client) throws InterruptedException {
            while (!client.isClosed()) {
                if (finishing && acked.size() == next) {
                    return;
                }
                if (!finishing && next - acked.size() < WINDOW) {
                    JsonNode frame = send(next);
                    next++;
                    client.send(frame);
                    continue;
                }
                synchronized (progress) {
                    if (!client.isClosed() && (finishing || next - acked.size() >= WINDOW)
                            && !(finishing && acked.size() == next)) {
                        progress.wait(50);
                    }
                }
            }
        }

        private ObjectNode send(int i) {
            return Json.mapper().createObjectNode().put("type", "send").put("channel", channel)
                    .put("body", clientId(i)).put("client_msg_id", clientId(i));
        }

        private void frame(JsonNode frame) {
            switch (frame.path("type").asText()) {
                case "sent" -> {
                    String clientId = frame.get("client_msg_id").asText();
                    JsonNode earlier = acked.putIfAbsent(clientId, frame);
                    if (frame.get("duplicate").asBoolean()) {
                        duplicateAcks.incrementAndGet();
                    }
                    if (earlier != null && !earlier.get("message_id").equals(frame.get("message_id"))) {
                        problems.add("resend of " + clientId + " got another message: " + earlier + " vs " + frame);
                    }
                    changed();
                }
                case "error" -> problems.add("error: " + frame);
                default -> { }
            }
        }
    }

    /**
     * A member that records every message it is handed. Ext: resumes by seq from what it has seen
     * and checks each channel's seqs arrive without a gap. Compat: checks each session's order.
     */
    private final class Receiver implements Runnable {
        final String name;
        final boolean ext;
        final List<String> channels;
        final Supervisor supervisor;
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
        final List<RawSocket> clients = new CopyOnWriteArrayList<>();
        private Map<String, Long> sessionSeq = new HashMap<>();
        volatile boolean stopping;
        volatile int frames;
        volatile int sessions;

        Receiver(String name, boolean ext, List<String> channels, Supervisor supervisor) {
            this.name = name;
            this.ext = ext;
            this.channels = channels;
            this.supervisor = supervisor;
        }

        int unique() {
            return counts.size();
        }

        int frames() {
            return frames;
        }

        long duplicates() {
            return counts.values().stream().mapToLong(c -> c - 1).sum();
        }

        List<Throwable> failures() {
            return clients.stream().map(RawSocket::failure).filter(f -> f != null).toList();
        }

        void stop() {
            stopping = true;
            clients.forEach(RawSocket::close);
            changed();
        }

        /** Connects to the current hub and authenticates once (resuming by seq when {@code resume}). */
        RawSocket connectOnce(boolean resume) {
            return connectOnce(supervisor.current().ws(), resume);
        }

        private RawSocket connectOnce(URI ws, boolean resume) {
            sessionSeq = new HashMap<>();
            sessions++;
            RawSocket client = RawSocket.stream(ws, this::frame);
            clients.add(client);
            ObjectNode auth = ext ? RawSocket.authFrame(name, "*") : RawSocket.authFrame(name);
            if (resume) {
                ObjectNode positions = auth.putObject("resume");
                channels.forEach(channel -> positions.put(channel, lastSeq.getOrDefault(channel, 0L)));
            }
            client.send(auth);
            return client;
        }

        @Override
        public void run() {
            Supervisor.Target target = supervisor.current();
            try {
                while (!stopping) {
                    try {
                        RawSocket client = connectOnce(target.ws(), ext);
                        client.closed().get(5, TimeUnit.MINUTES);
                    } catch (Exception lost) {
                        // Connect failed or the connection broke: find the hub again.
                    }
                    if (stopping) {
                        return;
                    }
                    target = supervisor.after(target.generation());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void frame(JsonNode frame) {
            switch (frame.path("type").asText()) {
                case "message" -> message(frame);
                case "queued" -> frame.get("messages").forEach(this::message);
                case "resumed" -> frame.get("channels").fields().forEachRemaining(line -> {
                    if (!line.getValue().path("status").asText().equals("ok")) {
                        problems.add("resume of " + line.getKey() + " not ok: " + line.getValue());
                    }
                });
                case "error" -> problems.add("error: " + frame);
                default -> { }
            }
        }

        private void message(JsonNode message) {
            frames++;
            counts.merge(message.get("message_id").asText(), 1, Integer::sum);
            String channel = message.get("channel_id").asText();
            long seq = message.get("seq").asLong();
            long before = sessionSeq.getOrDefault(channel, 0L);
            if (seq <= before) {
                problems.add("session " + sessions + ": seq " + seq + " after " + before + " in " + channel);
            }
            sessionSeq.put(channel, seq);
            if (ext) {
                long last = lastSeq.getOrDefault(channel, 0L);
                if (seq != last + 1) {
                    problems.add("gap or repeat: seq " + seq + " after " + last + " in " + channel);
                }
                lastSeq.put(channel, Math.max(last, seq));
            }
            changed();
        }
    }
}
