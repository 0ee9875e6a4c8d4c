package dev.parley.server;

import dev.parley.store.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <db>.lock}, held for as long as a hub serves that database.
 *
 * <p>It keeps a second hub off the same file, and lets the bootstrap refuse an upgrade while a hub
 * runs. The OS drops the lock when the process dies, even by {@code kill -9}, so a crash never
 * leaves a stale lock behind.
 */
public final class HubLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HubLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file that belongs to a database file. */
    public static Path lockFile(Path db) {
        return db.resolveSibling(db.getFileName() + ".lock");
    }

    /** Takes the lock or fails at once when another process holds it. */
    public static HubLock acquire(Path db) throws IOException {
        PrivateFiles.createFile(lockFile(db)); // 0600 like the database beside it
        FileChannel channel = FileChannel.open(lockFile(db), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new AlreadyRunningException(db, holder(db));
        }
        // The holder's PID, so whoever is refused can say which process to stop.
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new HubLock(channel, lock);
    }

    /** The PID the lock's holder wrote into it, or null when it wrote none (or something else holds it). */
    static Long holder(Path db) {
        try {
            String text = Files.readString(lockFile(db), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,19}") ? Long.valueOf(text) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The lock dies with the channel or the process anyway.
        }
    }

    /** Another hub already serves this database. */
    public static final class AlreadyRunningException extends IOException {
        AlreadyRunningException(Path db, Long pid) {
            super("another hub is already serving " + db + (pid == null ? "; stop it first"
                    : " (process " + pid + "; stop it with Ctrl-C in its terminal or: kill " + pid + ")"));
        }
    }
}
