package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestReplyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration PATIENT = Duration.ofSeconds(30);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void a_request_returns_the_targets_reply() {
        try (ParleyClient asker = TestClients.connected(hub.url(), "asker");
             ParleyClient doubler = TestClients.connected(hub.url(), "doubler")) {
            doubler.onRequest(m -> String.valueOf(2 * Integer.parseInt(m.body())));

            Message inDm = asker.request("doubler", "21", WAIT);
            Message inGeneral = asker.request("doubler", "general", "50", WAIT);

            assertThat(inDm.body()).isEqualTo("42");
            assertThat(inDm.sender()).isEqualTo("doubler");
            assertThat(inDm.channelName()).isEqualTo("dm:asker:doubler");
            assertThat(inGeneral.body()).isEqualTo("100");
            assertThat(inGeneral.to()).isEqualTo("asker");
            assertThat(asker.poll()).as("a reply a request consumed is not surfaced again").isNull();
        }
    }

    @Test
    void a_request_reaches_only_its_target_and_a_manual_reply_answers_it() throws Exception {
        try (ParleyClient asker = TestClients.connected(hub.url(), "asker");
             ParleyClient worker = TestClients.builder(hub.url(), "worker").inbox(false).build();
             ParleyClient bystander = TestClients.connected(hub.url(), "bystander")) {
            worker.onMessage(m -> {
                if (m.isRequestFor("worker")) {
                    worker.reply(m, "done: " + m.body());
                }
            });
            worker.connect();

            Message answer = asker.request("worker", "general", "compile", WAIT);
            asker.send("general", "end");

            assertThat(answer.body()).isEqualTo("done: compile");
            assertThat(bystander.next(WAIT).body()).as("the bystander sees neither request nor reply").isEqualTo("end");
        }
    }

    @Test
    void a_request_to_a_participant_who_is_not_connected_fails_at_once_with_no_responders() {
        TestClients.connected(hub.url(), "sleeper").close();
        try (ParleyClient asker = TestClients.connected(hub.url(), "asker")) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> asker.request("sleeper", "general", "are you there?", PATIENT))
                    .isInstanceOf(ParleyException.class)
                    .hasMessageContaining("sleeper is not connected")
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.NO_RESPONDERS));
            assertThatThrownBy(() -> asker.request("nobody", "general", "hello?", PATIENT))
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.NO_RESPONDERS));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_request_to_a_participant_who_just_went_offline_fails_at_once() throws Exception {
        try (ParleyClient asker = TestClients.connected(hub.url(), "asker")) {
            Collector<PresenceEvent> presence = new Collector<>();
            asker.on(PresenceEvent.class, presence);
            TestClients.connected(hub.url(), "leaver").close();
            presence.awaitMatch(p -> p.participant().equals("leaver") && !p.online(), WAIT);
            long started = System.nanoTime();

            assertThatThrownBy(() -> asker.request("leaver", "general", "still there?", PATIENT))
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.NO_RESPONDERS));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_request_nobody_answers_times_out_after_its_timeout() {
        try (ParleyClient asker = TestClients.connected(hub.url(), "asker");
             ParleyClient silent = TestClients.connected(hub.url(), "silent")) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> asker.request("silent", "general", "hello?", Duration.ofMillis(300)))
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.TIMEOUT))
                    .hasMessageContaining("no reply from silent");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), WAIT);
        }
    }

    @Test
    void a_request_to_someone_outside_the_channel_fails_with_the_hubs_refusal() {
        try (ParleyClient asker = TestClients.connected(hub.url(), "asker");
             ParleyClient outsider = TestClients.connected(hub.url(), "outsider")) {
            asker.createChannel("private-room", null);

            assertThatThrownBy(() -> asker.request("outsider", "private-room", "hello?", PATIENT))
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("not_allowed"));
        }
    }
}
