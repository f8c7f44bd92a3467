package io.github.npmprovenance.verify;

import io.github.npmprovenance.registry.RegistryKey;
import io.github.npmprovenance.registry.RegistrySignature;
import io.github.npmprovenance.registry.VersionMetadata;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * npm's registry signature semantics: ECDSA P-256 / SHA-256 over {@code name@version:integrity}, every published
 * signature must verify, an unknown key id or a key that expired before the version was published is invalid; a
 * signed version from a registry that serves no keys could not be verified.
 */
final class RegistrySignatureCheck {
    CheckResult check(VersionMetadata metadata, SigningKeys signingKeys) {
        if (signingKeys.outcome() == Outcome.SKIPPED && !metadata.signatures().isEmpty()) {
            // npm fails it (EMISSINGSIGNATUREKEY): a signed version whose registry serves no keys to check it with
            // could not be verified, as when a registry known to sign serves none; not skipped
            return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ERROR, "REGISTRY_KEYS_MISSING",
                    "signed with key \"" + metadata.signatures().get(0).keyId()
                            + "\", but the registry publishes no signing keys to check it with");
        }
        if (signingKeys.outcome() != Outcome.PASS) {
            return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, signingKeys.outcome(), signingKeys.code(),
                    signingKeys.message());
        }
        if (metadata.signatures().isEmpty()) {
            return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED",
                    "the registry publishes signing keys but has no signature for this version");
        }
        if (metadata.integrity().isEmpty()) {
            return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ERROR, "REGISTRY_INTEGRITY_MISSING",
                    "the registry signed this version but publishes no integrity to check the signature against");
        }
        String message = metadata.name() + "@" + metadata.version() + ":" + metadata.integrity().get();
        List<String> keyIds = new ArrayList<>();
        for (RegistrySignature signature : metadata.signatures()) {
            var key = signingKeys.keys().orElseThrow().find(signature.keyId());
            if (key.isEmpty() && signingKeys.notTrusted().contains(signature.keyId())) {
                return fail("UNKNOWN_KEY", "signed with key \"" + signature.keyId() + "\", which the registry serves"
                        + " but is not among the keys it is known to sign with (those embedded in this tool, or given to"
                        + " the run in their place): a new key of the registry's needs those updated");
            }
            if (key.isEmpty()) {
                return fail("UNKNOWN_KEY", "signed with key \"" + signature.keyId()
                        + "\", which is not among the registry's signing keys");
            }
            if (key.get().expires().isPresent()) {
                if (metadata.publishTime().isEmpty()) {
                    return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ERROR, "PUBLISH_TIME_UNKNOWN",
                            "key " + signature.keyId() + " has an expiry date, but the registry gives no publish "
                                    + "time for this version to check it against");
                }
                // as npm: the key must still be valid when the version is published, expiry itself excluded
                if (!metadata.publishTime().get().isBefore(key.get().expires().get())) {
                    return fail("KEY_EXPIRED", "signed with key " + signature.keyId() + ", which expired on "
                            + key.get().expires().get() + ", not after this version was published on "
                            + metadata.publishTime().get());
                }
            }
            CheckResult verified = verify(key.get(), message, signature);
            if (verified != null) {
                return verified;
            }
            keyIds.add(signature.keyId());
        }
        return CheckResult.pass(CheckResult.REGISTRY_SIGNATURE,
                "registry signature verified (" + String.join(", ", keyIds) + ")");
    }

    /** Null when the signature verifies. */
    private CheckResult verify(RegistryKey key, String message, RegistrySignature signature) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signature.signature());
        } catch (IllegalArgumentException e) {
            return fail("SIGNATURE_MALFORMED", "the registry signature is not valid base64");
        }
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        if (key.publicKey().isEmpty()) {
            // npm's verify throws on such a key, for this package only
            return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ERROR, "SIGNATURE_UNCHECKABLE",
                    "signed with key " + key.keyId() + ", which the registry serves as no EC public key this tool "
                            + "reads (key type \"" + key.keyType() + "\")");
        }
        PublicKey publicKey = key.publicKey().get();
        try {
            var p256 = EcdsaP256.key(key.encoded(), publicKey);
            boolean valid;
            if (p256.isPresent()) {
                valid = EcdsaP256.verify(p256.get(), data, der);
            } else {
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(publicKey);
                verifier.update(data);
                valid = verifier.verify(der);
            }
            if (!valid) {
                return fail("SIGNATURE_INVALID", "the registry signature by " + key.keyId()
                        + " does not match name@version:integrity");
            }
        } catch (java.security.SignatureException e) {
            return fail("SIGNATURE_MALFORMED", "the registry signature is not a valid DER ECDSA signature");
        } catch (GeneralSecurityException e) {
            return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ERROR, "SIGNATURE_UNCHECKABLE",
                    "cannot check a signature with key " + key.keyId() + ": " + e.getMessage());
        }
        return null;
    }

    private static CheckResult fail(String code, String message) {
        return CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, code, message);
    }
}
