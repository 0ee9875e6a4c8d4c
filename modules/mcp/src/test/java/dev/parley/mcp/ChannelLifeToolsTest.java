package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** rename_channel, set_topic, archive_channel, leave_channel, delete_channel through the MCP SDK client. */
class ChannelLifeToolsTest extends HubAndAgent {
    @Test
    void an_agent_runs_a_channel_from_create_to_delete() {
        mcp.ok("create_channel", "name", "scratch");

        JsonNode renamed = mcp.ok("rename_channel", "channel", "scratch", "name", "scratch-2");
        assertThat(renamed.path("channel").path("name").asText()).isEqualTo("scratch-2");
        assertThat(mcp.ok("set_topic", "channel", "scratch-2", "topic", "drafts").path("channel").path("topic")
                .asText()).isEqualTo("drafts");
        mcp.ok("archive_channel", "channel", "scratch-2");
        assertThat(mcp.error("send_message", "channel", "scratch-2", "body", "still here?")).contains("archived");
        mcp.ok("archive_channel", "channel", "scratch-2", "archived", false);
        assertThat(mcp.ok("send_message", "channel", "scratch-2", "body", "back").toString()).contains("message_id");

        assertThat(mcp.error("leave_channel", "channel", "general")).contains("general cannot be left");
        assertThat(mcp.ok("delete_channel", "channel", "scratch-2").path("deleted").asBoolean()).isTrue();
        assertThat(mcp.ok("list_channels").toString()).doesNotContain("scratch-2");
    }

    @Test
    void another_agent_may_leave_but_not_rename_or_delete() {
        mcp.ok("create_channel", "name", "shared");
        try (McpProcess other = new McpProcess(hub.url(), "agent-b")) {
            other.ok("join_channel", "channel", "shared");
            assertThat(other.error("rename_channel", "channel", "shared", "name", "taken")).contains("creator");
            assertThat(other.error("delete_channel", "channel", "shared")).contains("creator");
            assertThat(other.ok("leave_channel", "channel", "shared").path("left").asBoolean()).isTrue();
        }
    }
}
