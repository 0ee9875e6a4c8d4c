package dev.parley.server;

import dev.parley.protocol.Json;
import dev.parley.store.SqliteConnections;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;

/**
 * Gets a second core to load and initialize what the hub's start needs later, while the main thread parses the
 * command line, locks and opens the database: sqlite-jdbc's native library, Javalin's configuration (and the Kotlin runtime under it), the Jetty
 * server it builds, and the Jackson serializers both JSON mappers use. A JVM's start is mostly class loading and
 * static initialization in the interpreter, one class after another; profiling {@code parley serve} showed picocli,
 * sqlite-jdbc and store opening on one side, Javalin, Kotlin and Jackson (over 800 classes) on the other, with no
 * dependency between them.
 *
 * <p>It only initializes classes and builds throwaway objects (a Javalin instance that is never started holds no
 * thread or socket); any failure is ignored, since the main thread then does the same work itself and reports
 * what matters.
 */
public final class StartWarmUp {
    /** Jetty's name for how many object references share a 64-byte cache line (it pads hot fields by it). */
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private StartWarmUp() {}

    /** Starts the warm-up on a daemon thread; returns at once. */
    public static void begin() {
        presetJettyCacheLine();
        Thread thread = new Thread(StartWarmUp::warm, "parley-start-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warm() {
        SqliteConnections.loadNativeLibrary(); // first: the main thread opens the store soon
        try {
            Javalin.create(config -> {
                config.startup.startupWatcherEnabled = false;
                config.startup.showJavalinBanner = false;
            });
            new JavalinJackson().toJsonString(Map.of("status", "ok", "messages", 1L, "list", List.of(true)), Map.class);
            Json.mapper().readTree("{\"type\":\"send\",\"n\":[1,2.5,true,null,\"x\"]}");
            Json.mapper().writeValueAsString(Map.of("type", "ack", "seq", 1L));
        } catch (Throwable ignored) {
            // the main thread does the same work and reports any real failure
        }
    }

    /**
     * Without {@value #REFERENCES_PER_CACHE_LINE} set, Jetty's {@code MemoryUtils} asks the JVM over JMX whether
     * object references are compressed, which starts the platform MBean server (about 50 ms and 120 classes at
     * every start). The answer is known: HotSpot compresses them below a 32 GB heap. A value the user set stays.
     */
    static void presetJettyCacheLine() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            boolean compressed = Runtime.getRuntime().maxMemory() < (31L << 30);
            System.setProperty(REFERENCES_PER_CACHE_LINE, compressed ? "16" : "8");
        }
    }
}
