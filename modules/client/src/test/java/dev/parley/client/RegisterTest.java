package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.HubExtension;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ParleyClient#register()}: a participant registered without connecting and without going online. */
class RegisterTest {
    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void register_creates_the_participant_offline_and_a_second_time_finds_it() {
        try (ParleyClient bot = TestClients.builder(hub.url(), "build-bot").displayName("Build bot").participantType("service").build()) {
            Registration first = bot.register();
            assertThat(first.name()).isEqualTo("build-bot");
            assertThat(first.isNew()).isTrue();
            assertThat(first.key()).isNull(); // an open hub makes no keys
            assertThat(bot.state()).isEqualTo(ConnectionState.DISCONNECTED);

            assertThat(bot.register().isNew()).isFalse();
            Participant registered = bot.participants().stream().filter(p -> p.name().equals("build-bot")).findFirst()
                    .orElseThrow();
            assertThat(registered.displayName()).isEqualTo("Build bot");
            assertThat(registered.participantType()).isEqualTo("service");
            assertThat(registered.online()).isFalse();
        }
    }

    @Test
    void a_name_the_hub_refuses_fails_with_its_code() {
        try (ParleyClient bad = TestClients.builder(hub.url(), "no spaces allowed").build()) {
            assertThatThrownBy(bad::register).isInstanceOf(ParleyException.class)
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("bad_name"));
        }
    }

    @Test
    void no_hub_at_the_address_is_unreachable() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        try (ParleyClient nobody = TestClients.builder("http://127.0.0.1:" + free, "nobody").build()) {
            assertThatThrownBy(nobody::register).isInstanceOf(ParleyException.class)
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.UNREACHABLE));
        }
    }
}
