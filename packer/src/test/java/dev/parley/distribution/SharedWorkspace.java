package dev.parley.distribution;

import dev.parley.packer.TemplateFixture;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bootstrap workspace ({@code PARLEY_WORKSPACE}) the distribution tests of one JVM share, so the full
 * template's hub sources compile once per run instead of once per test: builds are folders named by build hash,
 * and a bootstrap that finds one complete uses it ("using cached build"). Every install still verifies its
 * template; only the compile is shared.
 *
 * <p>The test that proves a cold start asks for {@link #unbuilt()}: it gets the shared folder while no test has
 * used it yet (its cold build then serves the others), else a fresh one, so it compiles from nothing either way.
 */
final class SharedWorkspace {
    private static Path folder;
    private static boolean used;

    private SharedWorkspace() {}

    /** The shared workspace; may already hold builds. */
    static synchronized Path shared() throws IOException {
        used = true;
        return folder();
    }

    /** A workspace that holds no build yet. */
    static synchronized Path unbuilt() throws IOException {
        if (used) {
            return TemplateFixture.workFolder("workspace");
        }
        used = true;
        return folder();
    }

    private static Path folder() throws IOException {
        if (folder == null) {
            folder = TemplateFixture.workFolder("shared-workspace");
        }
        return folder;
    }
}
