package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.transport.FrameListener;
import dev.parley.client.transport.FrameSocket;
import dev.parley.client.transport.TransportSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code register} on a connection of its own: open, send {@code register}, take {@code register_ok}
 * (or the hub's {@code error}), close. The participant never goes online, unlike with {@code auth}.
 *
 * <p>Threads: the caller blocks in {@link #register}; the connection's reader completes the answer.
 */
final class Registrar implements FrameListener {
    private final CompletableFuture<Registration> answer = new CompletableFuture<>();
    private final URI hubAddress;

    private Registrar(URI hubAddress) {
        this.hubAddress = hubAddress;
    }

    /**
     * Registers the settings' participant with its profile and credentials.
     *
     * @throws ParleyException {@code unreachable}, {@code timeout}, or the hub's code ({@code auth_failed},
     *                         {@code bad_name}, ...)
     */
    static Registration register(ClientSettings settings, Credentials credentials, HttpClient http) {
        Registrar registrar = new Registrar(settings.serverUri());
        ObjectNode frame = settings.introduction("register", credentials);
        Duration connect = settings.connectTimeout();
        Duration timeout = connect;
        FrameSocket socket = null;
        try {
            socket = FrameSocket.open(http, settings.socketUri(), registrar, TransportSettings.of(connect))
                    .get(connect.toMillis() * 2, TimeUnit.MILLISECONDS);
            socket.send(Wire.text(frame));
            timeout = settings.requestTimeout();
            Registration registration = registrar.answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            credentials.issued(registration.key());
            return registration;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ParleyException parley ? parley
                    : HubHttp.unreachable(settings.serverUri(), e.getCause());
        } catch (TimeoutException e) {
            throw new ParleyException(ParleyException.TIMEOUT, "register: no answer from the hub at "
                    + settings.serverUri() + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ParleyException.INTERRUPTED, "register interrupted", e);
        } finally {
            if (socket != null) {
                socket.close(Duration.ofSeconds(2)); // polite and not awaited: the answer is in
            }
        }
    }

    @Override
    public void onFrame(FrameSocket socket, String text) {
        JsonNode frame;
        try {
            frame = Wire.parse(text);
        } catch (ParleyException notJson) {
            answer.completeExceptionally(notJson);
            return;
        }
        switch (frame.path("type").asText()) {
            case "register_ok" -> answer.complete(new Registration(Wire.string(frame, "name"),
                    frame.path("is_new").asBoolean(false), Wire.string(frame, "key")));
            case "error" -> answer.completeExceptionally(new ParleyException(frame.path("code").asText("bad_answer"),
                    frame.path("detail").asText("the hub refused the registration")));
            default -> { } // the hub may greet or ping first
        }
    }

    /** Once answered, this is the close that follows; before, the hub or the network dropped the socket. */
    @Override
    public void onClosed(FrameSocket socket, Throwable cause) {
        answer.completeExceptionally(HubHttp.unreachable(hubAddress, cause));
    }
}
