package dev.parley.server.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.HubConfig;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.WebSocketWire;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * permessage-deflate (RFC 7692) is declined by default and accepted with {@code --ws-compression}, seen from a
 * client that offers it as browsers, Python {@code websockets} and Node {@code ws} do: the handshake over a raw
 * socket (the JDK's WebSocket client may not set {@code Sec-WebSocket-Extensions}), then an {@code auth} and its
 * {@code auth_ok}, deflated or not as negotiated.
 */
class WsCompressionTest {
    private static final String OFFER = "permessage-deflate; client_max_window_bits";

    @TempDir
    Path dir;

    @Test
    void an_offer_of_permessage_deflate_is_declined_by_default_and_plain_frames_flow() throws Exception {
        try (InProcessHub hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0));
             Socket socket = new Socket("127.0.0.1", hub.port())) {
            List<String> headers = handshake(socket, hub.port());
            assertThat(headers.get(0)).contains("101");
            assertThat(headers).noneMatch(h -> h.toLowerCase().startsWith("sec-websocket-extensions"));

            writeFrame(socket.getOutputStream(), "{\"type\":\"auth\",\"name\":\"plain\"}", false);
            Frame answer = readFrame(new DataInputStream(socket.getInputStream()));
            assertThat(answer.compressed()).isFalse();
            assertThat(answer.text()).contains("\"type\":\"auth_ok\"");
        }
    }

    @Test
    void with_ws_compression_the_offer_is_accepted_and_deflated_frames_flow_both_ways() throws Exception {
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withWsCompression(true);
        try (InProcessHub hub = InProcessHub.start(config);
             Socket socket = new Socket("127.0.0.1", hub.port())) {
            List<String> headers = handshake(socket, hub.port());
            assertThat(headers.get(0)).contains("101");
            assertThat(headers).anyMatch(h -> h.toLowerCase().startsWith("sec-websocket-extensions")
                    && h.contains("permessage-deflate"));

            writeFrame(socket.getOutputStream(), "{\"type\":\"auth\",\"name\":\"squeezed\"}", true);
            Frame answer = readFrame(new DataInputStream(socket.getInputStream()));
            assertThat(answer.compressed()).isTrue();
            assertThat(answer.text()).contains("\"type\":\"auth_ok\"");
        }
    }

    private static List<String> handshake(Socket socket, int port) throws IOException {
        String head = WebSocketWire.upgrade(socket.getOutputStream(), socket.getInputStream(), "127.0.0.1", port,
                "Sec-WebSocket-Extensions: " + OFFER + "\r\n");
        return head.strip().lines().toList();
    }

    /** One masked client text frame; deflated (RSV1) as RFC 7692 says: raw deflate, sync flush, tail dropped. */
    private static void writeFrame(OutputStream out, String text, boolean deflate) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (deflate) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(payload);
            byte[] buffer = new byte[payload.length + 64];
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            deflater.end();
            payload = java.util.Arrays.copyOf(buffer, n - 4); // without 00 00 ff ff
        }
        out.write(WebSocketWire.clientFrame(0x80 | (deflate ? 0x40 : 0) | 0x1, payload));
        out.flush();
    }

    private record Frame(boolean compressed, String text) {}

    private static Frame readFrame(DataInputStream in) throws IOException, DataFormatException {
        WebSocketWire.Frame frame = WebSocketWire.read(in);
        byte[] payload = frame.payload();
        if (!frame.compressed()) {
            return new Frame(false, new String(payload, StandardCharsets.UTF_8));
        }
        Inflater inflater = new Inflater(true);
        byte[] tail = {0, 0, (byte) 0xff, (byte) 0xff};
        byte[] input = java.util.Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(tail, 0, input, payload.length, 4);
        inflater.setInput(input);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.needsInput()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && inflater.needsInput()) {
                break;
            }
            text.write(buffer, 0, n);
        }
        inflater.end();
        return new Frame(true, text.toString(StandardCharsets.UTF_8));
    }
}
