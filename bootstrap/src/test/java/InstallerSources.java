import dev.parley.packer.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What every test template carries so stage 1 can run it: the real installer sources of this checkout, the
 * sqlite-jdbc jar the tests run on, and a signing key (one per test JVM).
 */
final class InstallerSources {
    static final String DRIVER_VERSION = "3.54.1.0";
    private static Map<String, byte[]> files;
    private static byte[] driver;
    private static SigningKey key;

    private InstallerSources() {}

    static synchronized Map<String, byte[]> files() {
        if (files == null) {
            Map<String, byte[]> found = new TreeMap<>();
            for (String folder : new String[] {"installer/src/main/java", "modules/schema/src/main/java"}) {
                try (Stream<Path> walk = Files.walk(TemplateDb.sourceRoot().resolve(folder))) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        found.put(TemplateDb.sourceRoot().relativize(file).toString().replace('\\', '/'),
                                Files.readAllBytes(file));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            files = found;
        }
        return files;
    }

    /** The sqlite-jdbc jar on this test's class path. */
    static synchronized byte[] driverJar() {
        if (driver == null) {
            try {
                driver = Files.readAllBytes(Path.of(org.sqlite.JDBC.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the sqlite-jdbc jar", e);
            }
        }
        return driver;
    }

    static synchronized SigningKey key() {
        if (key == null) {
            try {
                Path file = Files.createTempDirectory("parley-test-key-").resolve("key.pem");
                SigningKey.generate(file);
                key = SigningKey.read(file);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make a test signing key", e);
            }
        }
        return key;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
