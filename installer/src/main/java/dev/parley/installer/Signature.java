package dev.parley.installer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Who signed a template. The packer stores three metadata rows: {@code manifest} ({@link Manifest}),
 * {@code manifest_signature} (Ed25519 over its UTF-8 bytes, base64) and {@code signer_key} (the public key's
 * X.509 encoding, base64). A signer is named by its fingerprint: {@code ed25519:} + the first 16 hex digits of
 * sha256 over the 32 raw public key bytes. A live database pins the signer it trusts in {@code trusted_signer}.
 */
final class Signature {
    static final String UNSIGNED = "unsigned";
    static final List<String> ROWS = List.of("manifest", "manifest_signature", "signer_key");
    static final String PIN = "trusted_signer";
    /** An Ed25519 SubjectPublicKeyInfo ends with the 32 raw key bytes. */
    private static final int RAW_KEY_BYTES = 32;

    private Signature() {}

    /** The fingerprint of the key whose signature covers the template's rows, or {@link #UNSIGNED}. */
    static String signer(Template template) {
        Map<String, String> metadata = template.metadata;
        long present = ROWS.stream().filter(metadata::containsKey).count();
        if (present == 0) {
            return UNSIGNED;
        }
        if (present < ROWS.size()) {
            throw new Failure(Exit.VERIFICATION_FAILED, template.shown + " carries part of a signature ("
                    + String.join(", ", ROWS) + " go together): tampered?");
        }
        String stored = metadata.get("manifest");
        if (!stored.startsWith(Manifest.FORMAT_LINE + "\n")) {
            throw new Failure(Exit.VERIFICATION_FAILED, template.shown + " has a manifest of format '"
                    + stored.lines().findFirst().orElse("") + "'; this bootstrap reads '" + Manifest.FORMAT_LINE
                    + "': update your Bootstrap.java from that template");
        }
        PublicKey key;
        boolean valid;
        try {
            key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(metadata.get("signer_key"))));
            java.security.Signature check = java.security.Signature.getInstance("Ed25519"); // not this class
            check.initVerify(key);
            check.update(stored.getBytes(StandardCharsets.UTF_8));
            valid = check.verify(Base64.getDecoder().decode(metadata.get("manifest_signature")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Failure(Exit.VERIFICATION_FAILED, template.shown + " has an unreadable signature or key ("
                    + e.getMessage() + "): tampered?");
        }
        String fingerprint = fingerprint(key);
        if (!valid) {
            throw new Failure(Exit.VERIFICATION_FAILED, template.shown + ": the signature by " + fingerprint
                    + " does not match its manifest: tampered?");
        }
        String actual = Manifest.of(template);
        if (!actual.equals(stored)) {
            throw new Failure(Exit.VERIFICATION_FAILED, template.shown + " does not match the manifest signed by "
                    + fingerprint + " (first difference: " + firstDifference(stored, actual) + "): tampered?");
        }
        return fingerprint;
    }

    static String fingerprint(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return "ed25519:" + Hashes.sha256(Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length))
                .substring(0, 16);
    }

    private static String firstDifference(String signed, String actual) {
        List<String> a = signed.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String was = i < a.size() ? a.get(i) : "(nothing)";
            String is = i < b.size() ? b.get(i) : "(nothing)";
            if (!was.equals(is)) {
                return "signed '" + was + "', found '" + is + "'";
            }
        }
        return "line endings";
    }
}
