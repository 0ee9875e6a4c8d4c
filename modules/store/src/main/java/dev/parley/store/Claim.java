package dev.parley.store;

import java.time.Instant;

/**
 * A live claim (a lease): {@code holder} has {@code resource} until {@code expiresAt}, unless released first.
 *
 * @param resource what is claimed, as the claimant wrote it: a path, a glob, a ticket (free text)
 * @param channelId where grants, releases and expiries are announced, or null
 * @param releaseOnDisconnect whether the holder's last session closing releases it
 */
public record Claim(String claimId, String resource, String holder, String note, String channelId,
                    boolean releaseOnDisconnect, Instant claimedAt, Instant renewedAt, Instant expiresAt) {

    /** What happened to a claim. */
    public enum Change {
        GRANTED, RENEWED, RELEASED, EXPIRED;

        /** The word on the wire: {@code granted}, {@code renewed}, {@code released}, {@code expired}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether the claim is still live at {@code now}. */
    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
