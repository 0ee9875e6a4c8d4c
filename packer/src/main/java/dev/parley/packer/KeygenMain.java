package dev.parley.packer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Makes a team's release key: an Ed25519 private key as a PKCS#8 PEM file, owner-only, for
 * {@code -Dparley.signingKey=FILE}. Prints the fingerprint users will see and pin.
 *
 * <pre>mvn -B -q compile exec:java -Dexec.mainClass=dev.parley.packer.KeygenMain -Dexec.args=release.pem</pre>
 */
@Command(name = "parley-keygen", mixinStandardHelpOptions = true,
        description = "Write a new Ed25519 signing key (PKCS#8 PEM, owner-only) and print its fingerprint.")
public final class KeygenMain implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The private key file to create; never overwritten.")
    Path file;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new KeygenMain()).execute(args);
        if (code != CommandLine.ExitCode.OK) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), file + " exists; a key is never overwritten");
        }
        String fingerprint = SigningKey.generate(file);
        spec.commandLine().getOut().printf("parley-keygen: wrote %s (keep it private); templates signed with it "
                + "show signer %s%n", file, fingerprint);
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
