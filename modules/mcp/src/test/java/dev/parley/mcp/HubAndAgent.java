package dev.parley.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** For a whole test class: a real hub in this JVM, and the MCP server under test acting as {@code agent-a}. */
abstract class HubAndAgent {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    static McpProcess mcp;

    @BeforeAll
    static void startAgent() {
        hub.rest().send("bob", "general", "bob was here");
        mcp = new McpProcess(hub.url(), "agent-a");
    }

    @AfterAll
    static void stopAgent() {
        mcp.close();
    }

    /** The bodies of the messages in a tool result, in order. */
    static List<String> bodies(JsonNode result) {
        List<String> bodies = new ArrayList<>();
        result.path("messages").forEach(m -> bodies.add(m.path("body").asText()));
        return bodies;
    }
}
