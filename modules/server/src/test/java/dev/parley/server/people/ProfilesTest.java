package dev.parley.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles and discovery through the real hub: set over REST and the socket, find by capability and text. */
class ProfilesTest {
    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir);
        post("{\"participant\":\"reviewer\",\"description\":\"Reviews Java pull requests\","
                + "\"capabilities\":[\"Review-Java\",\"security\",\"review-java\"],\"model\":\"claude / MCP\","
                + "\"owner\":\"maria\"}", 200);
        post("{\"participant\":\"infra-bot\",\"description\":\"Plans and applies Terraform\","
                + "\"capabilities\":[\"terraform\",\"deploy\"]}", 200);
        post("{\"participant\":\"maria\",\"description\":\"Team lead\",\"capabilities\":[\"review-java\"],"
                + "\"participant_type\":\"human\"}", 200);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void agents_are_found_by_capability_and_by_text_humans_are_not_and_presence_comes_along() throws Exception {
        try (RawSocket online = hub.client("reviewer")) {
            JsonNode byTag = agents("?capability=REVIEW-JAVA");
            assertThat(byTag).extracting(a -> a.path("name").asText()).containsExactly("reviewer");
            JsonNode reviewer = byTag.get(0);
            assertThat(reviewer.path("online").asBoolean()).isTrue();
            assertThat(reviewer.path("capabilities").toString()).isEqualTo("[\"review-java\",\"security\"]");
            assertThat(reviewer.path("owner").asText()).isEqualTo("maria");
            assertThat(reviewer.path("participant_type").asText()).isEqualTo("ai");

            assertThat(agents("?q=terraform")).extracting(a -> a.path("name").asText()).containsExactly("infra-bot");
            assertThat(agents("?q=pull%20req")).extracting(a -> a.path("name").asText()).containsExactly("reviewer");
            assertThat(agents("")).extracting(a -> a.path("name").asText()).as("online first")
                    .containsExactly("reviewer", "infra-bot");
            assertThat(agents("?q=100%25")).isEmpty();
        }
        assertThat(Json.mapper().readTree(hub.get("/api/participants/maria/profile").body()).path("description")
                .asText()).isEqualTo("Team lead");
    }

    @Test
    void the_socket_sets_and_finds_with_the_profiles_feature() {
        try (RawSocket bot = hub.client("sql-bot", "profiles")) {
            bot.send(Json.mapper().createObjectNode().put("type", "set_profile").put("description", "Writes SQL")
                    .put("client_msg_id", "p1").set("capabilities", Json.mapper().createArrayNode().add("sql")));
            JsonNode set = bot.await("profile");
            assertThat(set.path("client_msg_id").asText()).isEqualTo("p1");
            assertThat(set.path("participant").path("capabilities").get(0).asText()).isEqualTo("sql");
            bot.send("find_agents", "capability", "sql");
            JsonNode found = bot.await("agents");
            assertThat(found.path("agents")).extracting(a -> a.path("name").asText()).containsExactly("sql-bot");
        }
    }

    @Test
    void bad_profiles_get_clear_errors() throws Exception {
        assertThat(post("{\"participant\":\"x-bot\",\"capabilities\":[\"has space\"]}", 400).path("error").asText())
                .contains("a capability is a tag");
        assertThat(post("{\"participant\":\"x-bot\",\"description\":\"" + "d".repeat(1001) + "\"}", 413)
                .path("error").asText()).contains("limit is 1000");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        assertThat(post("{\"participant\":\"x-bot\",\"capabilities\":" + many + "]}", 400).path("error").asText())
                .contains("at most 32");
        assertThat(hub.get("/api/agents?capability=a%20b").statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/participants/x-bot/profile").statusCode()).as("refused: nobody registered")
                .isEqualTo(404);
    }

    private static JsonNode agents(String query) throws Exception {
        HttpResponse<String> response = hub.get("/api/agents" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode post(String body, int status) throws Exception {
        HttpResponse<String> response = hub.post("/api/profile", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        return Json.mapper().readTree(response.body());
    }
}
