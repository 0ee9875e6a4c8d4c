package dev.parley.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcePatternTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "src/a.java      | src/a.java       | true",
        "src/a.java      | src/b.java       | false",
        "JIRA-142        | JIRA-142         | true",
        "JIRA-142        | jira-142         | false",
        "src/**          | src/a.java       | true",
        "src/**          | src/deep/x/y.md  | true",
        "src/            | src/deep/x.java  | true",
        "src/            | srcx/a.java      | false",
        "src/*           | src/a.java       | true",
        "src/*           | src/a/b.java     | false",
        "*.md            | README.*         | true",
        "*.md            | *.java           | false",
        "docs/*.md       | docs/**          | true",
        "a/*/c           | a/b/*            | true",
        "a/*/c           | a/b/d            | false",
        "a?c             | abc              | true",
        "a?c             | a/c              | false",
        "**              | anything/at/all  | true",
        "src/\\*.java    | src/a.java       | false",
        "src/\\*.java    | src/*.java       | true",
        "**/test/**      | src/main/x.java  | false",
        "**/test/**      | a/test/b         | true",
    })
    void resources_overlap_when_some_path_matches_both(String a, String b, boolean overlap) {
        assertThat(ResourcePattern.overlap(a, b)).isEqualTo(overlap);
        assertThat(ResourcePattern.overlap(b, a)).as("symmetric").isEqualTo(overlap);
    }

    @ParameterizedTest
    @CsvSource({"src/**,true", "a?,true", "plain/path.txt,false", "JIRA-1,false", "src/\\*,false"})
    void a_glob_is_a_resource_with_a_wildcard(String resource, boolean glob) {
        assertThat(ResourcePattern.isGlob(resource)).isEqualTo(glob);
    }
}
