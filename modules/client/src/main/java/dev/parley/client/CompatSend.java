package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A send without {@code acked_send}: {@code POST /api/send}, which answers with the stored message.
 * While the hub cannot be reached it retries with backoff until the send timeout, always with the
 * same {@code client_msg_id} — a Parley hub stores it once; a compat hub ignores it, so a retry after
 * a lost answer may store the message twice there (the compat protocol offers nothing better).
 * Runs on a worker thread.
 */
final class CompatSend {
    private final RestCalls rest;
    private final ClientSettings settings;

    CompatSend(RestCalls rest, ClientSettings settings) {
        this.rest = rest;
        this.settings = settings;
    }

    Message send(SendRequest request) {
        String clientMsgId = Outbox.newClientMsgId();
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return rest.send(request, clientMsgId);
            } catch (ParleyException e) {
                boolean retryable = e.code().equals(ParleyException.UNREACHABLE) || e.code().equals(ParleyException.TIMEOUT)
                        || e.code().equals(ErrorCode.RATE_LIMITED.wire()) || e.code().equals(ErrorCode.OVERLOADED.wire());
                long wait = backoff.delay(attempt).toNanos();
                if (!retryable || System.nanoTime() + wait > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new ParleyException(ParleyException.INTERRUPTED, "send interrupted", e);
                }
            }
        }
    }
}
