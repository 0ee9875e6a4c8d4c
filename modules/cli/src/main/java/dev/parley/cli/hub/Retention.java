package dev.parley.cli.hub;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prunes what piles up on a hub's machine: backups in {@code $PARLEY_HOME/backups/} (this command's
 * {@code parley-<yyyyMMdd-HHmmss>.db} and the bootstrap's {@code parley-<stamp>-<version>.db} before an upgrade)
 * and build folders in the workspace ({@code <build hash>} and {@code <build hash>-jbang}, and the installer's
 * {@code installer/<sha256>}). Only names of
 * those shapes are touched: a file a user put beside them, or a build the bootstrap is still writing
 * ({@code .tmp-…}), stays.
 *
 * <pre>parley prune --keep-backups 5 --keep-builds 1</pre>
 */
public final class Retention {
    /** Backups kept when neither a flag nor the environment says otherwise. */
    public static final int DEFAULT_BACKUPS = 10;
    /** Builds kept besides the current one when neither a flag nor the environment says otherwise. */
    public static final int DEFAULT_BUILDS = 2;

    /** The environment variable that sets how many backups stay. */
    public static final String KEEP_BACKUPS = "PARLEY_KEEP_BACKUPS";
    /** The environment variable that sets how many builds stay besides the current one. */
    public static final String KEEP_BUILDS = "PARLEY_KEEP_BUILDS";

    private static final Pattern BACKUP = Pattern.compile("parley-\\d{8}-\\d{6}.*\\.db");
    private static final Pattern BUILD = Pattern.compile("([0-9a-f]{64})(-jbang)?");

    private Retention() {}

    /** How many to keep: the flag when given, else the environment variable, else {@code fallback}. */
    public static int keep(Integer flag, Map<String, String> env, String variable, int fallback) {
        String configured = env.get(variable);
        int keep;
        try {
            keep = flag != null ? flag
                    : configured != null && !configured.isBlank() ? Integer.parseInt(configured.strip()) : fallback;
        } catch (NumberFormatException e) {
            throw new CliException(Exit.USAGE, variable + " must be a whole number, not '" + configured + "'");
        }
        if (keep < 0) {
            throw new CliException(Exit.USAGE, "cannot keep " + keep + " (" + variable + " or the flag must be 0 or more)");
        }
        return keep;
    }

    /**
     * Deletes all but the newest {@code keep} backups in {@code folder} (newest by the timestamp in the name, which
     * both writers put first).
     *
     * @return the deleted files, oldest first
     */
    public static List<Path> pruneBackups(Path folder, int keep) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> backups;
        try (Stream<Path> files = Files.list(folder)) {
            backups = files.filter(file -> BACKUP.matcher(file.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed())
                    .toList();
        }
        List<Path> deleted = new ArrayList<>(backups.subList(Math.min(keep, backups.size()), backups.size()));
        Collections.reverse(deleted);
        for (Path backup : deleted) {
            Files.delete(backup);
        }
        return deleted;
    }

    /**
     * Deletes the build folders in {@code workspace} of all builds but the current one and the {@code keep} built
     * most recently (by folder modification time); a build's plain and JBang folders go or stay together.
     *
     * @param currentHash the live database's build hash; null when there is none (then only {@code keep} stay)
     * @return the deleted folders
     */
    public static List<Path> pruneBuilds(Path workspace, String currentHash, int keep) throws IOException {
        if (!Files.isDirectory(workspace)) {
            return List.of();
        }
        Map<String, List<Path>> others = new HashMap<>();
        try (Stream<Path> folders = Files.list(workspace)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Matcher name = BUILD.matcher(folder.getFileName().toString());
                if (name.matches() && !name.group(1).equals(currentHash)) {
                    others.computeIfAbsent(name.group(1), hash -> new ArrayList<>()).add(folder);
                }
            }
        }
        Comparator<Map.Entry<String, List<Path>>> newestFirst = Comparator.comparingLong(
                (Map.Entry<String, List<Path>> build) -> build.getValue().stream().mapToLong(Retention::modified).max()
                        .orElse(0)).reversed().thenComparing(Map.Entry::getKey);
        List<Path> deleted = new ArrayList<>();
        for (Map.Entry<String, List<Path>> build : others.entrySet().stream().sorted(newestFirst).skip(keep).toList()) {
            for (Path folder : build.getValue()) {
                deleteTree(folder);
                deleted.add(folder);
            }
        }
        return deleted;
    }

    /**
     * Deletes the installer builds in {@code installers} ({@code <sha256>/}, made by the bootstrap) but the current
     * one (named in {@code current}, which the installer writes at each start and upgrade) and the {@code keep}
     * newest others.
     *
     * @return the folders deleted
     */
    public static List<Path> pruneInstallerBuilds(Path installers, int keep) throws IOException {
        Path marker = installers.resolve("current");
        String current = Files.isRegularFile(marker) ? Files.readString(marker).strip() : null;
        return pruneBuilds(installers, current, keep); // named by a sha256 too, one folder each
    }

    private static long modified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder).toMillis();
        } catch (IOException e) {
            return 0; // unreadable: sorts as the oldest
        }
    }

    /** Deletes a folder and what it holds, without following symbolic links out of it. */
    private static void deleteTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
