package dev.parley.client.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How a {@link FrameSocket} behaves.
 *
 * @param connectTimeout  limit for the TCP connect and the WebSocket handshake
 * @param writeLimitBytes most text that may wait to be written (counted in chars, which is its size for the
 *                        ASCII JSON hubs mostly send); a send beyond it aborts the socket, since a peer that
 *                        reads nothing for that long is as good as dead and dropping one frame in the middle
 *                        would leave a gap
 * @param silenceLimit    a socket that receives no frame at all (text, ping, pong) for this long is aborted;
 *                        {@link Duration#ZERO} for no limit
 * @param timer           runs the silence checks; needed only with a silence limit
 */
public record TransportSettings(Duration connectTimeout, long writeLimitBytes, Duration silenceLimit,
                                ScheduledExecutorService timer) {
    /** The write limit unless set otherwise: 16 MiB. */
    public static final long DEFAULT_WRITE_LIMIT = 16L << 20;

    /** Checks the values. */
    public TransportSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(silenceLimit, "silenceLimit");
        if (writeLimitBytes < 1) {
            throw new IllegalArgumentException("the write limit must be positive, not " + writeLimitBytes);
        }
        if (silenceLimit.isNegative() || !silenceLimit.isZero() && timer == null) {
            throw new IllegalArgumentException("a silence limit must be positive and needs a timer");
        }
    }

    /** The default write limit and no silence limit. */
    public static TransportSettings of(Duration connectTimeout) {
        return new TransportSettings(connectTimeout, DEFAULT_WRITE_LIMIT, Duration.ZERO, null);
    }

    /** These settings with another write limit. */
    public TransportSettings withWriteLimit(long bytes) {
        return new TransportSettings(connectTimeout, bytes, silenceLimit, timer);
    }

    /** These settings with a silence limit, checked on {@code checker}. */
    public TransportSettings withSilenceLimit(Duration limit, ScheduledExecutorService checker) {
        return new TransportSettings(connectTimeout, writeLimitBytes, limit, checker);
    }
}
