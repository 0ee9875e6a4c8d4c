package dev.parley.packer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Release keys: made by the keygen, read back as PEM or DER, never overwritten; the development key is made once. */
class SigningKeyTest {

    @Test
    void keygen_writes_an_owner_only_pkcs8_key_prints_its_fingerprint_and_never_overwrites_it() throws Exception {
        Path file = TemplateFixture.workFolder("keygen").resolve("release.pem");
        StringWriter out = new StringWriter();
        CommandLine keygen = new CommandLine(new KeygenMain()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter()));

        assertThat(keygen.execute(file.toString())).isZero();
        String written = Files.readString(file);

        assertThat(written).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SigningKey key = SigningKey.read(file);
        assertThat(key.fingerprint()).matches("ed25519:[0-9a-f]{16}");
        assertThat(out.toString()).contains("signer " + key.fingerprint());
        assertThat(keygen.execute(file.toString())).as("a second run on the same file").isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo(written);
    }

    @Test
    void a_der_key_reads_like_its_pem_and_signs_deterministically() throws Exception {
        Path folder = TemplateFixture.workFolder("der-key");
        Path pem = folder.resolve("key.pem");
        SigningKey.generate(pem);
        Path der = folder.resolve("key.der");
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "");
        Files.write(der, Base64.getMimeDecoder().decode(body));

        SigningKey fromPem = SigningKey.read(pem);
        SigningKey fromDer = SigningKey.read(der);

        assertThat(fromDer.fingerprint()).isEqualTo(fromPem.fingerprint());
        assertThat(fromDer.sign("manifest")).isEqualTo(fromPem.sign("manifest")).isNotEqualTo(fromPem.sign("other"));
    }

    @Test
    void the_development_key_is_made_once_and_then_read() throws Exception {
        Path folder = TemplateFixture.workFolder("dev-key");

        SigningKey first = SigningKey.development(folder);
        SigningKey second = SigningKey.development(folder);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(first.file()).isEqualTo(folder.resolve(SigningKey.DEVELOPMENT_KEY));
    }
}
