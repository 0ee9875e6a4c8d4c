package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client told to speak only the compat protocol, as against the reference hub. */
class CompatModeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    private ParleyClient compat(String name) {
        ParleyClient client = TestClients.builder(hub.url(), name).compatOnly(true).build();
        client.connect();
        return client;
    }

    @Test
    void a_compat_client_says_so_in_features_and_still_sends_and_receives() throws Exception {
        try (ParleyClient old = compat("old-timer");
             ParleyClient modern = TestClients.connected(hub.url(), "modern")) {
            Message fromOld = old.send("general", "hello from the past");
            Message fromModern = modern.send("general", "hello from the future");

            assertThat(old.features().compatMode()).isTrue();
            assertThat(old.features().enabled()).isEmpty();
            assertThat(old.features().describe()).contains("compat mode by configuration", "no resume", "REST /api/send");
            assertThat(fromOld.messageId()).matches("ty-[0-9a-f]{12}");
            assertThat(fromOld.sender()).isEqualTo("old-timer");
            assertThat(modern.next(WAIT)).isEqualTo(fromOld);
            assertThat(old.next(WAIT)).isEqualTo(fromModern);
        }
    }

    @Test
    void a_compat_client_gets_what_it_missed_from_the_queued_backlog_once_and_in_order() throws Exception {
        compat("returner").close();
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice")) {
            for (int i = 0; i < 5; i++) {
                alice.send("general", "missed " + i);
            }
            try (ParleyClient returner = compat("returner")) {
                alice.send("general", "live");
                List<String> bodies = new ArrayList<>();
                Message m;
                while ((m = returner.next(WAIT)) != null) {
                    bodies.add(m.body());
                    if (m.body().equals("live")) {
                        break;
                    }
                }

                assertThat(bodies).containsExactly("missed 0", "missed 1", "missed 2", "missed 3", "missed 4", "live");
                assertThat(returner.poll()).isNull();
            }
        }
    }

    @Test
    void request_and_reply_work_in_compat_mode() {
        try (ParleyClient asker = compat("asker"); ParleyClient echo = compat("echo")) {
            echo.onRequest(m -> "echo: " + m.body());

            Message answer = asker.request("echo", "general", "ping", WAIT);

            assertThat(answer.body()).isEqualTo("echo: ping");
        }
    }
}
