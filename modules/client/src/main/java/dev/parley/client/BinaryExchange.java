package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One request whose body or answer is bytes, not JSON text (a file up or down), over {@link HttpURLConnection}:
 * the body is sent with its length known ({@code setFixedLengthStreamingMode}), so the hub can refuse an oversized
 * file from its {@code Content-Length} before reading it. Stateless.
 */
final class BinaryExchange {
    /** The answer: status, bytes, and (for an error) the same as text. */
    record Reply(int status, byte[] body, String contentType, String contentDisposition) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private BinaryExchange() {}

    static Reply exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(timeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                } catch (IOException refusedMidway) {
                    // The hub may answer (413) and close before the whole body is sent: its answer is what counts.
                }
            }
            int status = connection.getResponseCode();
            byte[] bytes;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Reply(status, bytes, connection.getContentType(),
                    connection.getHeaderField("Content-Disposition"));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }
}
