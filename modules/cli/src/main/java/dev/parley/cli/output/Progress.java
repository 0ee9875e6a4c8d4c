package dev.parley.cli.output;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long work (export, backup), drawn only when a person watches; otherwise every
 * call does nothing, so scripts and logs stay clean. Redraws at most ten times a second.
 *
 * <p>Not thread-safe: one thread reports progress.
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 28;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean visible;
    private final String label;
    private final String unit;
    private long total;
    private long done;
    private long lastDrawn;
    private boolean drawn;

    private Progress(PrintStream err, boolean visible, String label, String unit, long total) {
        this.err = err;
        this.visible = visible;
        this.label = label;
        this.unit = unit;
        this.total = total;
    }

    /** A bar for {@code total} units of work (0 if unknown), shown when the terminal is interactive. */
    public static Progress start(Terminal terminal, String label, String unit, long total) {
        return new Progress(terminal.err(), terminal.interactive(), label, unit, total);
    }

    /** Changes the expected total (when it becomes known as the work goes). */
    public void total(long total) {
        this.total = total;
    }

    /** Adds finished units. */
    public void advance(long units) {
        set(done + units);
    }

    /** Sets the finished units. */
    public void set(long units) {
        done = units;
        long now = System.nanoTime();
        if (visible && (!drawn || now - lastDrawn >= REDRAW_NANOS)) {
            draw();
            lastDrawn = now;
        }
    }

    private void draw() {
        StringBuilder line = new StringBuilder("\r").append(label).append(' ');
        if (total > 0) {
            long shown = Math.min(done, total);
            int filled = (int) (BAR * shown / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                    .append(100 * shown / total).append("% ").append(shown).append('/').append(total);
        } else {
            line.append(done);
        }
        err.print(line.append(' ').append(unit).append("   "));
        err.flush();
        drawn = true;
    }

    /** Clears the bar so that the next line starts clean. */
    @Override
    public void close() {
        if (visible && drawn) {
            err.print("\r" + " ".repeat(label.length() + BAR + 40) + "\r");
            err.flush();
        }
    }
}
