package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** inbox: what an agent was shown is never shown again, even by a new MCP server process under the same name. */
class InboxAcrossRestartsTest extends HubAndAgent {
    @Test
    void inbox_never_returns_a_message_twice_across_an_mcp_restart() {
        try (McpProcess first = new McpProcess(hub.url(), "inbox-agent")) {
            first.ok("inbox"); // whatever was there before this test
            hub.rest().send("bob", "general", "first for the inbox");
            hub.rest().send("bob", "general", "second for the inbox");
            assertThat(bodies(first.ok("inbox"))).containsExactly("first for the inbox", "second for the inbox");
            assertThat(first.ok("inbox").path("count").asInt()).isZero();
        }
        hub.rest().send("bob", "general", "third, while it was away");
        try (McpProcess again = new McpProcess(hub.url(), "inbox-agent")) {
            assertThat(bodies(again.ok("inbox"))).containsExactly("third, while it was away");
            assertThat(again.ok("mark_read", "channel", "general").path("read_up_to_seq").asLong()).isPositive();
            assertThat(again.ok("unread").path("total").asLong()).isZero();
        }
    }
}
