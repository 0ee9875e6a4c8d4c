package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.FieldLimits;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics and profile fields have sizes; display names cannot hide behind bidi tricks or wear another's name. */
class ProfileFieldsTest {
    @TempDir
    Path dir;
    private InProcessHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = InProcessHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_topic_over_the_limit_is_refused_with_too_large_and_nothing_is_created() throws Exception {
        String topic = "t".repeat(FieldLimits.MAX_TOPIC + 1);
        HttpResponse<String> refused = hub.post("/api/channels/create",
                Json.mapper().createObjectNode().put("name", "big").put("topic", topic).toString());
        assertThat(refused.statusCode()).isEqualTo(413);
        JsonNode error = Json.mapper().readTree(refused.body());
        assertThat(error.path("code").asText()).isEqualTo("too_large");
        assertThat(error.path("error").asText()).contains("topic").contains("1000");
        assertThat(hub.get("/api/channels").body()).doesNotContain("\"big\"");

        HttpResponse<String> fits = hub.post("/api/channels/create", Json.mapper().createObjectNode()
                .put("name", "fits").put("topic", "t".repeat(FieldLimits.MAX_TOPIC)).toString());
        assertThat(fits.statusCode()).isEqualTo(201);
    }

    @Test
    void oversized_profile_fields_are_refused_on_auth_and_register() throws Exception {
        try (RawSocket raw = RawSocket.connect(hub.port())) {
            assertError(raw, "auth", "display_name", "d".repeat(FieldLimits.MAX_DISPLAY_NAME + 1), "too_large", "64");
            assertError(raw, "auth", "participant_type", "p".repeat(FieldLimits.MAX_PARTICIPANT_TYPE + 1), "too_large", "32");
            assertError(raw, "register", "hardware_id", "h".repeat(FieldLimits.MAX_HARDWARE_ID + 1), "too_large", "128");
            assertError(raw, "register", "display_name", "x".repeat(60_000), "too_large", "display_name");
            raw.roundTrip();
        }
        assertThat(hub.get("/api/participants").body()).doesNotContain("newbie");
    }

    @Test
    void display_names_with_bidi_or_hidden_characters_are_refused() {
        try (RawSocket raw = RawSocket.connect(hub.port())) {
            assertError(raw, "auth", "display_name", "ecila\u202E", "bad_name", "bidi");
            assertError(raw, "auth", "display_name", "a\u2066b\u2069", "bad_name", "bidi");
            assertError(raw, "register", "display_name", "\u200Fmallory", "bad_name", "bidi");
            assertError(raw, "register", "display_name", "al\u200Bice", "bad_name", "invisible");
            assertError(raw, "register", "display_name", "two\nlines", "bad_name", "control");
        }
    }

    @Test
    void a_display_name_that_copies_another_participants_name_or_display_name_is_refused() throws Exception {
        try (RawSocket alice = hub.client("alice"); RawSocket raw = RawSocket.connect(hub.port())) {
            raw.send("register", "name", "bob", "display_name", "Bob the Builder");
            raw.await("register_ok");

            assertError(raw, "register", "display_name", "ALICE", "bad_name", "alice");
            assertError(raw, "register", "display_name", "  Alice ", "bad_name", "alice");
            assertError(raw, "register", "display_name", "\uFF21\uFF4C\uFF49\uFF43\uFF45", "bad_name", "alice"); // full-width
            assertError(raw, "auth", "display_name", "bob the builder", "bad_name", "bob");
        }
        assertThat(hub.get("/api/participants").body()).doesNotContain("mallory");
    }

    @Test
    void ones_own_name_and_a_repeated_display_name_are_fine() {
        try (RawSocket raw = RawSocket.connect(hub.port())) {
            raw.send("register", "name", "dana", "display_name", "DANA");
            raw.await("register_ok");
            // Clients send their display name on every auth: the same one again is no copy.
            raw.send("auth", "name", "dana", "display_name", "Dana");
            JsonNode ok = raw.await("auth_ok");
            assertThat(ok.path("participant_info").path("display_name").asText()).isEqualTo("Dana");
        }
    }

    /** Sends {@code type} for "mallory" with one profile field and expects an error frame. */
    private static void assertError(RawSocket raw, String type, String field, String value, String code, String detail) {
        int before = raw.frames("error").size();
        String name = type.equals("register") && field.equals("hardware_id") ? "newbie" : "mallory";
        raw.send(Json.mapper().createObjectNode().put("type", type).put("name", name).put(field, value));
        JsonNode error = raw.awaitCount(f -> "error".equals(f.path("type").asText()), before + 1,
                java.time.Duration.ofSeconds(5)).get(before);
        assertThat(error.path("code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("detail").asText().toLowerCase()).contains(detail);
    }
}
