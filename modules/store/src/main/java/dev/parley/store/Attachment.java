package dev.parley.store;

import java.time.Instant;

/**
 * A file posted to a channel: its metadata; the bytes are its blob's ({@link Attachments#content}).
 *
 * @param sha256 the content's hash, lower-case hex: the blob's key (equal bytes, one blob)
 * @param declaredType the content type the uploader declared
 * @param servedType the content type the hub answers with, always one of a safe few (decided at upload)
 * @param messageId the {@code file_ref} message that posted it: who may read that message may read the file
 */
public record Attachment(String attachmentId, String sha256, String name, String declaredType, String servedType,
                         long size, String uploader, String channelId, String messageId, Instant createdAt) {}
