package dev.parley.cli.output;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where output goes and how it may look: stdout (buffered UTF-8, flushed at the end of a command or per line
 * for streams), stderr, whether a person is watching (a TTY), and whether colors are welcome.
 *
 * <p>Colors only on a TTY and only while {@code NO_COLOR} is unset (https://no-color.org).
 */
public final class Terminal {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final boolean colors;

    public Terminal(PrintStream out, PrintStream err, boolean interactive, boolean colors) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.colors = colors;
    }

    /** The process's own streams, TTY-ness from {@link System#console()}. */
    public static Terminal system(Map<String, String> env) {
        boolean interactive = System.console() != null;
        String noColor = env.get("NO_COLOR");
        boolean colors = interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Terminal(out, err, interactive, colors);
    }

    /** Standard output; flush after each line of a stream. */
    public PrintStream out() {
        return out;
    }

    /** Standard error: diagnostics, hints, progress. */
    public PrintStream err() {
        return err;
    }

    /** True when a person is watching (stdin and stdout are a terminal). */
    public boolean interactive() {
        return interactive;
    }

    /** The styles to use: ANSI colors, or none. */
    public Style style() {
        return new Style(colors);
    }

    /** Columns to fit human output in: {@code $COLUMNS} on a terminal, else no limit. */
    public int width(Map<String, String> env) {
        if (!interactive) {
            return Integer.MAX_VALUE;
        }
        try {
            return Math.max(40, Integer.parseInt(env.getOrDefault("COLUMNS", "120").strip()));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
