package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import dev.parley.testing.RestProbe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lossless resume (PROTOCOL "Extensions"): a client that drops off mid-stream and says what it saw
 * gets exactly what it missed, in order; positions the hub cannot serve are reported, not guessed.
 */
class ResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void an_ext_client_aborted_mid_stream_resumes_from_its_last_seq_without_gaps_or_duplicates() throws Exception {
        int total = 2000;
        try (InProcessHub hub = InProcessHub.start(dir)) {
            URI ws = ws(hub);
            hub.client("bob", "*").close();
            List<Inbox> sessions = new ArrayList<>();
            List<String> resumedAs = new ArrayList<>();
            long lastSeq = 0;
            try (AckedSender alice = AckedSender.start(ws, "alice", "general", "m", total, 50)) {
                for (int drop = 1; drop <= 3; drop++) {
                    String key = drop == 2 ? "general" : "ch-general"; // a channel may be named by id or name
                    Inbox inbox = new Inbox();
                    RawSocket bob = resume(ws, inbox, key, lastSeq);
                    sessions.add(inbox);
                    resumedAs.add(key);
                    inbox.await("resumed", WAIT);
                    inbox.awaitCount("message", 150, WAIT);
                    bob.abort(); // mid-stream: alice keeps sending
                    lastSeq = maxSeq(inbox);
                }
                alice.awaitDone(WAIT);
                alice.awaitAcked(total, WAIT);
                Inbox inbox = new Inbox();
                try (RawSocket bob = resume(ws, inbox, "ch-general", lastSeq)) {
                    sessions.add(inbox);
                    resumedAs.add("ch-general");
                    long already = sessions.stream().limit(3).mapToLong(s -> s.frames("message").size()).sum();
                    inbox.awaitCount("message", (int) (total - already), WAIT);
                    inbox.await("resumed", WAIT); // the report follows the replay, which may still be ending
                }
            }

            List<Long> seqs = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            long from = 0;
            for (int i = 0; i < sessions.size(); i++) {
                List<JsonNode> frames = sessions.get(i).frames();
                JsonNode resumed = frames.stream().filter(f -> Inbox.isType(f, "resumed")).findFirst().orElseThrow();
                JsonNode line = resumed.get("channels").get(resumedAs.get(i));
                assertThat(line.get("status").asText()).isEqualTo("ok");
                assertThat(line.get("channel_id").asText()).isEqualTo("ch-general");
                assertThat(line.get("from_seq").asLong()).isEqualTo(from);
                List<Long> replayed = frames.subList(0, frames.indexOf(resumed)).stream()
                        .filter(f -> Inbox.isType(f, "message")).map(f -> f.get("seq").asLong()).toList();
                assertThat(line.get("to_seq").asLong()).as("to_seq is the last replayed seq")
                        .isEqualTo(replayed.isEmpty() ? from : replayed.get(replayed.size() - 1));
                for (JsonNode message : sessions.get(i).frames("message")) {
                    seqs.add(message.get("seq").asLong());
                    assertThat(ids.add(message.get("message_id").asText())).as("delivered twice: %s", message).isTrue();
                }
                from = seqs.get(seqs.size() - 1);
            }
            assertThat(seqs).as("every seq once, in order, across %d sessions", sessions.size())
                    .isEqualTo(IntStream.rangeClosed(1, total).mapToObj(i -> (long) i).toList());
        }
    }

    @Test
    void resuming_beyond_the_last_seq_is_reset_and_channels_it_cannot_serve_are_unavailable() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            try (RawSocket alice = hub.client("alice", "*")) {
                for (int i = 1; i <= 3; i++) {
                    alice.send("send", "channel", "general", "body", "m" + i, "client_msg_id", "c" + i);
                }
                alice.awaitCount(f -> f.path("type").asText().equals("sent"), 3, WAIT);
            }
            hub.client("dave").close();
            RestProbe.json(hub.post("/api/dm", "{\"participant_a\":\"carol\",\"participant_b\":\"dave\"}"));
            hub.client("bob").close();

            Inbox inbox = new Inbox();
            ObjectNode auth = RawSocket.authFrame("bob", "*");
            auth.putObject("resume").put("general", 100).put("no-such-channel", 0).put("dm:carol:dave", 0);
            try (RawSocket bob = RawSocket.stream(ws(hub), inbox)) {
                bob.send(auth);
                JsonNode channels = inbox.await("resumed", WAIT).get("channels");

                assertThat(channels.get("general").get("status").asText()).isEqualTo("reset");
                assertThat(channels.get("general").get("last_seq").asLong()).isEqualTo(3);
                assertThat(channels.get("general").get("reason").asText()).contains("beyond");
                assertThat(channels.get("no-such-channel").get("status").asText()).isEqualTo("unavailable");
                assertThat(channels.get("no-such-channel").get("reason").asText()).isEqualTo("no such channel");
                assertThat(channels.get("dm:carol:dave").get("status").asText()).isEqualTo("unavailable");
                assertThat(channels.get("dm:carol:dave").get("reason").asText())
                        .as("another pair's DM is reported like a missing channel").isEqualTo("no such channel");
                assertThat(inbox.frames("error")).isEmpty();
                assertThat(inbox.frames("message")).as("nothing of a DM bob is not in")
                        .allSatisfy(m -> assertThat(m.get("channel_id").asText()).isEqualTo("ch-general"));
            }
        }
    }

    @Test
    void a_compat_client_that_left_mid_stream_gets_the_rest_as_queued_frames_in_order() throws Exception {
        int total = 1500;
        try (InProcessHub hub = InProcessHub.start(dir)) {
            URI ws = ws(hub);
            hub.client("bob").close();
            Inbox first = new Inbox();
            Inbox second = new Inbox();
            try (AckedSender alice = AckedSender.start(ws, "alice", "general", "m", total, 50)) {
                try (RawSocket bob = RawSocket.stream(ws, first)) {
                    bob.send(RawSocket.authFrame("bob"));
                    first.awaitCount(f -> Inbox.isType(f, "message") && f.get("seq").asLong() >= 200, 1, WAIT);
                } // a clean close while alice keeps sending: bob has handled every frame the hub wrote
                alice.awaitAcked(total / 2, WAIT);
                try (RawSocket bob = RawSocket.stream(ws, second)) {
                    bob.send(RawSocket.authFrame("bob"));
                    second.await("queued", WAIT);
                    alice.awaitDone(WAIT);
                    alice.awaitAcked(total, WAIT);
                    long seen = seqs(first).get(seqs(first).size() - 1);
                    second.awaitCount(f -> Inbox.isType(f, "message") && f.get("seq").asLong() == total
                            || Inbox.isType(f, "queued") && maxSeq(f.get("messages")) == total, 1, WAIT);
                    assertThat(seen).isLessThan(total);
                }
            }

            List<JsonNode> again = second.frames();
            int lastQueued = 0;
            int firstLive = again.size();
            for (int i = 0; i < again.size(); i++) {
                if (Inbox.isType(again.get(i), "queued")) {
                    lastQueued = i;
                } else if (Inbox.isType(again.get(i), "message")) {
                    firstLive = Math.min(firstLive, i);
                }
            }
            assertThat(lastQueued).as("queued pages come before live messages").isLessThan(firstLive);
            List<Long> seqs = seqs(second);
            assertThat(seqs).as("the second session's messages in seq order").isSorted().doesNotHaveDuplicates();
            List<Long> firstSeqs = seqs(first);
            assertThat(firstSeqs).isEqualTo(IntStream.rangeClosed(1, firstSeqs.size()).mapToObj(i -> (long) i).toList());
            assertThat(seqs.get(0)).as("picks up where the first session ended")
                    .isLessThanOrEqualTo(firstSeqs.get(firstSeqs.size() - 1) + 1);
            assertThat(seqs.get(seqs.size() - 1)).isEqualTo(total);
            assertThat(seqs).as("no gap after the reconnect").hasSize((int) (total - seqs.get(0) + 1));
            System.out.printf("ResumeTest compat: first session %d messages, second %d (%d delivered twice)%n",
                    firstSeqs.size(), seqs.size(), firstSeqs.size() + seqs.size() - total);
        }
    }

    private static RawSocket resume(URI ws, Inbox inbox, String channel, long lastSeq) {
        RawSocket client = RawSocket.stream(ws, inbox);
        ObjectNode auth = RawSocket.authFrame("bob", "*");
        auth.putObject("resume").put(channel, lastSeq);
        client.send(auth);
        return client;
    }

    private static long maxSeq(Inbox inbox) {
        return inbox.frames("message").stream().mapToLong(m -> m.get("seq").asLong()).max().orElse(0);
    }

    /** The seqs of every message a session received, queued pages flattened, in arrival order. */
    private static List<Long> seqs(Inbox inbox) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode frame : inbox.frames()) {
            if (Inbox.isType(frame, "queued")) {
                frame.get("messages").forEach(m -> seqs.add(m.get("seq").asLong()));
            } else if (Inbox.isType(frame, "message")) {
                seqs.add(frame.get("seq").asLong());
            }
        }
        return seqs;
    }

    private static long maxSeq(JsonNode messages) {
        long max = 0;
        for (JsonNode m : messages) {
            max = Math.max(max, m.get("seq").asLong());
        }
        return max;
    }

    private static URI ws(InProcessHub hub) {
        return URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
    }
}
