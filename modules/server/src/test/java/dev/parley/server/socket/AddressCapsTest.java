package dev.parley.server.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.Limits;
import org.junit.jupiter.api.Test;

/** The per-address counting behind the connection caps, for a LAN address (the socket tests all run on loopback). */
class AddressCapsTest {
    private static final String LAN = "192.0.2.7";
    private final AddressCaps caps = new AddressCaps(Limits.DEFAULTS.withAddressCaps(2, 3, 100));

    @Test
    void an_address_holds_at_most_the_unauthenticated_cap_before_auth() {
        assertThat(caps.open(LAN, false)).isTrue();
        assertThat(caps.open(LAN, false)).isTrue();
        assertThat(caps.open(LAN, false)).as("third anonymous socket").isFalse();
        assertThat(caps.open("192.0.2.8", false)).as("another address").isTrue();
    }

    @Test
    void authenticated_sockets_count_only_against_the_total_cap() {
        caps.open(LAN, false);
        caps.authenticated(LAN);
        caps.open(LAN, false);
        caps.authenticated(LAN);
        assertThat(caps.open(LAN, false)).isTrue();
        assertThat(caps.open(LAN, false)).as("fourth socket, total cap 3").isFalse();

        caps.closed(LAN, true);
        assertThat(caps.open(LAN, false)).isTrue();
    }

    @Test
    void loopback_has_its_own_cap_and_closed_addresses_are_forgotten() {
        for (int i = 0; i < 100; i++) {
            assertThat(caps.open("127.0.0.1", true)).isTrue();
        }
        assertThat(caps.open("127.0.0.1", true)).isFalse();
        for (int i = 0; i < 100; i++) {
            caps.closed("127.0.0.1", false);
        }
        assertThat(caps.addresses()).isZero();
    }
}
