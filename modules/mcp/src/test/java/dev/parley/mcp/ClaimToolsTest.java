package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** claim, release, list_claims: two MCP agents (two real MCP server processes) race for one resource. */
class ClaimToolsTest extends HubAndAgent {
    @Test
    void two_agents_race_for_one_claim_exactly_one_wins_and_the_loser_learns_the_holder() throws Exception {
        try (McpProcess other = new McpProcess(hub.url(), "agent-z")) {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<JsonNode> mine = CompletableFuture.supplyAsync(() -> {
                await(go);
                return mcp.ok("claim", "resource", "race/**", "ttl", 120, "note", "mine");
            });
            CompletableFuture<JsonNode> theirs = CompletableFuture.supplyAsync(() -> {
                await(go);
                return other.ok("claim", "resource", "race/file.txt", "ttl", 120, "note", "theirs");
            });
            go.countDown();
            List<JsonNode> results = List.of(mine.get(), theirs.get());

            assertThat(results).filteredOn(r -> r.path("granted").asBoolean()).hasSize(1);
            JsonNode winner = results.stream().filter(r -> r.path("granted").asBoolean()).findFirst().orElseThrow();
            JsonNode loser = results.stream().filter(r -> !r.path("granted").asBoolean()).findFirst().orElseThrow();
            String holder = winner.path("claim").path("holder").asText();
            assertThat(holder).isIn("agent-a", "agent-z");
            assertThat(winner.path("claim").path("mine").asBoolean()).isTrue();
            assertThat(loser.path("held_by").path("holder").asText()).isEqualTo(holder);
            assertThat(loser.path("held_by").path("mine").asBoolean()).isFalse();
            assertThat(loser.path("detail").asText()).contains(holder).contains("until");

            JsonNode listed = other.ok("list_claims", "overlapping", "race/file.txt");
            assertThat(listed.path("claims")).hasSize(1);
            assertThat(listed.path("claims").get(0).path("holder").asText()).isEqualTo(holder);

            McpProcess holderAgent = holder.equals("agent-a") ? mcp : other;
            McpProcess loserAgent = holder.equals("agent-a") ? other : mcp;
            String claimed = winner.path("claim").path("resource").asText();
            assertThat(loserAgent.ok("release", "resource", claimed).path("released").asBoolean())
                    .as("nobody releases another's claim").isFalse();
            assertThat(holderAgent.ok("release", "resource", claimed).path("released").asBoolean()).isTrue();
            assertThat(other.ok("list_claims").path("claims")).isEmpty();
        }
    }

    @Test
    void bad_claims_are_clear_tool_errors() {
        assertThat(mcp.error("claim", "resource", " ")).contains("'resource'");
        assertThat(mcp.error("claim", "resource", "x".repeat(300))).contains("limit is 256");
        assertThat(mcp.error("claim", "resource", "ok", "channel", "no-such-room")).contains("channel");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
