package dev.parley.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/** {@code bin/parley} and {@code bin/parley.cmd}: the CLI of the current build, one word away. */
final class LauncherScripts {
    private LauncherScripts() {}

    static void write(Home home, Build build, Environment env) throws IOException {
        List<String> command = HubRun.javaCommand(build, build.cliClass());
        String db = env.variable("PARLEY_DB") != null ? Home.liveDb(env, home).toString() : null;
        String note = "Written by Bootstrap.java for build " + build.hash() + "; rewritten when the build changes.";
        String java = "exec " + shQuote(command.get(0)) + " ";
        String rest = command.subList(1, command.size()).stream().map(LauncherScripts::shQuote)
                .collect(Collectors.joining(" ")) + " \"$@\"\n";
        String sh = "#!/bin/sh\n# The Parley CLI. " + note + "\n"
                + "PARLEY_HOME=" + shQuote(home.root().toString()) + "\nexport PARLEY_HOME\n"
                + (db == null ? "" : "PARLEY_DB=" + shQuote(db) + "\nexport PARLEY_DB\n")
                + "case \"$1\" in\n"
                // Long-running commands keep the JVM's defaults.
                + "listen|mcp|bench) " + java + rest.strip() + " ;;\n"
                + "serve)\n"
                // Help and version print and exit: such a run would make a class-data archive of little use.
                + "    case \" $* \" in *\" --help \"*|*\" -h \"*|*\" --version \"*|*\" -V \"*) " + java + rest.strip() + " ;;\n"
                + "    esac\n"
                + classDataSharing(build, java, rest)
                + "esac\n"
                // Every other command lives for a fraction of a second: a light JIT and GC start faster.
                + java + "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC " + rest;
        String cmd = "@echo off\r\nrem The Parley CLI. " + note + "\r\n"
                + "set \"PARLEY_HOME=" + home.root() + "\"\r\n"
                + (db == null ? "" : "set \"PARLEY_DB=" + db + "\"\r\n")
                + command.stream().map(part -> "\"" + part + "\"").collect(Collectors.joining(" ")) + " %*\r\n";
        writeIfChanged(home.bin().resolve("parley"), sh, true);
        writeIfChanged(home.bin().resolve("parley.cmd"), cmd, false);
    }

    /**
     * The lines that start {@code serve} with class-data sharing from an archive of the hub's own classes, made by
     * the first serve of a build that really serves (a missing or unusable archive only costs the sharing; the JVM
     * starts anyway). The archive is named by the JDK's feature release, since an archive only fits the JVM that
     * made it. JDK 19+ keeps it current by itself; JDK 17 writes it at the first exit and maps it from then on.
     */
    static String classDataSharing(Build build, String java, String rest) {
        String archive = build.dir().resolve("serve-jdk" + Runtime.version().feature() + ".jsa").toString();
        int release = Runtime.version().feature();
        if (release >= 19) {
            // From JDK 22 every start with --enable-native-access printed three "[error][cds] Mismatched values for
            // property jdk.module.enable.native.access" lines, yet mapped the archive (measured on JDK 25): the
            // JVM's own CDS log stays quiet, since an unusable archive only costs the sharing anyway.
            String quiet = (release >= 22 ? "-Xlog:cds=off " : "") + (release >= 24 ? "-Xlog:aot=off " : "");
            return "    " + java + "-XX:+AutoCreateSharedArchive " + quiet + shQuote("-XX:SharedArchiveFile="
                    + archive) + " " + rest.strip() + " ;;\n";
        }
        return "    if [ -f " + shQuote(archive) + " ]; then " + java + shQuote("-XX:SharedArchiveFile=" + archive) + " "
                + rest.strip() + "; fi\n"
                + "    " + java + shQuote("-XX:ArchiveClassesAtExit=" + archive) + " " + rest.strip() + " ;;\n";
    }

    static String shQuote(String text) { return "'" + text.replace("'", "'\\''") + "'"; }

    private static void writeIfChanged(Path file, String content, boolean executable) throws IOException {
        if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
            Path temp = Files.createTempFile(Files.createDirectories(file.getParent()), ".parley", ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (executable) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the .cmd is the launcher there
            }
        }
    }
}
