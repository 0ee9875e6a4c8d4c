package dev.parley.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** REST over the JDK's {@link HttpClient}: what a {@link ParleyClient} uses, sharing the client its WebSocket has. */
final class JdkRestTransport implements RestTransport {
    private static final String NEXT = "X-Parley-Next";

    private final HttpClient http;
    private final Duration timeout;

    JdkRestTransport(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public Reply exchange(String method, URI uri, Map<String, String> headers, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue(NEXT).orElse(null));
    }
}
