package dev.parley.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.HubAddress;
import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport against a real hub, and against a raw peer that misbehaves. */
class FrameSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static Hub hub;
    private static ScheduledExecutorService timer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startHub() throws Exception {
        hub = Hub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0));
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
        timer.shutdownNow();
    }

    /** Records what a socket's listener heard. */
    private static final class Heard implements FrameListener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        final CompletableFuture<Throwable> cause = new CompletableFuture<>();

        @Override
        public void onFrame(FrameSocket socket, String text) {
            frames.add(text);
        }

        @Override
        public void onClosed(FrameSocket socket, Throwable why) {
            closes.incrementAndGet();
            cause.complete(why);
        }

        long count(String type) {
            return frames.stream().filter(f -> f.contains("\"type\":\"" + type + "\"")).count();
        }
    }

    private FrameSocket open(URI uri, Heard heard, TransportSettings settings) {
        return FrameSocket.open(http, uri, heard, settings).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private FrameSocket openToHub(Heard heard) {
        return open(HubAddress.parse("127.0.0.1:" + hub.port()).ws(), heard, TransportSettings.of(WAIT));
    }

    @Test
    void frames_sent_from_many_threads_go_out_whole_and_in_order_per_thread() throws Exception {
        Heard heard = new Heard();
        FrameSocket socket = openToHub(heard);

        socket.send("{\"type\":\"auth\",\"name\":\"transport-order\"}");
        List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    writes.add(socket.send("{\"type\":\"ping\"}"));
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        // Had a ping overtaken the auth frame, the hub would have answered it with an error.
        assertThat(await(() -> heard.count("pong") == 100)).as("%s", heard.frames).isTrue();
        assertThat(heard.frames.get(0)).contains("\"type\":\"auth_ok\"");
        assertThat(heard.count("error")).isZero();
        socket.abort(new IOException("test done"));
    }

    @Test
    void close_sends_a_close_after_the_queued_frames_and_the_listener_hears_the_end_once() throws Exception {
        Heard heard = new Heard();
        FrameSocket socket = openToHub(heard);
        socket.send("{\"type\":\"auth\",\"name\":\"transport-close\"}");
        // The hub answers frames sent after auth once its replay of what was missed is done: the first pong
        // says so; the second ping is then answered in turn, before the close that follows it.
        socket.send("{\"type\":\"ping\"}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heard.count("pong") < 1 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        socket.send("{\"type\":\"ping\"}");

        socket.close(WAIT).get(10, TimeUnit.SECONDS);
        socket.close(WAIT).get(10, TimeUnit.SECONDS);

        assertThat(heard.count("pong")).as("%s", heard.frames).isEqualTo(2);
        assertThat(heard.cause.getNow(null)).hasMessageContaining("the hub closed the connection (1000");
        assertThat(heard.closes).hasValue(1);
        assertThatThrownBy(() -> socket.send("{\"type\":\"ping\"}").join()).hasMessageContaining("closing");
    }

    @Test
    void abort_ends_the_socket_at_once_with_the_given_cause() throws Exception {
        Heard heard = new Heard();
        FrameSocket socket = openToHub(heard);

        socket.abort(new IOException("given up"));
        socket.abort(new IOException("again"));

        assertThat(socket.ended()).isDone();
        assertThat(heard.cause.getNow(null)).hasMessage("given up");
        assertThat(heard.closes).hasValue(1);
        assertThatThrownBy(() -> socket.send("{}").join()).hasMessageContaining("aborted");
    }

    @Test
    void a_fragmented_text_message_reaches_the_listener_whole() throws Exception {
        try (RawPeer peer = new RawPeer()) {
            Heard heard = new Heard();
            FrameSocket socket = open(peer.uri(), heard, TransportSettings.of(WAIT));

            peer.sendFragments("{\"type\":", "\"mess", "age\"}");
            peer.sendFragments("{\"type\":\"pong\"}");

            assertThat(await(() -> heard.frames.size() == 2)).as("%s", heard.frames).isTrue();
            assertThat(heard.frames).containsExactly("{\"type\":\"message\"}", "{\"type\":\"pong\"}");
            socket.abort(new IOException("test done"));
        }
    }

    @Test
    void a_peer_that_sends_nothing_for_the_silence_limit_is_dropped() throws Exception {
        try (RawPeer peer = new RawPeer()) {
            Heard heard = new Heard();
            long start = System.nanoTime();
            open(peer.uri(), heard, TransportSettings.of(WAIT).withSilenceLimit(Duration.ofMillis(300), timer));

            Throwable cause = heard.cause.get(10, TimeUnit.SECONDS);

            assertThat(cause).hasMessage("nothing from the hub for 300 ms");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        }
    }

    @Test
    void a_frame_that_arrives_in_time_keeps_a_socket_with_a_silence_limit_open() throws Exception {
        try (RawPeer peer = new RawPeer()) {
            Heard heard = new Heard();
            FrameSocket socket = open(peer.uri(), heard,
                    TransportSettings.of(WAIT).withSilenceLimit(Duration.ofMillis(600), timer));
            long opened = System.nanoTime();

            for (int i = 0; i < 4; i++) {
                Thread.sleep(200); // the silence limit is about time passing: nothing to await instead
                peer.sendFragments("{\"type\":\"presence\"}");
            }

            assertThat(await(() -> heard.frames.size() == 4)).isTrue();
            assertThat(heard.closes).as("open for %d ms", (System.nanoTime() - opened) / 1_000_000).hasValue(0);
            socket.abort(new IOException("test done"));
        }
    }

    @Test
    void a_peer_that_reads_nothing_gets_the_socket_aborted_at_the_write_limit() throws Exception {
        try (RawPeer peer = new RawPeer()) {
            Heard heard = new Heard();
            FrameSocket socket = open(peer.uri(), heard, TransportSettings.of(WAIT).withWriteLimit(256 * 1024));
            String frame = "{\"body\":\"" + "x".repeat(64 * 1024) + "\"}";

            // The kernel's buffers take the first megabytes; then writes stall and the queue reaches the limit.
            for (int i = 0; i < 100_000 && !socket.ended().isDone(); i++) {
                socket.send(frame);
            }

            assertThat(heard.cause.get(10, TimeUnit.SECONDS)).isInstanceOf(WriteChain.Overflow.class)
                    .hasMessageContaining("the peer is not reading");
            assertThat(heard.closes).hasValue(1);
        }
    }

    @Test
    void an_address_nobody_listens_at_fails_the_open() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Heard heard = new Heard();

        CompletableFuture<FrameSocket> opening = FrameSocket.open(http, URI.create("ws://127.0.0.1:" + port + "/ws"),
                heard, TransportSettings.of(WAIT));

        assertThatThrownBy(() -> opening.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ConnectException.class);
        assertThat(heard.closes).hasValue(0);
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
