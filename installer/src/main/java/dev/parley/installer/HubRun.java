package dev.parley.installer;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the hub. From the bootstrap it runs in this very JVM, from a class loader over the build's jars: no parent
 * JVM waits beside it holding memory, and there is no second process a killed launcher could orphan. The CLI
 * launchers (and --jbang) start a JVM of their own.
 */
final class HubRun {
    private HubRun() {}

    /** java [--enable-native-access] @classpath.args mainClass (sqlite-jdbc loads native code). */
    static List<String> javaCommand(Build build, String mainClass) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("@" + build.classpathArgs(), mainClass));
        return command;
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().filter(c -> Files.isExecutable(Path.of(c)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Calls {@code mainClass.main(args)} in this JVM, with the build's class loader as the thread's context loader.
     * The hub's main ends the JVM itself (System.exit with its exit code) when it stops.
     */
    static int inThisJvm(Build build, String mainClass, List<String> args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path entry : build.classpath()) {
            urls.add(entry.toUri().toURL());
        }
        URLClassLoader loader = new URLClassLoader("parley-hub", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(mainClass).getMethod("main", String[].class).invoke(null,
                    (Object) args.toArray(String[]::new));
            return Exit.OK.code;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
        }
    }

    /** Runs a command with this process's terminal (--jbang); stopping the installer stops it. */
    static int child(List<String> command, Home home, Environment env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("PARLEY_HOME", home.root().toString());
        if (env.variable("PARLEY_DB") != null) {
            builder.environment().put("PARLEY_DB", Home.liveDb(env, home).toString());
        }
        Process child = builder.start();
        Thread stopChild = new Thread(() -> {
            child.destroy(); // the hub drains and checkpoints on SIGTERM
            try {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }, "parley-stop-hub");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        return code;
    }
}
