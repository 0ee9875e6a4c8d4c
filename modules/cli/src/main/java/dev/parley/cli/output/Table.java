package dev.parley.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table for human output: a header row, then rows; the last column takes what width is left and
 * is cut with an ellipsis when the terminal is narrower than the line.
 *
 * <pre>new Table("WHEN", "FROM", "MESSAGE").row("2m ago", "alice", "hello").print(out, style, 100);</pre>
 */
public final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
    }

    /** Adds a row; cells may carry styles. Missing cells are empty. */
    public Table row(String... cells) {
        String[] row = Arrays.copyOf(cells, headers.length);
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] == null ? "" : oneLine(row[i]);
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, fitting lines into {@code width} columns. */
    public void print(PrintStream out, Style style, int width) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], Style.visibleLength(row[i]));
            }
        }
        out.println(line(Arrays.stream(headers).map(style::dim).toArray(String[]::new), widths, width));
        for (String[] row : rows) {
            out.println(line(row, widths, width));
        }
    }

    private static String line(String[] cells, int[] widths, int width) {
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (int i = 0; i < cells.length; i++) {
            if (i == cells.length - 1) {
                int room = width == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(10, width - used);
                line.append(fit(cells[i], room));
            } else {
                int pad = widths[i] - Style.visibleLength(cells[i]);
                line.append(cells[i]).append(" ".repeat(pad + 2));
                used += widths[i] + 2;
            }
        }
        return line.toString().stripTrailing();
    }

    /** Cuts a cell to {@code room} visible characters, plain cells only (styled ones are short labels). */
    private static String fit(String cell, int room) {
        if (Style.visibleLength(cell) <= room || cell.indexOf('\u001b') >= 0) {
            return cell;
        }
        return cell.substring(0, Math.max(0, room - 1)) + "…";
    }

    /** Message bodies and topics shown on one line. */
    public static String oneLine(String text) {
        return text.replace("\r\n", " ⏎ ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
