package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A P-256 key of an attacker's, who can add it to the keys a registry serves (a man in the middle) and sign a
 * version's {@code name@version:integrity} with it, as a registry signs.
 */
public final class ForgedRegistryKey {
    private final KeyPair pair;
    private final String keyId;

    public ForgedRegistryKey() throws GeneralSecurityException {
        this("secp256r1");
    }

    /** A key on another curve (e.g. {@code secp384r1}), which a registry of its own could serve. */
    public ForgedRegistryKey(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        pair = generator.generateKeyPair();
        keyId = "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
    }

    public String keyId() {
        return keyId;
    }

    /** Adds the key to a {@code /-/npm/v1/keys} document, beside the ones it serves. */
    public void addTo(ObjectNode keysDocument) {
        ((ArrayNode) keysDocument.path("keys")).addObject().putNull("expires").put("keyid", keyId)
                .put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256")
                .put("key", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    /** Makes a version's {@code dist} say this integrity, signed by this key alone, with no attestations. */
    public void signAs(ObjectNode dist, String name, String version, String integrity)
            throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update((name + "@" + version + ":" + integrity).getBytes(StandardCharsets.UTF_8));
        dist.put("integrity", integrity).remove("attestations");
        dist.putArray("signatures").addObject().put("keyid", keyId)
                .put("sig", Base64.getEncoder().encodeToString(signer.sign()));
    }
}
