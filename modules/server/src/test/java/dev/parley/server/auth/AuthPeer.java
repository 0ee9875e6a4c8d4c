package dev.parley.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.ParleyCli;
import dev.parley.cli.output.Terminal;
import dev.parley.protocol.Json;
import dev.parley.testing.RawSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What the auth tests do as peers of a real hub on 127.0.0.1: one-shot socket auths, REST sends, CLI runs. */
final class AuthPeer {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AuthPeer() {}

    /** {@code {"type":"auth","name":name}} plus {@code key} when not null. */
    static ObjectNode auth(String name, String key) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", "auth").put("name", name);
        return key == null ? frame : frame.put("key", key);
    }

    /** Connects, sends one frame, returns the answer ({@code auth_ok}, {@code register_ok} or {@code error}), closes. */
    static JsonNode once(int port, ObjectNode frame) {
        try (RawSocket client = RawSocket.connect(port)) {
            client.send(frame);
            return answer(client);
        }
    }

    /** The first auth_ok, register_ok or error the client received. */
    static JsonNode answer(RawSocket client) {
        return client.await(f -> f.path("type").asText().matches("auth_ok|register_ok|error"), WAIT);
    }

    /** A REST send to general as {@code sender}, with {@code X-Parley-Key} when key is not null. */
    static HttpResponse<String> send(int port, String sender, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().createObjectNode().put("sender", sender)
                        .put("channel", "general").put("body", "hi").toString()));
        if (key != null) {
            request.header("X-Parley-Key", key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String code(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body()).path("code").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one in-process run of {@code parley} printed. */
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\n" + err, e);
            }
        }
    }

    /** Runs the {@code parley} CLI in this JVM (its real code path) on a database beside the running hub. */
    static Run cli(Path db, int port, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        Map<String, String> env = Map.of("PARLEY_DB", db.toString(), "PARLEY_HOME", db.getParent().toString(),
                "PARLEY_SERVER_URL", "http://127.0.0.1:" + port);
        int code = ParleyCli.run(args, terminal, env);
        terminal.flush();
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Waits until the condition holds (polling, no fixed sleep), failing after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
