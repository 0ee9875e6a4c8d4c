package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.BuildHash;
import dev.parley.packer.Manifest;
import dev.parley.packer.PackedFile;
import dev.parley.packer.SigningKey;
import dev.parley.packer.TemplateFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed templates through the real {@code java Bootstrap.java}: the packer's signature verifies, a forged
 * template (a packed file changed and every sha256, size and the build hash recomputed) is refused whether its
 * old signature is kept or another key signs it, a stripped signature runs no code of its own (stage 1 refuses it)
 * and shows as "unsigned" to an installed bootstrap, and {@code --upgrade}
 * accepts only the pinned signer unless {@code --trust} names the new one. No run here compiles the hub.
 */
class SignedTemplateTest {
    private static final int VERIFICATION_FAILED = 4;
    private static final String VICTIM = "modules/server/src/main/java/dev/parley/server/Hub.java";
    private static final String FORGED_CODE = "class Hub { /* forged */ }";

    @Test
    void a_packed_template_verifies_and_lists_its_signer_and_the_bootstrap_computes_the_packers_manifest()
            throws Exception {
        String signer = TemplateFixture.signingKey().fingerprint();
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "signed");
        try (Connection db = open(user.dir().resolve("parley.db"))) {
            assertThat(metadata(db, "manifest")).isEqualTo(Manifest.of(db)).startsWith(Manifest.FORMAT_LINE + "\n")
                    .contains("\nfile " + VICTIM + " ", "\nmeta main_class dev.parley.server.HubMain\n",
                            "\nfile template/migrations/0001_runtime_schema.sql ");
        }
        assertThat(signer).matches("ed25519:[0-9a-f]{16}");

        BootstrapProcess.Finished verify = user.run("--verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("signer " + signer);

        BootstrapProcess.Finished list = user.run("--list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern("(?m)^  signer +" + signer + "$")
                .doesNotContain("manifest_signature", "parley-manifest", "signer_key");
    }

    @Test
    void a_forged_file_with_every_hash_recomputed_is_refused_under_the_old_signature() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "forged-kept");
        Path template = user.dir().resolve("parley.db");
        forge(template);

        for (String command : new String[] {"--verify", "--list"}) {
            BootstrapProcess.Finished run = user.run(command);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(VERIFICATION_FAILED);
            assertThat(run.output()).contains("does not match the manifest signed by "
                    + TemplateFixture.signingKey().fingerprint(), VICTIM).doesNotContain("\tat ");
            assertThat(run.output().strip().lines()).hasSize(1);
        }
        BootstrapProcess.Finished install = user.run("--no-run");
        assertThat(install.exitCode()).as(install.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(install.output()).contains("does not match the manifest signed by");
        assertThat(user.liveDb()).as("a forged template is never installed").doesNotExist();
        try (java.util.stream.Stream<Path> builds = Files.list(user.workspace())) {
            assertThat(builds.map(path -> path.getFileName().toString()))
                    .as("nor built (only its installer, whose files match the signature)").containsExactly("installer");
        }
    }

    @Test
    void a_signature_that_is_not_the_keys_is_refused() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "forged-signature");
        Path template = user.dir().resolve("parley.db");
        SigningKey other = otherKey(user.dir());
        try (Connection db = open(template)) {
            setMetadata(db, "manifest_signature", other.sign(metadata(db, "manifest"))); // the key stays the packer's
        }

        BootstrapProcess.Finished verify = user.run("--verify");

        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(verify.output()).contains("the signature by " + TemplateFixture.signingKey().fingerprint()
                + " does not match its manifest");
    }

    @Test
    void a_manifest_of_a_later_format_asks_for_a_newer_bootstrap() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "later-manifest");
        try (Connection db = open(user.dir().resolve("parley.db"))) {
            setMetadata(db, "manifest", metadata(db, "manifest").replace(Manifest.FORMAT_LINE, "parley-manifest 2"));
        }

        BootstrapProcess.Finished verify = user.run("--verify");

        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(verify.output()).contains("'parley-manifest 2'", "update your Bootstrap.java")
                .doesNotContain("\tat ");
    }

    @Test
    void a_stripped_signature_runs_no_code_of_its_own_and_shows_as_unsigned_to_an_installed_bootstrap()
            throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "stripped");
        Path template = user.dir().resolve("stripped.db");
        Files.copy(TemplateFixture.fullTemplate(), template);
        forge(template);
        strip(template);

        BootstrapProcess.Finished alone = user.run("--verify", "--db", template.toString());
        assertThat(alone.exitCode()).as(alone.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(alone.output()).contains("carries no complete signed manifest", "runs only signed code");

        Files.createDirectories(user.parleyHome());
        Files.copy(TemplateFixture.fullTemplate(), user.liveDb()); // an installed, genuine database inspects it
        BootstrapProcess.Finished verify = user.run("--verify", "--db", template.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("signer unsigned");

        BootstrapProcess.Finished list = user.run("--list", "--db", template.toString());
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern("(?m)^  signer +unsigned$");
    }

    @Test
    void upgrade_refuses_another_signer_or_unsigned_until_trusted_and_then_pins_the_new_one() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "pinned");
        Files.createDirectories(user.parleyHome());
        Files.copy(TemplateFixture.fullTemplate(), user.liveDb()); // what the first start installs, without a build
        String pinned = TemplateFixture.signingKey().fingerprint();
        SigningKey other = otherKey(user.dir());
        Path resigned = user.dir().resolve("resigned.db");
        Files.copy(TemplateFixture.fullTemplate(), resigned);
        forge(resigned);
        try (Connection db = open(resigned)) {
            String manifest = Manifest.of(db);
            setMetadata(db, "manifest", manifest);
            setMetadata(db, "manifest_signature", other.sign(manifest));
            setMetadata(db, "signer_key", other.publicKeyText());
        }
        Path unsigned = user.dir().resolve("unsigned.db");
        Files.copy(TemplateFixture.fullTemplate(), unsigned);
        forge(unsigned);
        strip(unsigned);
        byte[] live = Files.readAllBytes(user.liveDb());

        BootstrapProcess.Finished refused = user.run("--upgrade", resigned.toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(refused.output()).contains("trusts templates signed by " + pinned,
                "is signed by " + other.fingerprint(), "--trust " + other.fingerprint());
        assertThat(refused.output().strip().lines().filter(line -> !line.startsWith("building the installer (")))
                .as("the refusal is one line (after stage 1 built the live installer)").hasSize(1);
        BootstrapProcess.Finished unsignedRefused = user.run("--upgrade", unsigned.toString());
        assertThat(unsignedRefused.exitCode()).as(unsignedRefused.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(unsignedRefused.output()).contains(pinned, "is signed by unsigned");
        BootstrapProcess.Finished wrongTrust = user.run("--upgrade", resigned.toString(), "--trust", pinned);
        assertThat(wrongTrust.exitCode()).as(wrongTrust.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(Files.readAllBytes(user.liveDb())).as("the live database is untouched").isEqualTo(live);

        BootstrapProcess.Finished trusted = user.run("--upgrade", resigned.toString(), "--trust", other.fingerprint());
        assertThat(trusted.exitCode()).as(trusted.output()).isZero();
        assertThat(trusted.output()).contains("now trusting templates signed by " + other.fingerprint());
        try (Connection db = open(user.liveDb())) {
            assertThat(metadata(db, "trusted_signer")).isEqualTo(other.fingerprint());
        }
        BootstrapProcess.Finished back = user.run("--upgrade", TemplateFixture.fullTemplate().toString());
        assertThat(back.exitCode()).as("the old key is no longer the pinned one: " + back.output())
                .isEqualTo(VERIFICATION_FAILED);
        assertThat(back.output()).contains("trusts templates signed by " + other.fingerprint(), "is signed by " + pinned);
    }

    /** Changes one packed file and recomputes its sha256 and size and the build hash, as a forger would. */
    private static void forge(Path template) throws SQLException {
        byte[] code = FORGED_CODE.getBytes(StandardCharsets.UTF_8);
        try (Connection db = open(template)) {
            try (PreparedStatement archive = db.prepareStatement("UPDATE sqlar SET data = ?, sz = ? WHERE name = ?");
                 PreparedStatement module = db.prepareStatement(
                         "UPDATE module_files SET sha256 = ?, size = ? WHERE path = ?")) {
                archive.setBytes(1, code);
                archive.setInt(2, code.length);
                archive.setString(3, VICTIM);
                assertThat(archive.executeUpdate()).isOne();
                module.setString(1, PackedFile.sha256(code));
                module.setInt(2, code.length);
                module.setString(3, VICTIM);
                assertThat(module.executeUpdate()).isOne();
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT path, sha256 FROM module_files WHERE kind <> 'library' "
                         + "UNION ALL SELECT path, sha256 FROM libraries")) {
                while (rows.next()) {
                    hashes.put(rows.getString(1), rows.getString(2));
                }
            }
            setMetadata(db, "build_hash", BuildHash.of(hashes));
        }
    }

    private static void strip(Path template) throws SQLException {
        try (Connection db = open(template); Statement statement = db.createStatement()) {
            assertThat(statement.executeUpdate("DELETE FROM metadata WHERE key IN "
                    + "('manifest', 'manifest_signature', 'signer_key')")).isEqualTo(3);
        }
    }

    private static SigningKey otherKey(Path folder) throws Exception {
        Path file = folder.resolve("other.pem");
        SigningKey.generate(file);
        return SigningKey.read(file);
    }

    private static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    private static String metadata(Connection db, String key) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT value FROM metadata WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static void setMetadata(Connection db, String key, String value) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("INSERT OR REPLACE INTO metadata(key, value) VALUES (?, ?)")) {
            update.setString(1, key);
            update.setString(2, value);
            update.executeUpdate();
        }
    }
}
