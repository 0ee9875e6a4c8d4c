package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.HubExtension;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The library takes the hub's address in every form {@link HubAddress} reads, for the socket and for REST. */
class ServerAddressFormsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @ParameterizedTest
    @ValueSource(strings = {"ws://127.0.0.1:%d/ws", "ws://127.0.0.1:%d", "127.0.0.1:%d", "http://127.0.0.1:%d/"})
    void a_client_given_any_address_form_connects_sends_and_calls_rest(String form) throws Exception {
        String address = form.formatted(URI.create(hub.url()).getPort());
        try (ParleyClient alice = TestClients.connected(address, "alice");
             ParleyClient bob = TestClients.connected(hub.url(), "bob")) {
            Message sent = alice.send("general", "hello from " + address);

            assertThat(bob.next(WAIT)).isEqualTo(sent);
            assertThat(alice.health()).containsKey("version");
            assertThat(alice.state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void an_address_the_parser_refuses_names_the_accepted_forms() {
        assertThatThrownBy(() -> ParleyClient.builder().serverUrl("ftp://hub"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(HubAddress.ACCEPTED_FORMS);
    }
}
