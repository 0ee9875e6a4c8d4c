package dev.parley.installer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library for this machine, taken out of the hub's sqlite-jdbc jar once per build into
 * {@code native/}, and the two system properties that make the driver load it from there. Without them every JVM the
 * launchers start copies the library out of the jar into the temporary folder, hashes it, and sweeps old copies
 * from that folder: about 50 ms of every {@code parley serve} (measured, the largest gap in its class-loading
 * timeline). Which library fits this machine (OS, architecture, musl) is the installer's own sqlite-jdbc's answer;
 * the installer runs on the same jar the hub does ({@code installer_classpath}).
 */
final class NativeLibrary {
    private NativeLibrary() {}

    /**
     * Writes the library into {@code folder} when {@code jar} (the hub's sqlite-jdbc) holds one for this machine.
     *
     * @param loadFrom where {@code folder} will be when the JVMs run (a build is made in a temporary folder)
     * @return the JVM options that load it from there, or none (the driver then extracts it as usual)
     */
    static List<String> extract(byte[] jar, Path folder, Path loadFrom) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String entry = LibraryLoaderUtil.getNativeLibResourcePath().replaceFirst("^/", "") + "/" + name;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
                if (next.getName().equals(entry)) {
                    Disk.writeFile(folder.resolve(name), zip.readAllBytes());
                    return List.of("-Dorg.sqlite.lib.path=" + loadFrom, "-Dorg.sqlite.lib.name=" + name);
                }
            }
        }
        return List.of();
    }
}
