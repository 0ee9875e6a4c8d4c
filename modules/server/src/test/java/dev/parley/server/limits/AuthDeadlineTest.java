package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections that never say who they are do not live for ever: sockets must authenticate, HTTP must send its head. */
class AuthDeadlineTest {
    private static final long DEADLINE_MILLIS = 2_000;

    @TempDir
    Path dir;
    private InProcessHub hub;

    /**
     * A first connection in a cold JVM on a busy machine can take seconds to authenticate (class
     * loading, JIT, on both ends): warm both up under the default deadline, so the short one below
     * measures the hub and not the JVM.
     */
    @BeforeAll
    static void warmUp(@TempDir Path warm) throws Exception {
        try (InProcessHub defaults = InProcessHub.start(warm); RawSocket client = defaults.client("warm")) {
            client.roundTrip();
        }
    }

    @BeforeEach
    void start() throws Exception {
        Limits limits = Limits.DEFAULTS.withDeadlines(DEADLINE_MILLIS, DEADLINE_MILLIS);
        hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLimits(limits));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void an_unauthenticated_socket_is_closed_with_1008_after_the_deadline() {
        RawSocket anonymous = RawSocket.connect(hub.port());
        long opened = System.nanoTime();

        anonymous.awaitClosed(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(DEADLINE_MILLIS - 100));
        assertThat(anonymous.closeCode()).as(anonymous.closeReason()).isEqualTo(1008);
        assertThat(anonymous.closeReason()).contains("not authenticated").contains("auth");
    }

    @Test
    void pings_and_other_frames_do_not_extend_the_deadline() {
        RawSocket anonymous = RawSocket.connect(hub.port());
        long opened = System.nanoTime();
        // Busy but anonymous: pings are answered, registrations work, yet the deadline stands.
        anonymous.roundTrip();
        anonymous.send("register", "name", "lurker");
        anonymous.await("register_ok");
        int pings = 1;
        while (!anonymous.isClosed() && System.nanoTime() - opened < Duration.ofSeconds(10).toNanos()) {
            try {
                anonymous.send("ping");
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
            int sent = ++pings;
            try {
                anonymous.awaitCount(f -> "pong".equals(f.path("type").asText()), sent, Duration.ofMillis(300));
            } catch (AssertionError noPongYet) {
                // closed, or slow: the loop looks again
            }
        }
        long closedAfter = System.nanoTime() - opened;

        anonymous.awaitClosed(Duration.ofSeconds(5));
        assertThat(anonymous.closeCode()).as(anonymous.closeReason()).isEqualTo(1008);
        assertThat(anonymous.frames("pong")).as("pings answered until the deadline").hasSizeGreaterThan(2);
        assertThat(Duration.ofNanos(closedAfter)).isLessThan(Duration.ofMillis(DEADLINE_MILLIS + 3_000));
    }

    @Test
    void an_authenticated_socket_outlives_the_deadline() throws Exception {
        try (RawSocket alice = hub.client("alice")) {
            RawSocket anonymous = RawSocket.connect(hub.port());
            anonymous.awaitClosed(Duration.ofSeconds(5)); // the deadline has passed for alice too

            alice.roundTrip();
            assertThat(alice.isClosed()).isFalse();
        }
    }

    @Test
    void an_http_connection_that_trickles_its_headers_is_closed_after_the_deadline() throws Exception {
        try (Socket slowloris = new Socket("127.0.0.1", hub.port())) {
            slowloris.setSoTimeout(200);
            OutputStream out = slowloris.getOutputStream();
            InputStream in = slowloris.getInputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long opened = System.nanoTime();
            boolean closed = false;
            int header = 0;
            // One header line every 100 ms keeps Jetty's idle timeout happy for ever; the deadline does not care.
            while (!closed && System.nanoTime() - opened < Duration.ofSeconds(5).toNanos()) {
                try {
                    out.write(("X-Slow-" + header++ + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    closed = in.read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: send the next line
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed by the hub").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(Duration.ofMillis(DEADLINE_MILLIS + 2_000));
        }
    }

    @Test
    void a_keep_alive_http_connection_that_sent_a_request_is_not_cut_by_the_deadline() throws Exception {
        try (Socket client = new Socket("127.0.0.1", hub.port())) {
            client.setSoTimeout(5_000);
            assertThat(get(client)).startsWith("HTTP/1.1 200");
            long idle = System.nanoTime();
            // Idle past the header deadline (Jetty's own idle timeout, 30 s, is what ends this one).
            client.setSoTimeout((int) (2 * DEADLINE_MILLIS));
            assertThat(readOrTimeout(client.getInputStream())).as("no close while idle").isEqualTo(-2);
            assertThat(System.nanoTime() - idle).isGreaterThan(Duration.ofMillis(DEADLINE_MILLIS).toNanos());
            client.setSoTimeout(5_000);
            assertThat(get(client)).startsWith("HTTP/1.1 200");
        }
    }

    private static String get(Socket client) throws Exception {
        client.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring(15).strip());
        in.readNBytes(length);
        return head.toString();
    }

    /** -1 at end of stream, -2 when nothing came within the socket's timeout. */
    private static int readOrTimeout(InputStream in) throws Exception {
        try {
            return in.read() < 0 ? -1 : 0;
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }
}
