package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One exit-code table: unique numbers, and the README's "Exit codes" table says exactly what the code says. */
class ExitCodeTest {
    @Test
    void every_code_has_its_own_number_and_the_numbers_run_from_zero_without_gaps() {
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code))
                .containsExactlyElementsOf(Arrays.stream(ExitCode.values()).map(ExitCode::ordinal).toList());
    }

    @Test
    void the_readme_table_lists_every_code_with_its_name_and_meaning() throws Exception {
        Path readme = Path.of(System.getProperty("parley.sourceRoot", ".")).resolve("README.md");
        List<String> lines = Files.readAllLines(readme);
        int heading = lines.indexOf("## Exit codes");
        List<String> rows = lines.subList(heading + 1, lines.size()).stream()
                .dropWhile(line -> !line.startsWith("| 0 |"))
                .takeWhile(line -> line.startsWith("|"))
                .toList();

        assertThat(heading).as("README has an '## Exit codes' section").isNotNegative();
        assertThat(rows).hasSameSizeAs(ExitCode.values());
        for (ExitCode exit : ExitCode.values()) {
            assertThat(rows.get(exit.ordinal()))
                    .startsWith("| " + exit.code() + " | `" + exit.name() + "` | " + exit.meaning() + " |");
        }
    }
}
