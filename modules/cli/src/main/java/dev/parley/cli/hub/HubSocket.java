package dev.parley.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.JsonText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket to the hub's {@code /ws}, read as a queue of JSON frames (the JDK client, no dependency).
 *
 * <p>Threads: the JDK's listener thread assembles frames and puts them on an unbounded queue; one caller thread
 * takes them with {@link #next}. {@link #send} may be called from that caller thread.
 *
 * <pre>try (HubSocket socket = HubSocket.connect("http://localhost:9700")) { socket.send(auth); ... }</pre>
 */
public final class HubSocket implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** A frame, or the end of the connection (frame null, reason says why). */
    public record Event(JsonNode frame, String closedReason) {
        public boolean closed() {
            return frame == null;
        }
    }

    private final BlockingQueue<Event> events;
    private final WebSocket socket;

    private HubSocket(BlockingQueue<Event> events, WebSocket socket) {
        this.events = events;
        this.socket = socket;
    }

    /** Opens {@code <baseUrl>/ws}; a hub that does not answer is {@link Exit#HUB_UNREACHABLE}. */
    public static HubSocket connect(String baseUrl) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws");
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(uri, new Frames(events)).get(CONNECT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            return new HubSocket(events, socket);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new CliException(Exit.HUB_UNREACHABLE, HubHttp.unreachable(baseUrl, cause instanceof java.io.IOException io
                    ? HubHttp.describe(io) : String.valueOf(cause)), cause);
        } catch (TimeoutException e) {
            throw new CliException(Exit.HUB_UNREACHABLE, HubHttp.unreachable(baseUrl, "no WebSocket handshake"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.UNEXPECTED, "interrupted while connecting");
        }
    }

    /** Sends one frame. */
    public void send(ObjectNode frame) {
        try {
            socket.sendText(JsonText.write(frame), true).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(Exit.HUB_UNREACHABLE, "lost the connection to the hub while sending: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.UNEXPECTED, "interrupted while sending");
        }
    }

    /** The next frame or the end of the connection; blocks. */
    public Event next() throws InterruptedException {
        return events.take();
    }

    /**
     * Waits for the first frame of a type, skipping others; an {@code error} frame fails with its exit code.
     *
     * @throws CliException {@link Exit#HUB_UNREACHABLE} when the socket closes or nothing comes in time
     */
    public JsonNode await(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new CliException(Exit.HUB_UNREACHABLE, "the hub did not answer with '" + type + "' within "
                        + timeout.toSeconds() + "s");
            }
            if (event.closed()) {
                throw new CliException(Exit.HUB_UNREACHABLE, "the hub closed the connection: " + event.closedReason());
            }
            String frameType = event.frame().path("type").asText();
            if (frameType.equals(type)) {
                return event.frame();
            }
            if (frameType.equals("error")) {
                throw HubErrors.ofFrame(event.frame());
            }
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
        }
        socket.abort();
    }

    /** The JDK listener: assembles text frames and queues them as JSON. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<Event> events;
        private final StringBuilder partial = new StringBuilder();

        Frames(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    events.add(new Event(JsonText.parse(text), null));
                } catch (java.io.IOException e) {
                    events.add(new Event(null, "the hub sent a frame that is not JSON"));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Event(null, "closed (" + statusCode + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Event(null, error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName()));
        }
    }
}
