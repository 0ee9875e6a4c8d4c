package dev.parley.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Claims (leases) in {@code claims}: who has which resource until when. Every grant, renewal, release and expiry is
 * one write task, so the check "does a live claim of someone else overlap?" and the insert can never interleave with
 * another claim's: of two racing claims that overlap, exactly one is granted. Each change leaves the store as a
 * {@link StoreEvent.ClaimChanged}, and, when the claim names a channel, as a message there — in the same transaction.
 *
 * <p>What overlaps and what the announcement says are the hub's rules ({@link Rules}), handed in by the caller; the
 * SQL lives here alone. Expired rows are deleted by the first write that meets them (and by {@link #expire}, which the
 * hub runs when the earliest claim falls due), so a read filters by time as well.
 */
public final class Claims {
    /** The most live claims one participant may hold. */
    public static final int MAX_PER_HOLDER = 100;
    /** The most live claims a hub keeps (a claim's overlap check reads them all). */
    public static final int MAX_LIVE = 10_000;

    /** The hub's rules for claims. */
    public interface Rules {
        /** Whether two resources overlap (claims of both by different holders conflict). */
        boolean overlap(String a, String b);

        /** The message announcing a change in the claim's channel, or null for none. */
        NewMessage announcement(Claim claim, Claim.Change change);
    }

    /** What a claimant asks for. */
    public record Request(String resource, String holder, String note, String channelId, boolean releaseOnDisconnect,
                          Duration ttl) {
        public Request {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(ttl, "ttl");
            note = note == null ? "" : note;
        }
    }

    /** The answer to a claim. */
    public sealed interface Outcome {
        /** Granted (or, for a resource the holder already had, renewed). */
        record Granted(Claim claim, boolean renewed) implements Outcome {}

        /** Refused: {@code heldBy} is a live claim of someone else that overlaps. */
        record Refused(Claim heldBy) implements Outcome {}
    }

    private static final String COLUMNS = "claim_id, resource, holder, note, channel_id, release_on_disconnect, "
            + "claimed_at, renewed_at, expires_at";

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final SqliteMessages messages;

    Claims(WriteQueue writes, ReaderPool reads, SqliteMessages messages) {
        this.writes = writes;
        this.reads = reads;
        this.messages = messages;
    }

    /** Claims a resource: granted, renewed (the holder had it: a new expiry, note and channel), or refused. */
    public CompletableFuture<Outcome> claim(Request request, Rules rules) {
        return writes.submit(sql -> {
            Instant now = Instant.now();
            expire(sql, now, rules);
            List<Claim> live = live(sql, now);
            Claim own = null;
            int held = 0;
            for (Claim claim : live) {
                if (claim.holder().equals(request.holder())) {
                    held++;
                    if (claim.resource().equals(request.resource())) {
                        own = claim;
                    }
                } else if (rules.overlap(claim.resource(), request.resource())) {
                    return new Outcome.Refused(claim);
                }
            }
            Instant expires = now.plus(request.ttl());
            if (own != null) {
                Claim renewed = new Claim(own.claimId(), own.resource(), own.holder(), request.note(),
                        request.channelId(), request.releaseOnDisconnect(), own.claimedAt(), now, expires);
                sql.update("UPDATE claims SET note = ?, channel_id = ?, release_on_disconnect = ?, renewed_at = ?, "
                                + "expires_at = ? WHERE claim_id = ?", renewed.note(), renewed.channelId(),
                        renewed.releaseOnDisconnect() ? 1 : 0, Timestamps.format(now), Timestamps.format(expires),
                        own.claimId());
                changed(sql, renewed, Claim.Change.RENEWED, rules);
                return new Outcome.Granted(renewed, true);
            }
            if (held >= MAX_PER_HOLDER) {
                throw new StoreException.NotAllowed(request.holder() + " already holds " + held
                        + " claims, the most one participant may; release some first");
            }
            if (live.size() >= MAX_LIVE) {
                throw new StoreException.NotAllowed("the hub holds " + live.size() + " live claims, the most it keeps; "
                        + "retry once some are released or expire");
            }
            Claim granted = new Claim(Ids.claimId(), request.resource(), request.holder(), request.note(),
                    request.channelId(), request.releaseOnDisconnect(), now, now, expires);
            sql.update("INSERT INTO claims(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", granted.claimId(),
                    granted.resource(), granted.holder(), granted.note(), granted.channelId(),
                    granted.releaseOnDisconnect() ? 1 : 0, Timestamps.format(now), Timestamps.format(now),
                    Timestamps.format(expires));
            changed(sql, granted, Claim.Change.GRANTED, rules);
            return new Outcome.Granted(granted, false);
        });
    }

    /**
     * Releases the holder's live claim named by its id or its resource; empty when the holder has no such claim
     * (never released: someone else's, expired, or unknown).
     */
    public CompletableFuture<Optional<Claim>> release(String holder, String claimIdOrResource, Rules rules) {
        return writes.submit(sql -> {
            Instant now = Instant.now();
            expire(sql, now, rules);
            Optional<Claim> claim = sql.one("SELECT " + COLUMNS + " FROM claims WHERE holder = ? AND "
                    + "(claim_id = ? OR resource = ?)", Claims::map, holder, claimIdOrResource, claimIdOrResource);
            if (claim.isPresent()) {
                sql.update("DELETE FROM claims WHERE claim_id = ?", claim.get().claimId());
                changed(sql, claim.get(), Claim.Change.RELEASED, rules);
            }
            return claim;
        });
    }

    /** Releases the holder's claims that asked to end with its last session; the ones released. */
    public CompletableFuture<List<Claim>> releaseOnDisconnect(String holder, Rules rules) {
        return writes.submit(sql -> {
            List<Claim> claims = sql.list("SELECT " + COLUMNS + " FROM claims WHERE holder = ? "
                    + "AND release_on_disconnect = 1 ORDER BY claimed_at", Claims::map, holder);
            for (Claim claim : claims) {
                sql.update("DELETE FROM claims WHERE claim_id = ?", claim.claimId());
                changed(sql, claim, Claim.Change.RELEASED, rules);
            }
            return claims;
        });
    }

    /** Deletes the claims that have expired (announcing each); the ones expired. */
    public CompletableFuture<List<Claim>> expire(Rules rules) {
        return writes.submit(sql -> expire(sql, Instant.now(), rules));
    }

    /** The live claims, oldest first. */
    public List<Claim> live() {
        Instant now = Instant.now();
        return reads.read(sql -> live(sql, now));
    }

    /** When the earliest claim expires (live or not yet swept), if there is one. */
    public Optional<Instant> nextExpiry() {
        return reads.read(sql -> sql.one("SELECT expires_at FROM claims ORDER BY expires_at LIMIT 1",
                row -> Timestamps.parse(row.getString(1))));
    }

    private List<Claim> expire(Sql sql, Instant now, Rules rules) throws SQLException {
        List<Claim> expired = sql.list("SELECT " + COLUMNS + " FROM claims WHERE expires_at <= ? ORDER BY expires_at",
                Claims::map, Timestamps.format(now));
        List<Claim> done = new ArrayList<>(expired.size());
        for (Claim claim : expired) {
            sql.update("DELETE FROM claims WHERE claim_id = ?", claim.claimId());
            changed(sql, claim, Claim.Change.EXPIRED, rules);
            done.add(claim);
        }
        return done;
    }

    private void changed(Sql sql, Claim claim, Claim.Change change, Rules rules) throws SQLException {
        sql.emit(new StoreEvent.ClaimChanged(claim, change));
        NewMessage announcement = claim.channelId() == null ? null : rules.announcement(claim, change);
        if (announcement != null) {
            messages.appendJoiningIn(sql, announcement);
        }
    }

    private static List<Claim> live(Sql sql, Instant now) throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM claims WHERE expires_at > ? ORDER BY claimed_at, claim_id",
                Claims::map, Timestamps.format(now));
    }

    private static Claim map(java.sql.ResultSet row) throws SQLException {
        return new Claim(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getInt(6) != 0, Timestamps.parse(row.getString(7)), Timestamps.parse(row.getString(8)),
                Timestamps.parse(row.getString(9)));
    }
}
