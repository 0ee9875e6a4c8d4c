package dev.parley.packer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key a template is signed with (JDK only), read from a PKCS#8 file (PEM or DER).
 *
 * <p>Its fingerprint is {@code ed25519:} + the first 16 hex digits of sha256 over the 32 raw public key
 * bytes; the bootstrap prints and pins the same (Bootstrap.Signature). Ed25519 signatures are
 * deterministic, so the same tree and the same key give the same template bytes.
 *
 * @param privateKey the key that signs
 * @param publicKey  its public half, stored in the template
 * @param file       where it was read from
 * @param created    whether this run created the file (a development key made on first use)
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, Path file, boolean created) {
    /** Where the packer keeps a checkout's development key when no release key is given. */
    public static final String DEVELOPMENT_KEY = "parley-dev-signing-key.pem";

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    /** An Ed25519 SubjectPublicKeyInfo is this 12-byte DER prefix and the 32 raw key bytes. */
    private static final int RAW_KEY_BYTES = 32;

    /** Reads a PKCS#8 Ed25519 private key, PEM ({@code BEGIN PRIVATE KEY}) or DER. */
    public static SigningKey read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains(PEM_BEGIN)) {
            String body = text.substring(text.indexOf(PEM_BEGIN) + PEM_BEGIN.length(), text.indexOf(PEM_END));
            bytes = Base64.getMimeDecoder().decode(body);
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(bytes));
            return new SigningKey(privateKey, publicKeyOf(privateKey), file, false);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not a PKCS#8 Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** The development key in {@code folder}: read if there, else created once (owner-only). */
    public static SigningKey development(Path folder) throws IOException {
        Path file = folder.resolve(DEVELOPMENT_KEY);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        Files.createDirectories(folder);
        generate(file);
        SigningKey key = read(file);
        return new SigningKey(key.privateKey(), key.publicKey(), file, true);
    }

    /**
     * Writes a new PKCS#8 PEM private key, readable by its owner only, and returns its fingerprint.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists (a key is never overwritten)
     */
    public static String generate(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ has Ed25519", e);
        }
        String pem = PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n" + PEM_END + "\n";
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".key-", ".tmp"); // 0600 on POSIX
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(temp, absolute); // no REPLACE_EXISTING: an existing key is never overwritten
        } finally {
            Files.deleteIfExists(temp);
        }
        return fingerprint(pair.getPublic());
    }

    /** Ed25519 signature over {@code text}'s UTF-8 bytes, base64. */
    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + file + ": " + e.getMessage(), e);
        }
    }

    /** The public key as the template stores it: base64 of its X.509 (SubjectPublicKeyInfo) encoding. */
    public String publicKeyText() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** {@code ed25519:} + 16 hex digits; see the class comment. */
    public String fingerprint() {
        return fingerprint(publicKey);
    }

    private static String fingerprint(PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length);
        return "ed25519:" + PackedFile.sha256(raw).substring(0, 16);
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no direct way and PKCS#8 v1 files carry no public
     * key, so the JDK's own generator derives the pair again from the private key's 32-byte seed.
     */
    private static PublicKey publicKeyOf(PrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
        return generator.generateKeyPair().getPublic();
    }

    /** Hands the key generator the seed it derives a pair from, so the pair is the private key's own. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
