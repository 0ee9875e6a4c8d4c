package dev.parley.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columns_align_and_the_last_one_is_cut_to_the_width() {
        Table table = new Table("WHEN", "FROM", "MESSAGE").row("2m ago", "alice", "hello\nthere")
                .row("just now", "bob", "x".repeat(100));
        String text = print(table, new Style(false), 40);
        assertThat(text.lines()).containsExactly(
                "WHEN      FROM   MESSAGE",
                "2m ago    alice  hello there",
                "just now  bob    " + "x".repeat(22) + "…");
    }

    @Test
    void styled_cells_align_by_what_a_person_sees() {
        Style style = new Style(true);
        Table table = new Table("NAME", "STATUS").row(style.bold("al"), style.green("online")).row("bobby", "offline");
        String[] lines = print(table, style, Integer.MAX_VALUE).split("\n");
        assertThat(Style.visibleLength(lines[1])).isEqualTo("al     online".length());
        assertThat(lines[1]).contains("\u001b[1mal\u001b[0m     ");
        assertThat(new Style(false).bold("plain")).isEqualTo("plain");
    }

    private static String print(Table table, Style style, int width) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), style, width);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
