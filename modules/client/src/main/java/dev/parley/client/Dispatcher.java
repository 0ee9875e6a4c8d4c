package dev.parley.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the caller: to listeners on one event thread, in arrival order, and messages also
 * to the inbox for {@link ParleyClient#next(Duration)}.
 *
 * <p>The reader thread only queues here and never waits for a listener, so a slow or blocked
 * listener delays later events but loses none, and cannot stall {@code sent} answers or replies
 * (a listener may itself call {@code send} or {@code request}). The queues are unbounded: memory,
 * not the socket, absorbs a slow consumer.
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
    private final BlockingQueue<Message> inbox;
    private final Consumer<Message> handedOver;
    private final Thread thread;

    /**
     * @param inbox      whether messages are also kept for {@code next}/{@code poll}
     * @param handedOver told of each message once the caller has it
     */
    Dispatcher(String name, boolean inbox, Consumer<Message> handedOver) {
        this.inbox = inbox ? new LinkedBlockingQueue<>() : null;
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

    /** Queues an event for the listeners. */
    void event(ParleyEvent event) {
        events.add(() -> deliver(event));
    }

    /** Queues a message for the listeners, then the inbox. */
    void message(Message message) {
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
        return taken(requireInbox().poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    Message poll() {
        return taken(requireInbox().poll());
    }

    List<Message> drain(int max) {
        List<Message> taken = new ArrayList<>();
        requireInbox().drainTo(taken, max);
        taken.forEach(handedOver);
        return taken;
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

    private Message taken(Message message) {
        if (message != null) {
            handedOver.accept(message);
        }
        return message;
    }

    private BlockingQueue<Message> requireInbox() {
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
