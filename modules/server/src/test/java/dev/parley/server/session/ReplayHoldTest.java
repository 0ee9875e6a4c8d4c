package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * While a session's replay runs, its answers and live messages wait in the Feed; that hold is bounded like the
 * session's queue, in frames and in bytes: a client that piles up more is closed as too slow, and what was held
 * is let go. Once the replay is done, what was held leaves in order.
 */
class ReplayHoldTest {
    /** A socket that records what it was given and how it was closed (the hold's bounds are the unit here). */
    private static final class RecordingTransport implements Transport {
        final List<String> sent = new ArrayList<>();
        int closeCode;

        @Override
        public synchronized void send(List<OutboundFrame> frames, Runnable onWritten, Consumer<Throwable> onFailed) {
            frames.forEach(f -> sent.add(f.text()));
            onWritten.run();
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int statusCode, String reason) {
            closeCode = statusCode;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public boolean isLoopback() {
            return true;
        }
    }

    private static Session session(RecordingTransport transport, int maxQueued, long maxBytes) {
        return new Session(transport, maxQueued, maxBytes, OutboundBudget.unlimited(), new RateLimiter(0, 0),
                WriteWindow.unlimited());
    }

    @Test
    void answers_held_during_the_replay_leave_after_it_in_order() {
        RecordingTransport transport = new RecordingTransport();
        Session session = session(transport, 100, 1 << 20);
        session.feed().beginReplay();
        session.send("{\"type\":\"pong\",\"n\":1}");
        session.feed().sendReplay("{\"type\":\"message\",\"seq\":1}", null);
        session.send("{\"type\":\"pong\",\"n\":2}");
        assertThat(transport.sent).containsExactly("{\"type\":\"message\",\"seq\":1}");

        session.feed().replayDone();
        assertThat(transport.sent).containsExactly("{\"type\":\"message\",\"seq\":1}", "{\"type\":\"pong\",\"n\":1}",
                "{\"type\":\"pong\",\"n\":2}");
    }

    @Test
    void more_held_bytes_than_the_queue_may_hold_close_the_session_as_too_slow() {
        RecordingTransport transport = new RecordingTransport();
        Session session = session(transport, 100, 4_000);
        session.feed().beginReplay();
        String answer = "{\"type\":\"pong\",\"pad\":\"" + "x".repeat(1_000) + "\"}";
        for (int i = 0; i < 3; i++) {
            session.send(answer);
        }
        assertThat(session.isClosed()).isFalse();
        session.send(answer);
        assertThat(session.isClosed()).isTrue();
        assertThat(transport.closeCode).isEqualTo(Session.CLOSE_POLICY);
        session.feed().replayDone();
        assertThat(transport.sent).as("nothing held is sent to a closed session").isEmpty();
    }

    @Test
    void more_held_frames_than_the_queue_may_hold_close_the_session_too() {
        RecordingTransport transport = new RecordingTransport();
        Session session = session(transport, 5, 1 << 20);
        session.feed().beginReplay();
        for (int i = 0; i < 5; i++) {
            session.send("{\"type\":\"pong\"}");
        }
        assertThat(session.isClosed()).isFalse();
        session.send("{\"type\":\"pong\"}");
        assertThat(session.isClosed()).isTrue();
    }
}
