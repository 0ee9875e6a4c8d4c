package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery acks: what one instance of a participant took is not given again to the next. */
class DeliveryAckTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void a_new_instance_of_a_participant_gets_only_what_the_previous_one_did_not_take() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice")) {
            try (ParleyClient bob = TestClients.connected(hub.url(), "bob")) {
                for (int i = 0; i < 10; i++) {
                    alice.send("general", "taken " + i);
                }
                for (int i = 0; i < 7; i++) {
                    assertThat(bob.next(WAIT).body()).isEqualTo("taken " + i);
                }
            }
            alice.send("general", "while away");
            try (ParleyClient bobAgain = TestClients.connected(hub.url(), "bob")) {
                alice.send("general", "live");
                List<String> bodies = new ArrayList<>();
                Message m;
                while ((m = bobAgain.next(WAIT)) != null) {
                    bodies.add(m.body());
                    if (m.body().equals("live")) {
                        break;
                    }
                }

                assertThat(bodies).containsExactly("taken 7", "taken 8", "taken 9", "while away", "live");
            }
        }
    }
}
