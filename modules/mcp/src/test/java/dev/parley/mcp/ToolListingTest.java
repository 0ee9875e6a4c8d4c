package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an MCP host sees on connecting: server info, instructions, and the tools with schemas and hints. */
class ToolListingTest extends HubAndAgent {
    private static final List<String> READ_ONLY = List.of("read_messages", "search", "unread", "list_channels",
            "presence", "participants", "wait_for_messages", "list_claims", "find_agents", "read_file");

    static Map<String, McpSchema.Tool> tools;

    @BeforeAll
    static void listTools() {
        tools = mcp.client().listTools().tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
    }

    @Test
    void initialize_names_the_server_and_tells_the_agent_not_to_poll() {
        assertThat(mcp.initialized().serverInfo().name()).isEqualTo("parley");
        assertThat(mcp.initialized().capabilities().tools()).isNotNull();
        assertThat(mcp.initialized().instructions()).contains("agent-a").contains("wait_for_messages").contains("poll");
    }

    @Test
    void lists_every_tool_the_issue_asks_for() {
        assertThat(tools.keySet()).containsExactlyInAnyOrder("send_message", "send_dm", "read_messages",
                "wait_for_messages", "list_channels", "create_channel", "join_channel", "unread", "ack", "search",
                "presence", "participants", "react", "edit_message", "delete_message", "request", "claim", "release",
                "list_claims", "ask_human", "set_profile", "find_agents", "mark_read", "inbox", "leave_channel",
                "rename_channel", "set_topic", "archive_channel", "delete_channel", "send_file", "read_file");
    }

    @Test
    void every_tool_has_a_described_object_schema() {
        tools.values().forEach(tool -> {
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            assertThat(tool.inputSchema().get("type")).as(tool.name()).isEqualTo("object");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> properties =
                    (Map<String, Map<String, Object>>) tool.inputSchema().get("properties");
            properties.forEach((name, property) ->
                    assertThat(property.get("description")).as(tool.name() + "." + name).asString().isNotBlank());
        });
        assertThat(tools.get("send_message").inputSchema().get("required")).isEqualTo(List.of("channel", "body"));
        assertThat(tools.get("request").inputSchema().get("required")).isEqualTo(List.of("to", "body"));
    }

    @Test
    void read_only_tools_say_so_and_the_others_do_not() {
        tools.values().forEach(tool -> assertThat(tool.annotations().readOnlyHint()).as(tool.name())
                .isEqualTo(READ_ONLY.contains(tool.name())));
        assertThat(tools.get("read_messages").annotations().idempotentHint()).isTrue();
        assertThat(tools.get("wait_for_messages").annotations().idempotentHint()).isFalse();
        assertThat(tools.get("delete_message").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("send_message").annotations().destructiveHint()).isFalse();
        assertThat(tools.get("send_message").annotations().openWorldHint()).isTrue();
    }
}
