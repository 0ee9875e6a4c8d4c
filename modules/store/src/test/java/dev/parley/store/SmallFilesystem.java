package dev.parley.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, tiny file system for disk-full tests: a tmpfs of a few MiB mounted on a test's folder.
 * Tests run as root (so does CI), so {@code mount -t tmpfs} works; when it does not, {@link #mount}
 * throws and the test fails loudly rather than being skipped. Always {@link #close()} it (it unmounts).
 *
 * <pre>{@code
 * try (SmallFilesystem fs = SmallFilesystem.mount(dir.resolve("fs"), 4)) {
 *     Path filler = fs.fill();   // no byte left
 *     ...
 *     Files.delete(filler);      // the space is back
 * }
 * }</pre>
 */
public final class SmallFilesystem implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final Path dir;
    private boolean mounted = true;

    private SmallFilesystem(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code mebibytes} MiB on {@code dir} (created if missing). */
    public static SmallFilesystem mount(Path dir, int mebibytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m,mode=0700", "tmpfs", dir.toString()));
        return new SmallFilesystem(dir);
    }

    /** The mount point. */
    public Path dir() {
        return dir;
    }

    /** Bytes still free. */
    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes a filler file until the file system has no byte left; returns it (delete it to free the space). */
    public Path fill() throws IOException {
        Path filler = dir.resolve("filler-" + System.nanoTime());
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            // "No space left on device": what we wanted. Top up the last partial chunk byte by byte.
            try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
                while (true) {
                    out.write(0);
                    out.flush();
                }
            } catch (IOException stillFull) {
                // now it is full to the byte
            }
        }
        if (free() > 0) {
            throw new IllegalStateException("could not fill " + dir + ": " + free() + " bytes still free");
        }
        return filler;
    }

    /** Unmounts (lazily if something still holds a file open, so the test never leaves a mount behind). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!mounted) {
            return;
        }
        mounted = false;
        try {
            run(List.of("umount", dir.toString()));
        } catch (IOException busy) {
            run(List.of("umount", "-l", dir.toString()));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 10 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output
                    + " — disk-full tests need root and tmpfs (they run as root in CI)");
        }
    }
}
