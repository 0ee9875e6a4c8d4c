package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.InProcessHub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REST write that is refused for bad input stores nothing: in particular a new sender whose first
 * send is refused is not left registered (REST senders register with their first send).
 */
class RefusedWritesLeaveNothingTest {
    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir);
        for (String name : new String[] {"kate", "liam"}) {
            assertThat(hub.post("/api/send", "{\"sender\":\"" + name + "\",\"channel\":\"general\",\"body\":\"hi\"}")
                    .statusCode()).isEqualTo(201);
        }
        assertThat(hub.post("/api/dm", "{\"participant_a\":\"kate\",\"participant_b\":\"liam\"}").statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void a_first_send_to_a_missing_channel_registers_nobody() throws Exception {
        HttpResponse<String> refused = hub.post("/api/send",
                "{\"sender\":\"newcomer-1\",\"channel\":\"no-such-room\",\"body\":\"hi\"}");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/participants/newcomer-1").statusCode()).isEqualTo(404);
    }

    @Test
    void a_first_send_into_someone_elses_dm_registers_nobody() throws Exception {
        HttpResponse<String> refused = hub.post("/api/send",
                "{\"sender\":\"newcomer-2\",\"channel\":\"dm:kate:liam\",\"body\":\"hi\"}");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/participants/newcomer-2").statusCode()).isEqualTo(404);
    }

    @Test
    void a_first_send_quoting_an_unknown_message_registers_nobody() throws Exception {
        HttpResponse<String> refused = hub.post("/api/send",
                "{\"sender\":\"newcomer-3\",\"channel\":\"general\",\"body\":\"hi\",\"reply_to\":\"msg-nope\"}");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/participants/newcomer-3").statusCode()).isEqualTo(404);
    }

    @Test
    void a_dm_request_naming_a_bad_peer_registers_nobody() throws Exception {
        HttpResponse<String> refused = hub.post("/api/dm",
                "{\"participant_a\":\"newcomer-4\",\"participant_b\":\"not a name!\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/participants/newcomer-4").statusCode()).isEqualTo(404);
    }

    @Test
    void an_accepted_first_send_registers_its_sender() throws Exception {
        assertThat(hub.post("/api/send", "{\"sender\":\"newcomer-5\",\"channel\":\"general\",\"body\":\"hi\"}")
                .statusCode()).isEqualTo(201);
        assertThat(hub.get("/api/participants/newcomer-5").statusCode()).isEqualTo(200);
    }
}
