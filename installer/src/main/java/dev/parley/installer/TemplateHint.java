package dev.parley.installer;

import java.nio.file.Path;
import java.util.Map;

/**
 * The live database exists and a template was given too (or lies in the folder, as the parley.db the user started
 * from): never overwrite, but say so, and suggest --upgrade when the template carries another, not older build.
 */
final class TemplateHint {
    private TemplateHint() {}

    /**
     * Says so on a background thread (reading the template costs the warm start nothing that way).
     *
     * @param current the live database's signed metadata
     * @return the thread, for a caller that ends before the hub runs and should wait for it
     */
    static Thread mention(Path source, Path live, Map<String, String> current, Environment env) {
        Thread thread = new Thread(() -> {
            env.err().println("parley-bootstrap: serving the installed database " + live + "; " + source
                    + " is left alone (an installed database is never overwritten)");
            try {
                Template offered = Template.open(source);
                int order = Semver.compare(offered.version(), current.get("template_version"));
                if (order >= 0 && !offered.buildHash().equals(current.get("build_hash"))) {
                    env.err().println("parley-bootstrap: " + source + " holds " + offered.version() + " (build "
                            + Hashes.hash12(offered.buildHash()) + "), the installed one "
                            + current.get("template_version") + " (build " + Hashes.hash12(current.get("build_hash"))
                            + "); to upgrade: java Bootstrap.java --upgrade " + source);
                }
            } catch (RuntimeException notATemplate) {
                env.err().println("parley-bootstrap: " + source + " is not a usable template: "
                        + Installer.oneLine(notATemplate.getMessage()));
            }
        }, "parley-template-hint");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
