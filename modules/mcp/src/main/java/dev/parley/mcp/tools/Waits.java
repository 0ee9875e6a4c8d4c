package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.mcp.hub.Inbox;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting on the inbox for a tool call: in slices of 10 s with a progress notification between
 * them, so hosts that reset their timeout on progress keep waiting through a long call.
 */
final class Waits {
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Waits() {}

    /** {@link Inbox#take} for up to {@code timeoutSeconds}; {@code what} is the progress message. */
    static Inbox.Taken take(Inbox inbox, Predicate<JsonNode> match, int max, double timeoutSeconds,
                            Supplier<String> abort, ParleyTool.Progress progress, String what) {
        long start = System.nanoTime();
        long deadline = start + (long) (timeoutSeconds * 1e9);
        while (true) {
            long slice = Math.min(deadline, System.nanoTime() + PROGRESS_EVERY_NANOS);
            Inbox.Taken taken = inbox.take(match, max, slice, abort);
            if (!taken.timedOut() || System.nanoTime() >= deadline) {
                return taken;
            }
            progress.report((System.nanoTime() - start) / 1e9, timeoutSeconds, what);
        }
    }
}
