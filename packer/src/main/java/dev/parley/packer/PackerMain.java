package dev.parley.packer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Packs a Parley source tree and its runtime jars into one template database.
 * Maven runs it at {@code package}:
 *
 * <pre>mvn -B -DskipTests package          # target/parley-template.db
 * mvn -B -DskipTests package -Dparley.lean=true   # without the jars
 * mvn -B -DskipTests package -Dparley.signingKey=release.pem   # signed with the team's release key</pre>
 *
 * <p>Twice from the same tree, it writes the same bytes: the POM passes its
 * {@code project.build.outputTimestamp} as {@code --timestamp} (see {@link BuildTimestamp}).
 */
@Command(name = "packer", mixinStandardHelpOptions = true, description = "Write a Parley template database.")
public final class PackerMain implements Callable<Integer> {

    @Option(names = "--source", required = true, description = "The source tree (holds modules/, template/, bootstrap/).")
    Path source;

    @Option(names = "--jars", required = true, description = "Runtime jars in Maven repository layout.")
    Path jars;

    @Option(names = "--out", required = true, description = "The template file to write.")
    Path out;

    @Option(names = "--version", required = true, description = "The template version.")
    String version;

    @Option(names = "--lean", arity = "0..1", description = "Leave the jars out (keep their coordinates).")
    boolean lean;

    @Option(names = "--timestamp", description = "The build's time (project.build.outputTimestamp: ISO-8601 "
            + "or seconds since 1970); default: $SOURCE_DATE_EPOCH.")
    String timestamp;

    @Option(names = "--signing-key", description = "PKCS#8 Ed25519 private key (PEM or DER) that signs the template "
            + "(-Dparley.signingKey=FILE); empty or absent: a development key kept beside --out, made on first use.")
    String signingKey;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new PackerMain()).execute(args);
        if (code != CommandLine.ExitCode.OK) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        BuildTimestamp buildTime;
        try {
            buildTime = BuildTimestamp.resolve(timestamp, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // one line and the usage, exit 2
        }
        SigningKey key = signingKey == null || signingKey.isBlank()
                ? SigningKey.development(out.toAbsolutePath().getParent())
                : SigningKey.read(Path.of(signingKey));
        TemplateWriter.Result result = pack(source, jars, version, lean, buildTime, key, out);
        System.out.printf("parley-packer: wrote %s (%d files, %d jars%s, %.1f MB, build %s, time %s from %s, "
                + "signed by %s)%n", result.file(), result.files(), result.jars(), lean ? " by coordinates only" : "",
                result.bytes() / 1e6, result.buildHash().substring(0, 12), buildTime.iso(), buildTime.origin(),
                describe(key));
        // picocli's codes, not dev.parley.protocol.ExitCode: the packer is a build step and imports no module but
        // schema (README, "Modules"); its 0, 1 and 2 are the same rows anyway.
        return CommandLine.ExitCode.OK;
    }

    private static String describe(SigningKey key) {
        if (!key.file().getFileName().toString().equals(SigningKey.DEVELOPMENT_KEY)) {
            return key.fingerprint() + " (" + key.file() + ")";
        }
        return key.fingerprint() + " (development key " + key.file() + (key.created() ? ", created now" : "")
                + "; release builds pass -Dparley.signingKey=FILE)";
    }

    /**
     * Packs a source tree and the runtime jars into a template: what {@code mvn package} runs, and what
     * tests run to get a template the same way.
     *
     * @param source    the source tree (holds modules/, template/, bootstrap/)
     * @param jars      the runtime jars in Maven repository layout
     * @param version   the template version
     * @param lean      leave the jars' bytes out
     * @param timestamp the build's time, the only one the template carries
     * @param key       the key that signs the template
     * @param out       the template file to write
     */
    public static TemplateWriter.Result pack(Path source, Path jars, String version, boolean lean,
            BuildTimestamp timestamp, SigningKey key, Path out) throws IOException, SQLException {
        List<PackedFile> files = new SourceTree(source).files();
        List<RuntimeJar> runtimeJars = RuntimeJars.read(jars);
        return new TemplateWriter(source, timestamp, key).write(files, runtimeJars, version, lean, out);
    }
}
