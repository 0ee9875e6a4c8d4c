package dev.parley.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ExitCode;
import org.junit.jupiter.api.Test;

/** The bootstrap's own exit codes are rows of the one table every Parley program uses, number and meaning. */
class ExitCodesTest {
    @Test
    void everyBootstrapExitCodeIsTheSharedRowOfTheSameName() {
        for (Exit exit : Exit.values()) {
            ExitCode shared = ExitCode.valueOf(exit.name());

            assertThat(exit.code()).as(exit.name()).isEqualTo(shared.code());
            assertThat(exit.meaning()).as(exit.name()).isEqualTo(shared.meaning());
        }
    }
}
