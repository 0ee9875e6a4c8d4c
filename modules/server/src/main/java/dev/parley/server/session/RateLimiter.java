package dev.parley.server.session;

/**
 * A token bucket per connection: {@code perSecond} frames a second on average, bursts up to
 * {@code burst}. The defaults let a machine-speed agent send thousands of messages a second;
 * stricter limits are configuration. Not thread-safe: a connection's frames arrive on one thread
 * at a time.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
    }

    /** Takes one token; false when the bucket is empty. */
    public boolean tryAcquire() {
        if (perSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
