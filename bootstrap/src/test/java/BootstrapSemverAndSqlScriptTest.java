import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version order for upgrades, and splitting schema steps into statements. */
class BootstrapSemverAndSqlScriptTest {
    @ParameterizedTest
    @CsvSource({"0.1.0, 0.2.0", "0.9.0, 0.10.0", "1.9.9, 2.0.0", "1.0.0-alpha, 1.0.0", "1.0.0-alpha, 1.0.0-alpha.1",
        "1.0.0-alpha.1, 1.0.0-alpha.beta", "1.0.0-beta.2, 1.0.0-beta.11", "1.0.0-rc.1, 1.0.0", "1.0, 1.0.1",
        "1.2.3, 10.0.0", "0.1.0-SNAPSHOT, 0.1.0"})
    void ordersVersionsAsSemverDoes(String older, String newer) {
        assertThat(Bootstrap.Semver.compare(older, newer)).isNegative();
        assertThat(Bootstrap.Semver.compare(newer, older)).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"1.0.0, 1.0.0", "1.0, 1.0.0", "1.0.0+build.5, 1.0.0+build.7", "v1.2.3, 1.2.3"})
    void treatsVersionsThatDifferOnlyInBuildMetadataOrZerosAsEqual(String a, String b) {
        assertThat(Bootstrap.Semver.compare(a, b)).isZero();
    }

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a(x TEXT DEFAULT 'a;b', "we;ird" INT); /* block; comment */
                INSERT INTO a VALUES ('it''s; fine', 1);
                -- trailing comment only
                """;

        assertThat(Bootstrap.SqlScript.statements(script)).containsExactly(
                "CREATE TABLE a(x TEXT DEFAULT 'a;b', \"we;ird\" INT)",
                "INSERT INTO a VALUES ('it''s; fine', 1)");
    }

    @Test
    void keepsATriggerBodyInOneStatement() {
        String script = "CREATE TABLE t(x);\nCREATE TRIGGER t_log AFTER INSERT ON t BEGIN\n"
                + "  INSERT INTO log VALUES (new.x);\n  UPDATE c SET n = n + 1;\nEND;\nSELECT 1;";

        assertThat(Bootstrap.SqlScript.statements(script)).hasSize(3).element(1).asString()
                .startsWith("CREATE TRIGGER").endsWith("END");
    }

    @Test
    void returnsNothingForAScriptOfCommentsAndBlanks() {
        assertThat(Bootstrap.SqlScript.statements("-- nothing\n\n/* at all */ ;\n;")).isEmpty();
    }
}
