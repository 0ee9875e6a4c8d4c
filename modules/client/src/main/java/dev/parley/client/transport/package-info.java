/**
 * The client's transport: one WebSocket to a hub carrying JSON text frames ({@link
 * dev.parley.client.transport.FrameSocket}), with partial frames joined, writes chained and bounded,
 * a close handshake, abort, and a silence limit. It knows nothing of the Parley protocol: the
 * library's {@code Link} and the bench's compat sessions put their own frames on it.
 */
package dev.parley.client.transport;
