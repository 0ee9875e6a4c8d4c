package dev.parley.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the caller: to listeners on one event thread, in arrival order, and messages also
 * to the inbox for {@link ParleyClient#next(Duration)}.
 *
 * <p>The reader thread only queues here and never waits for a listener, so a slow or blocked
 * listener delays later events but loses none, and cannot stall {@code sent} answers or replies
 * (a listener may itself call {@code send} or {@code request}). The event queue is unbounded; the
 * {@link Inbox} is bounded and says what happens when it is full.
 *
 * <p>A message counts as handed over (and may be acked) once every listener returned and, when the
 * inbox is on, once it was taken from the inbox.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Runnable STOP = () -> {};

    private record Listener<E extends ParleyEvent>(Class<E> type, Consumer<? super E> consumer) {
        void offer(ParleyEvent event) {
            if (type.isInstance(event)) {
                consumer.accept(type.cast(event));
            }
        }
    }

    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();
    private final Inbox inbox;
    private final Consumer<Message> handedOver;
    private final Thread thread;

    /**
     * @param inbox      where messages are also kept for {@code next}/{@code take}, or null to hand
     *                   them over once the listeners returned
     * @param handedOver told of each message once the caller has it (when there is no inbox)
     */
    Dispatcher(String name, Inbox inbox, Consumer<Message> handedOver) {
        this.inbox = inbox;
        this.handedOver = handedOver;
        this.thread = new Thread(this::run, "parley-" + name + "-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    <E extends ParleyEvent> Subscription listen(Class<E> type, Consumer<? super E> consumer) {
        Listener<E> listener = new Listener<>(type, consumer);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Queues an event for the listeners; then a waiting copy of an edited or deleted message is
     * updated, and blocked takers re-check their stop condition.
     */
    void event(ParleyEvent event) {
        events.add(() -> {
            deliver(event);
            if (inbox != null) {
                if (event instanceof EditEvent edit) {
                    inbox.edited(edit.message());
                } else if (event instanceof DeleteEvent delete) {
                    inbox.deleted(delete.messageId());
                }
                inbox.nudge();
            }
        });
    }

    /** Whether a message may come in now (reader thread); see {@link Inbox} for overflow. */
    boolean hasRoomFor(Message message, boolean replayable) {
        return inbox == null || inbox.hasRoomFor(message, replayable);
    }

    /** Queues a message for the listeners, then the inbox. */
    void message(Message message) {
        if (inbox != null) {
            inbox.reserve(message);
        }
        events.add(() -> {
            deliver(message);
            if (inbox != null) {
                inbox.add(message);
            } else {
                handedOver.accept(message);
            }
        });
    }

    Message next(Duration timeout) throws InterruptedException {
        List<Message> taken = take(m -> true, 1, timeout, () -> false);
        return taken.isEmpty() ? null : taken.get(0);
    }

    Message poll() {
        List<Message> taken = drain(1);
        return taken.isEmpty() ? null : taken.get(0);
    }

    List<Message> drain(int max) {
        try {
            return take(m -> true, max, Duration.ZERO, () -> true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a zero wait never waits; keep the flag for the caller
            return List.of();
        }
    }

    List<Message> take(Predicate<? super Message> match, int max, Duration timeout, BooleanSupplier stop)
            throws InterruptedException {
        return requireInbox().take(match, max, timeout.toNanos(), stop);
    }

    /** How many messages wait in the inbox (0 without one). */
    int waiting() {
        return inbox == null ? 0 : inbox.size();
    }

    /** A new connection authenticated (reader thread). */
    void reconnected() {
        if (inbox != null) {
            inbox.reconnected();
        }
    }

    /** Delivers what is queued (waiting at most {@code grace}), then stops the event thread. */
    void stop(Duration grace) {
        events.add(STOP);
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    private Inbox requireInbox() {
        if (inbox == null) {
            throw new IllegalStateException("the inbox is off (ParleyClientBuilder.inbox(false)); use listeners");
        }
        return inbox;
    }

    private void deliver(ParleyEvent event) {
        for (Listener<?> listener : listeners) {
            try {
                listener.offer(event);
            } catch (RuntimeException e) {
                log.warn("a listener failed on {}: {}", event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Runnable next = events.take();
                if (next == STOP) {
                    return;
                }
                next.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
