package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code wait_for_messages} blocks until something arrives for the participant and wakes as soon
 * as another participant sends — no polling; each message is handed over once, across hub and MCP
 * server restarts.
 */
class WaitForMessagesTest extends HubAndAgent {
    @BeforeAll
    static void quietChannel() {
        mcp.ok("create_channel", "name", "quiet");
    }

    @BeforeEach
    void drain() {
        while (!mcp.ok("wait_for_messages", "timeout_seconds", 0).path("messages").isEmpty()) {
            // hand over whatever earlier tests left
        }
    }

    @Test
    void wakes_as_soon_as_another_participant_sends() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> mcp.ok("wait_for_messages", "timeout_seconds", 30));
        assertBlocked(waiting);

        long sentAt = System.nanoTime();
        hub.rest().send("bob", "general", "wake up");
        JsonNode result = waiting.get(30, TimeUnit.SECONDS);

        long wokeAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
        assertThat(bodies(result)).containsExactly("wake up");
        assertThat(result.path("messages").get(0).path("sender").asText()).isEqualTo("bob");
        assertThat(wokeAfterMillis).as("woke %d ms after the send", wokeAfterMillis).isLessThan(3_000);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
    }

    @Test
    void returns_at_once_what_arrived_earlier_and_each_message_only_once() {
        hub.rest().send("bob", "general", "early 1");
        hub.rest().send("bob", "general", "early 2");

        long start = System.nanoTime();
        List<String> got = new ArrayList<>();
        while (got.size() < 2 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
            got.addAll(bodies(mcp.ok("wait_for_messages", "timeout_seconds", 10)));
        }
        assertThat(got).containsExactly("early 1", "early 2");

        JsonNode again = mcp.ok("wait_for_messages", "timeout_seconds", 0.5);
        assertThat(again.path("messages").isEmpty()).isTrue();
        assertThat(again.path("timed_out").asBoolean()).isTrue();
    }

    @Test
    void times_out_with_an_empty_result_not_an_error() {
        long start = System.nanoTime();
        JsonNode result = mcp.ok("wait_for_messages", "timeout_seconds", 1);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.path("timed_out").asBoolean()).isTrue();
        assertThat(result.path("messages").isEmpty()).isTrue();
        assertThat(millis).isBetween(900L, 10_000L);
    }

    @Test
    void a_channel_filter_ignores_other_channels_and_keeps_their_messages() throws Exception {
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> mcp.ok("wait_for_messages", "channel", "quiet", "timeout_seconds", 30));
        assertBlocked(waiting);
        hub.rest().send("bob", "general", "elsewhere");
        assertBlocked(waiting);

        hub.rest().send("bob", "quiet", "here");
        assertThat(bodies(waiting.get(30, TimeUnit.SECONDS))).containsExactly("here");
        assertThat(bodies(mcp.ok("wait_for_messages", "timeout_seconds", 5))).containsExactly("elsewhere");
    }

    @Test
    void other_tools_answer_while_a_wait_is_blocked() throws Exception {
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> mcp.ok("wait_for_messages", "timeout_seconds", 30));
        assertBlocked(waiting);

        long start = System.nanoTime();
        mcp.ok("list_channels");
        mcp.ok("send_message", "channel", "general", "body", "own messages do not wake the waiter");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(waiting).isNotDone();

        hub.rest().send("bob", "general", "now");
        assertThat(bodies(waiting.get(30, TimeUnit.SECONDS))).containsExactly("now");
    }

    @Test
    void a_wait_survives_a_hub_restart() throws Exception {
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> mcp.ok("wait_for_messages", "timeout_seconds", 60));
        assertBlocked(waiting);

        hub.restart();
        hub.rest().send("bob", "general", "after the restart");

        assertThat(bodies(waiting.get(60, TimeUnit.SECONDS))).containsExactly("after the restart");
    }

    @Test
    void nothing_is_lost_or_repeated_across_an_mcp_server_restart() {
        mcp.close();
        hub.rest().send("bob", "general", "sent while the MCP server was down");
        mcp = new McpProcess(hub.url(), "agent-a");

        assertThat(bodies(mcp.ok("wait_for_messages", "timeout_seconds", 10)))
                .containsExactly("sent while the MCP server was down");

        mcp.close();
        mcp = new McpProcess(hub.url(), "agent-a");
        assertThat(mcp.ok("wait_for_messages", "timeout_seconds", 2).path("messages").isEmpty()).isTrue();
    }

    @Test
    void an_overflowing_inbox_loses_nothing_and_keeps_the_order() {
        try (McpProcess small = new McpProcess(hub.url(), "agent-small", "-Dparley.mcp.inboxCapacity=3")) {
            small.ok("presence"); // registered and in general before the burst
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                sent.add("burst " + i);
                hub.rest().send("bob", "general", "burst " + i);
            }

            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < sent.size() && System.nanoTime() < deadline) {
                got.addAll(bodies(small.ok("wait_for_messages", "timeout_seconds", 5, "max", 200)));
            }
            assertThat(got).containsExactlyElementsOf(sent);
        }
    }

    /** The call is still running a second after it started: it waits rather than answering. */
    private static void assertBlocked(CompletableFuture<JsonNode> waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline) {
            assertThat(waiting).as("wait_for_messages answered early: %s", waiting.getNow(null)).isNotDone();
            Thread.sleep(50);
        }
    }
}
