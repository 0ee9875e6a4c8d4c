package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** wait_for_messages(mentions_only): a mention wakes it, and nothing else does. */
class MentionsWaitTest extends HubAndAgent {
    @Test
    void a_mention_wakes_a_mentions_only_wait_and_other_messages_do_not() throws Exception {
        mcp.ok("wait_for_messages", "timeout_seconds", 0); // start from an empty inbox
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() ->
                mcp.ok("wait_for_messages", "mentions_only", true, "timeout_seconds", 60));
        hub.rest().send("bob", "general", "nothing for agent-a here");
        hub.rest().send("bob", "general", "still nothing, @someone-else");
        hub.rest().send("bob", "general", "@agent-a the build is yours");

        JsonNode woke = waiting.get();
        assertThat(bodies(woke)).containsExactly("@agent-a the build is yours");
        assertThat(woke.path("messages").get(0).path("mentions").get(0).asText()).isEqualTo("agent-a");
        // The others were not taken: a plain wait still has them.
        assertThat(bodies(mcp.ok("wait_for_messages", "timeout_seconds", 5)))
                .contains("nothing for agent-a here", "still nothing, @someone-else");
        assertThat(mcp.ok("unread").path("mentions").asLong()).isGreaterThanOrEqualTo(1);
    }
}
