package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One address cannot hold every socket of the hub: the one over its cap is closed as it opens. */
class ConnectionCapTest {
    private static final int CAP = 4;

    @TempDir
    Path dir;

    @Test
    void the_socket_over_the_address_cap_is_closed_with_1008_and_a_reason() throws Exception {
        // The tests connect from 127.0.0.1, so the loopback cap is the one in force here.
        Limits limits = Limits.DEFAULTS.withAddressCaps(CAP, CAP, CAP);
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLimits(limits);
        try (InProcessHub hub = InProcessHub.start(config)) {
            List<RawSocket> held = new ArrayList<>();
            held.add(hub.client("alice"));
            for (int i = 1; i < CAP; i++) {
                held.add(RawSocket.connect(hub.port()));
            }
            held.get(CAP - 1).roundTrip(); // the last one admitted still works

            RawSocket extra = RawSocket.connect(hub.port());
            extra.awaitClosed(Duration.ofSeconds(5));
            assertThat(extra.closeCode()).isEqualTo(1008);
            assertThat(extra.closeReason()).isEqualTo("too many connections from your address");
            assertThat(hub.get("/metrics").body()).contains("parley_connections_refused_total 1");

            // A socket that closes gives its place back.
            held.remove(1).close();
            RawSocket again = awaitAdmitted(hub);
            again.send("auth", "name", "bob");
            again.await("auth_ok");
            held.add(again);
            held.forEach(RawSocket::close);
        }
    }

    @Test
    void the_default_loopback_cap_admits_far_more_than_the_lan_cap() throws Exception {
        // parley bench opens up to 10,000 clients from this machine; the LAN caps (64 anonymous,
        // 1,000 in all) do not apply to loopback.
        assertThat(Limits.DEFAULTS.loopbackConnections()).isGreaterThanOrEqualTo(10_000);
        try (InProcessHub hub = InProcessHub.start(dir)) {
            List<RawSocket> anonymous = new ArrayList<>();
            for (int i = 0; i < Limits.DEFAULT_UNAUTHENTICATED_PER_ADDRESS + 1; i++) {
                anonymous.add(RawSocket.connect(hub.port()));
            }
            anonymous.get(anonymous.size() - 1).roundTrip();
            assertThat(anonymous).noneMatch(RawSocket::isClosed);
            anonymous.forEach(RawSocket::close);
        }
    }

    /** A new socket, once the hub has counted the closed one out (its close is asynchronous). */
    private static RawSocket awaitAdmitted(InProcessHub hub) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            RawSocket candidate = RawSocket.connect(hub.port());
            try {
                candidate.roundTrip();
                return candidate;
            } catch (RuntimeException | AssertionError refused) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no socket admitted again", refused);
                }
            }
        }
    }
}
