package dev.parley.mcp.tools;

import dev.parley.client.Message;
import dev.parley.client.ParleyClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waiting on the inbox for a tool call: in slices of 10 s with a progress notification between
 * them, so hosts that reset their timeout on progress keep waiting through a long call.
 */
final class Waits {
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Waits() {}

    /**
     * {@link ParleyClient#take} for up to {@code timeoutSeconds}; empty on timeout or once {@code stop}
     * holds. {@code what} is the progress message.
     */
    static List<Message> take(ParleyClient client, Predicate<Message> match, int max, double timeoutSeconds,
                              BooleanSupplier stop, ParleyTool.Progress progress, String what) {
        long start = System.nanoTime();
        long deadline = start + (long) (timeoutSeconds * 1e9);
        try {
            while (true) {
                long slice = Math.min(deadline - System.nanoTime(), PROGRESS_EVERY_NANOS);
                List<Message> taken = client.take(match, max, Duration.ofNanos(Math.max(0, slice)), stop);
                if (!taken.isEmpty() || stop.getAsBoolean() || System.nanoTime() >= deadline) {
                    return taken;
                }
                progress.report((System.nanoTime() - start) / 1e9, timeoutSeconds, what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolError("interrupted");
        }
    }
}
