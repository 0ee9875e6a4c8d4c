package dev.parley.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class WriteChainTest {
    /** Writes that finish only when the test says so, recording the order they started in. */
    private final List<String> started = new ArrayList<>();
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();

    private CompletableFuture<Void> write(String name) {
        started.add(name);
        CompletableFuture<Void> io = new CompletableFuture<>();
        inFlight.add(io);
        return io;
    }

    @Test
    void each_write_starts_only_after_the_one_before_finished_in_the_order_added() {
        WriteChain chain = new WriteChain(1_000);

        CompletableFuture<Void> first = chain.add(10, () -> write("a"));
        CompletableFuture<Void> second = chain.add(10, () -> write("b"));
        CompletableFuture<Void> third = chain.add(10, () -> write("c"));

        assertThat(started).containsExactly("a");
        inFlight.get(0).complete(null);
        assertThat(first).isCompleted();
        assertThat(started).containsExactly("a", "b");
        inFlight.get(1).completeExceptionally(new IllegalStateException("broken pipe"));
        assertThat(second).isCompletedExceptionally();
        assertThat(started).containsExactly("a", "b", "c");
        inFlight.get(2).complete(null);
        assertThat(third).isCompleted();
        assertThat(chain.waitingBytes()).isZero();
    }

    @Test
    void a_write_past_the_limit_is_refused_but_one_large_write_goes_when_nothing_waits() {
        WriteChain chain = new WriteChain(100);

        CompletableFuture<Void> large = chain.add(500, () -> write("large"));
        CompletableFuture<Void> refused = chain.add(1, () -> write("small"));

        assertThat(large).isNotDone();
        assertThat(refused).isCompletedExceptionally();
        assertThat(cause(refused)).isInstanceOf(WriteChain.Overflow.class).hasMessageContaining("limit of 100");
        assertThat(chain.waitingBytes()).isEqualTo(500);
        inFlight.get(0).complete(null);
        assertThat(chain.waitingBytes()).isZero();
        assertThat(chain.add(60, () -> write("fits"))).isNotDone();
        assertThat(chain.add(40, () -> write("fits too"))).isNotDone();
        assertThat(chain.add(1, () -> write("over"))).isCompletedExceptionally();
        assertThat(started).containsExactly("large", "fits");
    }

    @Test
    void after_the_end_queued_writes_still_run_and_new_ones_are_refused() {
        WriteChain chain = new WriteChain(1_000);
        CompletableFuture<Void> queued = chain.add(1, () -> write("queued"));

        chain.end("closing");
        CompletableFuture<Void> late = chain.add(1, () -> write("late"));
        inFlight.get(0).complete(null);

        assertThat(queued).isCompleted();
        assertThat(cause(late)).hasMessage("closing");
        assertThat(started).containsExactly("queued");
    }

    private static Throwable cause(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("the future succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
