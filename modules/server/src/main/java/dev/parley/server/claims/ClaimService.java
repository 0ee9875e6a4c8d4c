package dev.parley.server.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.ops.Metrics;
import dev.parley.store.Claim;
import dev.parley.store.Claims;
import dev.parley.store.HubStore;
import dev.parley.store.NewMessage;
import dev.parley.store.StoreEvent;
import dev.parley.store.StoreEventListener;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims (leases) for every face: claim (grant, renew or refuse), release, list, and what ends them by itself —
 * expiry, and the holder's last session closing for a claim that asked for it. The store decides each claim in one
 * write task ({@link Claims}); this class gives it the hub's rules — what overlaps ({@link ResourcePattern}) and what
 * the announcement in the claimant's channel says — and runs the expiry timer.
 *
 * <p>Subscribe it to the store ({@link HubStore#subscribe}) for its expiry count. Owners: the {@code parley-claims} thread sweeps expired claims, one sweep scheduled at a time, at the earliest
 * expiry the store holds; grants move it earlier when they expire sooner. Nothing here blocks a request thread on the
 * disk: every write returns the store's future. Thread-safe.
 */
public final class ClaimService implements Claims.Rules, StoreEventListener, AutoCloseable {
    /** The {@code metadata} key of a claim's announcement message. */
    public static final String METADATA_KEY = "parley_claim";

    private static final Logger log = LoggerFactory.getLogger(ClaimService.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final HubStore store;
    private final Conversations conversations;
    private final ScheduledExecutorService timer;
    private final LongAdder granted;
    private final LongAdder refused;
    private final LongAdder expired;
    private ScheduledFuture<?> sweep; // guarded by this
    private Instant sweepAt; // guarded by this
    private volatile boolean closing;

    public ClaimService(HubStore store, Conversations conversations, Metrics metrics) {
        this.store = store;
        this.conversations = conversations;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-claims");
            thread.setDaemon(true);
            return thread;
        });
        this.granted = metrics.counter("parley_claims_granted_total", "Claims granted or renewed.");
        this.refused = metrics.counter("parley_claims_refused_total", "Claims refused: someone else held an overlap.");
        this.expired = metrics.counter("parley_claims_expired_total", "Claims that ran out before a release.");
        metrics.gauge("parley_claims_live", "Live claims.", () -> store.claims().live().size());
    }

    /** Starts the expiry timer for the claims the database already holds (a restart keeps them). */
    public void start() {
        timer.execute(this::rescheduleFromStore);
    }

    /**
     * Checks a claim {@code holder} asks for and makes the store's request of it: the channel, if named, must be one
     * the holder may post to. Stores nothing, so a face may check before it registers the holder.
     */
    public Claims.Request request(String holder, ClaimInput input) {
        String channelId = input.channel() == null ? null : conversations.postable(holder, input.channel()).channelId();
        return new Claims.Request(input.resource(), holder, input.note(), channelId, input.releaseOnDisconnect(),
                input.ttl());
    }

    /**
     * Claims a resource as {@link #request} made it, for a registered holder its caller checked may act so: granted,
     * renewed (claiming what one holds), or refused naming the holder of an overlap.
     */
    public CompletableFuture<Claims.Outcome> claim(Claims.Request request) {
        return store.claims().claim(request, this).thenApply(outcome -> {
            if (outcome instanceof Claims.Outcome.Granted grant) {
                granted.increment();
                sweepBy(grant.claim().expiresAt());
            } else {
                refused.increment();
            }
            return outcome;
        });
    }

    /** Releases one's own claim, named by its id or its resource; empty when one holds no such claim. */
    public CompletableFuture<Optional<Claim>> release(String holder, String claimIdOrResource) {
        return store.claims().release(holder, claimIdOrResource.strip(), this);
    }

    /** The live claims, oldest first: visible to everyone on the hub. */
    public List<Claim> live() {
        return store.claims().live();
    }

    /** A participant's last session closed: the claims it asked to end with it are released. */
    public void disconnected(String holder) {
        if (closing) {
            return; // the hub is stopping: a restart keeps every claim
        }
        store.claims().releaseOnDisconnect(holder, this).whenComplete((released, failure) -> {
            if (failure != null) {
                log.warn("releasing {}'s claims on disconnect failed: {}", holder, failure.getMessage());
            } else if (!released.isEmpty()) {
                log.info("{} disconnected: released {} claim(s)", holder, released.size());
            }
        });
    }

    /** Counts expiries, wherever the store met them (a sweep, or the write of a later claim). */
    @Override
    public void on(StoreEvent event) {
        if (event instanceof StoreEvent.ClaimChanged changed && changed.change() == Claim.Change.EXPIRED) {
            expired.increment();
        }
    }

    @Override
    public boolean overlap(String a, String b) {
        return ResourcePattern.overlap(a, b);
    }

    @Override
    public NewMessage announcement(Claim claim, Claim.Change change) {
        String what = "`" + claim.resource().replace("`", "'") + "`";
        String body = switch (change) {
            case GRANTED -> "claimed " + what + " until " + CLOCK.format(claim.expiresAt()) + note(claim);
            case RENEWED -> "renewed the claim on " + what + " until " + CLOCK.format(claim.expiresAt()) + note(claim);
            case RELEASED -> "released " + what;
            case EXPIRED -> "the claim on " + what + " ran out (held by " + claim.holder() + ")";
        };
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("event", change.wire());
        details.put("claim_id", claim.claimId());
        details.put("resource", claim.resource());
        details.put("holder", claim.holder());
        details.put("expires_at", claim.expiresAt().toString());
        if (!claim.note().isEmpty()) {
            details.put("note", claim.note());
        }
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.set(METADATA_KEY, details);
        return new NewMessage(claim.channelId(), claim.holder(), body, "system", "normal", null, metadata.toString(),
                null, null);
    }

    private static String note(Claim claim) {
        return claim.note().isEmpty() ? "" : ": " + claim.note();
    }

    /** Stops the timer; from now on a closing session releases nothing (a restart keeps the claims). */
    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
    }

    // ---- expiry ------------------------------------------------------------------------------------------------

    /** Makes sure a sweep runs no later than {@code at}. */
    private synchronized void sweepBy(Instant at) {
        if (closing || (sweepAt != null && !sweepAt.isAfter(at))) {
            return;
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis() + 1);
        try {
            sweep = timer.schedule(this::sweep, delay, TimeUnit.MILLISECONDS);
            sweepAt = at;
        } catch (RejectedExecutionException stopped) {
            sweep = null;
            sweepAt = null;
        }
    }

    private void sweep() {
        synchronized (this) {
            sweep = null;
            sweepAt = null;
        }
        store.claims().expire(this).whenComplete((gone, failure) -> {
            if (failure != null) {
                log.warn("expiring claims failed: {}", failure.getMessage());
                sweepBy(Instant.now().plusSeconds(1)); // try again shortly
                return;
            }
            try {
                timer.execute(this::rescheduleFromStore);
            } catch (RejectedExecutionException stopped) {
                // closing
            }
        });
    }

    private void rescheduleFromStore() {
        try {
            store.claims().nextExpiry().ifPresent(this::sweepBy);
        } catch (RuntimeException e) {
            log.warn("reading the next claim expiry failed: {}", e.getMessage());
        }
    }
}
