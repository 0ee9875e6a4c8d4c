package dev.parley.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting the hub (the bootstrap's default action): install the template on the first start, build once per build
 * hash, write the launchers, then run the hub in this JVM. A warm start reads what it needs from the manifest stage
 * 1 checked and touches SQLite only when the hub does.
 */
final class Start {
    private Start() {}

    /** @param signedManifest the live database's manifest as stage 1 checked it, or null */
    static int run(Options options, Environment env, String signedManifest) throws Exception {
        Home home = Home.of(env);
        Databases databases = Databases.locate(options, env, home);
        Path live = databases.live();
        Template template = null;
        Map<String, byte[]> verified = null;
        Map<String, String> meta = signedMeta(signedManifest);
        if (!Files.exists(live)) {
            Failure.require(databases.source() != null, Exit.NO_DATABASE, "no database: " + live + " does not exist "
                    + "and there is no parley.db or parley-template.db here; pass --db TEMPLATE.db");
            FirstInstall install = FirstInstall.of(databases.source(), live, signedManifest);
            template = install.template();
            verified = install.contents();
            env.out().println("installed " + databases.source() + " as " + live + " (trusting templates signed by "
                    + template.signer() + ")");
            meta = template.metadata;
        } else if (meta.isEmpty()) {
            template = Template.open(live);
            meta = template.metadata;
        }
        Thread hint = databases.source() != null && template == null
                ? TemplateHint.mention(databases.source(), live, meta, env) : null;
        boolean jbang = options.jbang || Compiler.javac() == null && JBang.command(env) != null;
        if (jbang) {
            if (!options.jbang) {
                env.out().println("this Java has no compiler; building through JBang instead");
            }
            String command = JBang.command(env);
            Failure.require(command != null, Exit.COMPILE_FAILED, "--jbang: no jbang on the PATH (set PARLEY_JBANG to "
                    + "its path)");
            Build build = new Workspace(home, env).prepare(template != null ? template : Template.open(live), verified,
                    true);
            if (options.noRun) {
                await(hint);
                env.out().println("ready: " + build.jbangScript() + " (start it with java Bootstrap.java --jbang)");
                return Exit.OK.code;
            }
            HubLock.refuseIfHeld(live);
            List<String> hub = new ArrayList<>(List.of(command, build.jbangScript().toString(), "--db",
                    live.toString()));
            hub.addAll(options.passThrough);
            return HubRun.child(hub, home, env);
        }
        Build build = Workspace.cached(home, meta, env);
        if (build == null) {
            build = new Workspace(home, env).prepare(template != null ? template : Template.open(live), verified,
                    false);
        }
        LauncherScripts.write(home, build, env);
        if (options.noRun) {
            await(hint);
            env.out().println("ready: build " + Hashes.hash12(build.hash()) + " in " + build.dir()
                    + "; start the hub with: java Bootstrap.java");
            return Exit.OK.code;
        }
        HubLock.refuseIfHeld(live);
        List<String> hubArgs = new ArrayList<>(List.of("--db", live.toString()));
        hubArgs.addAll(options.passThrough);
        env.out().println("starting Parley " + meta.get("template_version") + " (build " + Hashes.hash12(build.hash())
                + ") on " + live);
        return HubRun.inThisJvm(build, build.mainClass(), hubArgs);
    }

    private static void await(Thread hint) throws InterruptedException {
        if (hint != null) {
            hint.join();
        }
    }

    /** The {@code meta KEY VALUE} lines of a signed manifest (empty without one). */
    static Map<String, String> signedMeta(String manifest) {
        Map<String, String> meta = new HashMap<>();
        if (manifest == null) {
            return meta;
        }
        for (String line : manifest.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length == 3 && fields[0].equals("meta")) {
                meta.put(unescape(fields[1]), unescape(fields[2]));
            }
        }
        return meta;
    }

    private static String unescape(String field) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                text.append(next == 's' ? ' ' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
