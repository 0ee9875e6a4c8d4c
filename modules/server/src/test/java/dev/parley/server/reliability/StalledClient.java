package dev.parley.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.WebSocketWire;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client on a plain {@link Socket}, written by hand so that it can do what no
 * library client does: stop reading. After the upgrade and one frame it leaves everything the hub
 * sends in the socket (with a small receive buffer, so the hub's writes stall quickly), until a
 * test {@link #drain()}s it.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Frames read by {@link #drain()}, and the close code the hub sent (-1: none, the socket just ended). */
    record Drained(List<JsonNode> frames, int closeCode) {}

    private StalledClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to ws://host:port/ws, upgrades, and sends one text frame (e.g. an auth). */
    static StalledClient open(String host, int port, String firstFrame) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the TCP window starts small
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        StalledClient client = new StalledClient(socket);
        client.upgrade(host, port);
        client.sendText(firstFrame);
        return client;
    }

    private void upgrade(String host, int port) throws IOException {
        WebSocketWire.upgrade(out, in, host, port, "");
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        out.write(frame(text));
        out.flush();
    }

    /**
     * Sends the same frame {@code times} times in one write, so the hub reads them all at once (a
     * connection whose writes are stuck may not be read from again).
     */
    void sendBurst(String text, int times) throws IOException {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            burst.write(frame(text));
        }
        out.write(burst.toByteArray());
        out.flush();
    }

    private static byte[] frame(String text) {
        return WebSocketWire.clientFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #sendText}, but false instead of an exception once the hub closed the connection. */
    boolean trySendText(String text) {
        try {
            sendText(text);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /**
     * Reads everything the hub sent, until its close frame or the end of the stream (each read waits
     * at most 10 s, so a hub that neither sends nor closes fails the test instead of hanging it).
     */
    Drained drain() throws IOException {
        List<JsonNode> frames = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                WebSocketWire.Frame frame = WebSocketWire.read(in); // EOFException at the end of the stream
                int opcode = frame.opcode();
                boolean fin = frame.fin();
                byte[] payload = frame.payload();
                if (opcode == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    return new Drained(frames, code);
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.write(payload);
                    if (fin) {
                        frames.add(Json.mapper().readTree(message.toString(StandardCharsets.UTF_8)));
                        message.reset();
                    }
                }
                // Pings (0x9) and pongs (0xA) carry nothing for the test.
            }
        } catch (EOFException | java.net.SocketException ended) {
            return new Drained(frames, -1);
        } catch (SocketTimeoutException stuck) {
            throw new AssertionError("the hub neither sent nor closed for 10 s; " + frames.size() + " frames read",
                    stuck);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
