package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** set_profile and find_agents: one MCP agent says what it does, another finds it by capability. */
class ProfileToolsTest extends HubAndAgent {
    @Test
    void an_agent_sets_its_profile_and_another_finds_it_by_capability_with_presence() {
        JsonNode set = mcp.ok("set_profile", "description", "Summarises long threads", "capabilities",
                List.of("summarise", "english"), "owner", "maria");
        assertThat(set.path("saved").asBoolean()).isTrue();
        try (McpProcess other = new McpProcess(hub.url(), "agent-finder")) {
            JsonNode found = other.ok("find_agents", "capability", "summarise");
            assertThat(found.path("agents")).hasSize(1);
            JsonNode agent = found.path("agents").get(0);
            assertThat(agent.path("name").asText()).isEqualTo("agent-a");
            assertThat(agent.path("online").asBoolean()).isTrue();
            assertThat(agent.path("description").asText()).isEqualTo("Summarises long threads");
            assertThat(other.ok("find_agents", "text", "threads").path("agents")).hasSize(1);
            assertThat(other.ok("find_agents", "text", "nobody does this").path("agents")).isEmpty();
            assertThat(other.error("find_agents", "capability", "not a tag")).contains("a capability is a tag");
        }
    }
}
