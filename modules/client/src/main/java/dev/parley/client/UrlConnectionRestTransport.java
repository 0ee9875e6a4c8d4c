package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * REST over {@link HttpURLConnection}, for processes that live for one command ({@link HubHttp#of}, the CLI).
 *
 * <p>Why not the JDK's {@code HttpClient}: it starts a selector thread and sets up TLS even for {@code http://},
 * about 1,000 more classes to load; measured on the 2-core dev machine, that was half a second of a
 * {@code parley send}. {@code HttpURLConnection} cannot send {@code PATCH}, so those go through an
 * {@code HttpClient} made on first need. Thread-safe: each request has its own connection object (the JDK
 * reuses the socket).
 */
final class UrlConnectionRestTransport implements RestTransport {
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private RestTransport patches;

    UrlConnectionRestTransport(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Reply exchange(String method, URI uri, Map<String, String> headers, String body) throws IOException,
            InterruptedException {
        if (method.equals("PATCH")) {
            return patches().exchange(method, uri, headers, body);
        }
        // No proxy, as the JDK's HttpClient has none unless told.
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(requestTimeout.toMillis()));
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                // No streaming mode: with it, HttpURLConnection drops the body of a 401 answer (the hub's reason).
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            String text;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Reply(status, text, connection.getHeaderField("X-Parley-Next"));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private synchronized RestTransport patches() {
        if (patches == null) {
            patches = new JdkRestTransport(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout).build(), requestTimeout);
        }
        return patches;
    }
}
