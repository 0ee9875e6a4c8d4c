package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.server.conversation.TypingThrottle;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typing is best-effort: a member who floods it costs the others one frame per interval, and real messages flow. */
class TypingFloodTest {
    private static final int FLOOD = 3_000;
    private static final Predicate<JsonNode> TYPING = f -> "typing".equals(f.path("type").asText());

    @TempDir
    Path dir;

    @Test
    void a_typing_flood_reaches_the_others_as_a_few_frames_and_a_message_still_arrives_promptly() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket mallory = hub.client("mallory");
             RawSocket bob = hub.client("bob"); RawSocket carol = hub.client("carol")) {
            long started = System.nanoTime();
            for (int i = 0; i < FLOOD; i++) {
                mallory.sendText("{\"type\":\"typing\",\"channel\":\"general\"}");
            }
            mallory.roundTrip(); // every typing frame has been handled
            long floodNanos = System.nanoTime() - started;

            long sent = System.nanoTime();
            mallory.send("send", "channel", "general", "body", "the real thing", "client_msg_id", "m1");
            bob.await(f -> "message".equals(f.path("type").asText()), Duration.ofSeconds(5));
            long deliveredMillis = (System.nanoTime() - sent) / 1_000_000;
            bob.roundTrip();
            carol.roundTrip();

            // One per started interval of the flood, at most.
            long allowed = 1 + floodNanos / Duration.ofMillis(Limits.DEFAULT_TYPING_INTERVAL_MILLIS).toNanos();
            assertThat(bob.frames("typing")).hasSizeBetween(1, (int) allowed);
            assertThat(carol.frames("typing")).hasSizeBetween(1, (int) allowed);
            assertThat(deliveredMillis).as("ms from send to delivery").isLessThan(2_000);
            assertThat(hub.get("/metrics").body()).contains("parley_typing_dropped_total");
        }
    }

    @Test
    void typing_passes_again_once_the_interval_is_over_and_per_channel() throws Exception {
        Limits limits = Limits.DEFAULTS.withTypingInterval(300);
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLimits(limits);
        try (InProcessHub hub = InProcessHub.start(config);
             RawSocket alice = hub.client("alice"); RawSocket bob = hub.client("bob")) {
            hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}");
            hub.post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"bob\"}");

            alice.send("typing", "channel", "general");
            alice.send("typing", "channel", "ops");
            alice.send("typing", "channel", "general");
            List<JsonNode> first = bob.awaitCount(TYPING, 2, Duration.ofSeconds(5));
            assertThat(first).extracting(f -> f.path("channel").asText()).containsExactlyInAnyOrder("general", "ops");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (bob.frames("typing").size() < 3 && System.nanoTime() < deadline) {
                alice.send("typing", "channel", "general");
                alice.roundTrip();
            }
            assertThat(bob.frames("typing")).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void the_throttle_forgets_old_typers() throws Exception {
        TypingThrottle throttle = new TypingThrottle(1);
        for (int i = 0; i < 5_000; i++) {
            assertThat(throttle.pass("agent-" + i, "ch-general")).isTrue();
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000) {
            Thread.onSpinWait(); // let the 1 ms interval pass
        }
        for (int i = 0; i < 2_048; i++) {
            throttle.pass("agent-0", "ch-general");
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(2);
    }
}
