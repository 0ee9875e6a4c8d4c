package dev.parley.client.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A misbehaving WebSocket peer on a loopback port: it accepts one upgrade and then reads nothing
 * more, writing only what a test tells it to. Stands in for a hung or half-dead hub.
 */
final class RawPeer implements AutoCloseable {
    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private final ServerSocket server;
    private final CompletableFuture<Socket> upgraded = new CompletableFuture<>();

    RawPeer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptOne, "raw-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
    }

    /** Writes a text message in parts, as fragmented WebSocket frames (the first a text frame, the rest continuations). */
    void sendFragments(String... parts) throws Exception {
        OutputStream out = upgraded.get().getOutputStream();
        for (int i = 0; i < parts.length; i++) {
            byte[] payload = parts[i].getBytes(StandardCharsets.UTF_8);
            int opcode = i == 0 ? 0x1 : 0x0;
            int fin = i == parts.length - 1 ? 0x80 : 0;
            out.write(fin | opcode);
            out.write(payload.length); // unmasked, under 126 bytes
            out.write(payload);
        }
        out.flush();
    }

    private void acceptOne() {
        try {
            Socket socket = server.accept();
            String request = readHead(socket.getInputStream());
            Matcher key = KEY.matcher(request);
            if (!key.find()) {
                throw new IOException("no Sec-WebSocket-Key in " + request);
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            upgraded.complete(socket);
        } catch (IOException | NoSuchAlgorithmException e) {
            upgraded.completeExceptionally(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client hung up during the handshake");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        upgraded.thenAccept(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        });
        server.close();
    }
}
