package dev.parley.client;

/** A registered listener; {@link #close()} removes it. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Stops delivering events to the listener. */
    @Override
    void close();
}
