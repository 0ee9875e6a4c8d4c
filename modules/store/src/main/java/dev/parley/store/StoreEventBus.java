package dev.parley.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's one event stream: every listener hears every event, in subscription order. Completion thread only. */
final class StoreEventBus implements StoreEventListener {
    private static final Logger log = LoggerFactory.getLogger(StoreEventBus.class);

    private final List<StoreEventListener> listeners = new CopyOnWriteArrayList<>();

    void subscribe(StoreEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void on(StoreEvent event) {
        for (StoreEventListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                log.error("a store event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void commitEnded() {
        for (StoreEventListener listener : listeners) {
            try {
                listener.commitEnded();
            } catch (RuntimeException e) {
                log.error("a store event listener failed at the end of a commit", e);
            }
        }
    }
}
