package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import dev.parley.testing.RestProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several live connections per participant (PROTOCOL: the reference hub let a second connection
 * replace the first, and the first one's close unregister the second), and presence scoped to
 * those who share a channel.
 */
class MultiSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void two_sessions_of_one_name_both_receive_every_message() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket phone = hub.client("alice");
             RawSocket laptop = hub.client("alice", "*");
             RawSocket bob = hub.client("bob")) {
            for (int i = 1; i <= 20; i++) {
                bob.send("send", "channel", "general", "body", "m" + i);
            }
            List<JsonNode> atPhone = phone.awaitCount(f -> f.path("type").asText().equals("message"), 20, WAIT);
            List<JsonNode> atLaptop = laptop.awaitCount(f -> f.path("type").asText().equals("message"), 20, WAIT);

            assertThat(atPhone).extracting(m -> m.get("body").asText())
                    .containsExactlyElementsOf(atLaptop.stream().map(m -> m.get("body").asText()).toList())
                    .startsWith("m1").endsWith("m20").hasSize(20);
            assertThat(atLaptop).extracting(m -> m.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void closing_one_of_two_sessions_leaves_the_other_working_and_the_participant_online() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket bob = hub.client("bob")) {
            RawSocket phone = hub.client("alice");
            RawSocket laptop = hub.client("alice", "*");
            laptop.roundTrip(); // its auth, presence included, is done
            bob.roundTrip();
            assertThat(presence(bob, "alice", "online")).as("one 'online' for the first session only").hasSize(1);

            phone.close();
            awaitCondition(() -> hub.hub().services().sessions().sessionsOf("alice").size() == 1,
                    "phone's close handled");
            bob.roundTrip();
            assertThat(presence(bob, "alice", "offline")).as("alice still has a session").isEmpty();
            assertThat(isOnline(hub, "alice")).isTrue();

            bob.send("send", "channel", "general", "body", "still there?");
            assertThat(laptop.await("message").get("body").asText()).isEqualTo("still there?");
            laptop.send("send", "channel", "general", "body", "yes", "client_msg_id", "c1");
            laptop.await("sent");
            assertThat(bob.await("message").get("body").asText()).isEqualTo("yes");

            laptop.close();
            bob.await(MultiSessionTest::isOffline, WAIT);
            assertThat(presence(bob, "alice", "offline")).hasSize(1);
            assertThat(isOnline(hub, "alice")).isFalse();
        }
    }

    @Test
    void presence_reaches_only_participants_who_share_a_channel() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            for (String name : List.of("loner", "alice", "bob")) {
                hub.client(name).close();
            }
        }
        // Everyone joins #general on registration; with no way to leave yet, take loner out by hand.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             PreparedStatement leave = db.prepareStatement("DELETE FROM members WHERE participant = ?")) {
            leave.setString(1, "loner");
            assertThat(leave.executeUpdate()).isEqualTo(1);
        }
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket bob = hub.client("bob")) {
            bob.roundTrip(); // bob's auth, presence included, is done
            RawSocket alice = hub.client("alice", "*");
            alice.roundTrip();
            RawSocket loner = hub.client("loner");
            loner.roundTrip();
            alice.roundTrip();
            bob.roundTrip();
            assertThat(presence(bob, "alice", "online")).hasSize(1);
            assertThat(presence(alice, "loner", "online")).as("loner shares no channel with alice").isEmpty();
            assertThat(presence(bob, "loner", "online")).as("nor with bob").isEmpty();

            alice.close();
            bob.await(MultiSessionTest::isOffline, WAIT);
            loner.roundTrip();
            loner.close();
            awaitCondition(() -> !hub.hub().services().sessions().isOnline("loner"), "loner's close handled");
            bob.roundTrip();
            assertThat(loner.frames("presence")).as("loner hears of no one").isEmpty();
            assertThat(bob.frames("presence")).extracting(f -> f.get("participant").asText()).containsOnly("alice");
        }
    }

    private static List<JsonNode> presence(RawSocket client, String participant, String status) {
        return client.frames("presence").stream()
                .filter(f -> f.get("participant").asText().equals(participant))
                .filter(f -> f.get("status").asText().equals(status))
                .toList();
    }

    private static boolean isOffline(JsonNode frame) {
        return frame.path("type").asText().equals("presence") && frame.path("status").asText().equals("offline");
    }

    private static boolean isOnline(InProcessHub hub, String name) throws Exception {
        for (JsonNode row : RestProbe.json(hub.get("/api/presence"))) {
            if (row.get("name").asText().equals(name)) {
                return row.get("is_online").asBoolean();
            }
        }
        throw new AssertionError(name + " not in /api/presence");
    }

    /** Polls hub state (not a message anyone receives) until it holds, within a deadline. */
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
