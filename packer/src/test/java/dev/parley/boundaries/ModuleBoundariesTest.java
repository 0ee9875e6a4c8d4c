package dev.parley.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.TemplateFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The main sources keep the module boundaries of the README's table, and the check catches a broken one. */
class ModuleBoundariesTest {
    private static final Path ROOT = TemplateFixture.sourceRoot();
    private static AllowedImports allowed;
    private static ModuleBoundaries boundaries;

    @BeforeAll
    static void readTheTable() throws Exception {
        allowed = AllowedImports.fromReadme(ROOT.resolve("README.md"));
        boundaries = new ModuleBoundaries(allowed);
    }

    @Test
    void the_main_sources_import_only_what_the_readme_allows() throws Exception {
        assertThat(boundaries.violations(ROOT)).isEmpty();
    }

    @Test
    void the_table_has_one_row_per_module_of_the_tree_and_no_other() throws Exception {
        assertThat(allowed.modules()).containsExactlyInAnyOrderElementsOf(ModuleBoundaries.mainSources(ROOT).keySet());
    }

    @Test
    void the_distribution_tool_and_the_leaves_import_nothing_of_the_payload() {
        assertThat(allowed.allowedFor("packer")).containsExactly("schema");
        assertThat(allowed.allowedFor("installer")).containsExactly("schema");
        assertThat(allowed.allowedFor("bootstrap")).isEmpty();
        assertThat(allowed.allowedFor("protocol")).isEmpty();
        assertThat(allowed.allowedFor("store")).doesNotContain("server", "web", "client", "cli", "mcp", "bench");
        assertThat(allowed.allowedFor("client")).doesNotContain("server", "store", "cli", "mcp", "web", "bench");
    }

    @Test
    void an_import_of_the_store_in_the_packer_fails_with_the_file_and_the_rule() {
        String source = """
                package dev.parley.packer;

                import dev.parley.store.X;

                final class Sneaky {}
                """;

        assertThat(boundaries.violations("packer", "packer/src/main/java/dev/parley/packer/Sneaky.java", source))
                .containsExactly("packer/src/main/java/dev/parley/packer/Sneaky.java: packer may not use "
                        + "dev.parley.store (packer may use: schema)");
    }

    @Test
    void a_fully_qualified_use_fails_like_an_import() {
        String source = """
                package dev.parley.client;

                final class Sneaky {
                    Object hub = new dev.parley.server.Hub();
                    static int code() { return dev.parley.store.Ids.next(); }
                }
                """;

        assertThat(boundaries.violations("client", "Sneaky.java", source)).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("client may not use dev.parley.server"))
                .anySatisfy(line -> assertThat(line).contains("client may not use dev.parley.store"));
    }

    @Test
    void the_bootstrap_may_import_nothing_of_ours_and_has_no_package() {
        String source = "import dev.parley.protocol.ExitCode;\nfinal class Bootstrap {}\n";

        assertThat(boundaries.violations("bootstrap", "bootstrap/Bootstrap.java", source))
                .containsExactly("bootstrap/Bootstrap.java: bootstrap may not use dev.parley.protocol "
                        + "(bootstrap may use: nothing of ours)");
        assertThat(boundaries.violations("bootstrap", "bootstrap/Bootstrap.java", "package dev.parley.boot;\n"))
                .singleElement().asString().contains("is not the unnamed package");
    }

    @Test
    void a_class_in_another_modules_package_fails() {
        assertThat(boundaries.violations("packer", "P.java", "package dev.parley.store;\nfinal class P {}\n"))
                .singleElement().asString().contains("package 'dev.parley.store' is not dev.parley.packer");
    }

    @Test
    void names_in_comments_strings_and_text_blocks_are_not_uses() {
        String source = """
                package dev.parley.packer;

                /** Writes {@link dev.parley.server.HubMain} as the main class. */
                final class Names {
                    // dev.parley.store.HubStore opens the database
                    static final String MAIN = "dev.parley.server.HubMain";
                    static final char QUOTE = '"';
                    static final String ESCAPED = "a \\" dev.parley.cli.ParleyCli \\" b";
                    static final String BLOCK = \"""
                            dev.parley.mcp.McpCommand
                            \""";
                    /* dev.parley.web.ChatRoutes */
                }
                """;

        assertThat(boundaries.violations("packer", "Names.java", source)).isEmpty();
    }
}
