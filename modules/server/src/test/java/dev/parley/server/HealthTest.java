package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    @TempDir
    Path dir;

    @Test
    void health_reports_ok_product_version_build_and_row_counts_on_a_fresh_database() throws Exception {
        try (Hub hub = Hub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0))) {
            JsonNode health = get(hub.port(), "/health");

            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("product").asText()).isEqualTo("Parley");
            assertThat(health.get("version").asText()).isEqualTo("dev");
            assertThat(health.get("build_hash").asText()).isEqualTo("dev");
            assertThat(health.get("channels").asLong()).isEqualTo(1);
            assertThat(health.get("participants").asLong()).isZero();
            assertThat(health.get("messages").asLong()).isZero();
            assertThat(get(hub.port(), "/")).isEqualTo(health);
        }
    }

    @Test
    void a_second_hub_on_the_same_database_is_refused_while_the_first_serves() throws Exception {
        Path db = dir.resolve("hub.db");
        try (Hub first = Hub.start(new HubConfig(db, "127.0.0.1", 0))) {
            assertThatThrownBy(() -> Hub.start(new HubConfig(db, "127.0.0.1", 0)))
                    .isInstanceOf(HubLock.AlreadyRunningException.class)
                    .hasMessageContaining("already serving");
        }
        try (Hub again = Hub.start(new HubConfig(db, "127.0.0.1", 0))) {
            assertThat(get(again.port(), "/health").get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void a_browser_asking_for_the_root_is_sent_to_the_chat_page_and_other_clients_get_the_health_json()
            throws Exception {
        try (Hub hub = Hub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0))) {
            HttpResponse<String> browser = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + hub.port() + "/"))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(browser.statusCode()).isEqualTo(303);
            assertThat(browser.headers().firstValue("Location")).hasValue("/chat");
            assertThat(get(hub.port(), "/").get("status").asText()).as("no Accept: JSON").isEqualTo("ok");
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
