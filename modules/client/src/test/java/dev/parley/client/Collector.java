package dev.parley.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A listener that keeps what it is given and lets a test wait (without sleeping) for enough of it. */
final class Collector<T> implements Consumer<T> {
    private final List<T> items = new ArrayList<>();

    @Override
    public synchronized void accept(T item) {
        items.add(item);
        notifyAll();
    }

    synchronized List<T> items() {
        return List.copyOf(items);
    }

    /** Waits until at least {@code count} items arrived; fails the test after {@code timeout}. */
    synchronized List<T> awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (items.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " items within " + timeout + ", got " + items.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(items);
    }

    /** Waits for the first item that matches. */
    synchronized T awaitMatch(Predicate<? super T> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (T item : items) {
                if (match.test(item)) {
                    return item;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching item within " + timeout + "; got " + items);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
