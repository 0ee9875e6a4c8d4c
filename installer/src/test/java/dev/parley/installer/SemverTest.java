package dev.parley.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version order for upgrades. */
class SemverTest {
    @ParameterizedTest
    @CsvSource({"0.1.0, 0.2.0", "0.9.0, 0.10.0", "1.9.9, 2.0.0", "1.0.0-alpha, 1.0.0", "1.0.0-alpha, 1.0.0-alpha.1",
        "1.0.0-alpha.1, 1.0.0-alpha.beta", "1.0.0-beta.2, 1.0.0-beta.11", "1.0.0-rc.1, 1.0.0", "1.0, 1.0.1",
        "1.2.3, 10.0.0", "0.1.0-SNAPSHOT, 0.1.0"})
    void ordersVersionsAsSemverDoes(String older, String newer) {
        assertThat(Semver.compare(older, newer)).isNegative();
        assertThat(Semver.compare(newer, older)).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"1.0.0, 1.0.0", "1.0, 1.0.0", "1.0.0+build.5, 1.0.0+build.7", "v1.2.3, 1.2.3"})
    void treatsVersionsThatDifferOnlyInBuildMetadataOrZerosAsEqual(String a, String b) {
        assertThat(Semver.compare(a, b)).isZero();
    }
}
