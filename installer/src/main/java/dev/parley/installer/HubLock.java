package dev.parley.installer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The hub's exclusive OS lock on {@code <db>.lock}, the same file the hub locks while it serves (and writes its
 * PID into). The OS drops it when its holder dies, so a crash never leaves a stale lock.
 */
final class HubLock implements Closeable {
    private final FileChannel channel;
    private final FileLock lock;

    private HubLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path file(Path db) { return Disk.sibling(db, ".lock"); }

    /** Takes the lock, or fails with {@link Exit#HUB_RUNNING}, naming the holder's PID, when a hub holds it. */
    static HubLock acquire(Path db) throws IOException {
        FileChannel channel = FileChannel.open(file(db), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String pid = holder(db);
            throw new Failure(Exit.HUB_RUNNING, "a hub is running on " + db + (pid == null ? "; stop it first"
                    : " (process " + pid + "); stop it first: Ctrl-C in its terminal, or kill " + pid));
        }
        return new HubLock(channel, lock);
    }

    static void refuseIfHeld(Path db) throws IOException {
        acquire(db).close();
    }

    private static String holder(Path db) {
        try {
            String text = Files.readString(file(db), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,19}") ? text : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
