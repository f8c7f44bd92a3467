package io.github.npmprovenance.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Proves that a transparency log entry was made for this very envelope: same signature, same payload digest,
 * same signing key. npm's bundles carry two entry kinds: {@code intoto 0.0.2} (older) and {@code dsse 0.0.1}.
 */
final class TlogBody {
    private TlogBody() {
    }

    /**
     * @param signingKeyDer the DER of the signing certificate, or of the public key for key-signed bundles
     */
    static void match(JsonNode body, String kind, String version, byte[] payload, byte[] signature,
            byte[] signingKeyDer) throws AttestationException {
        if (!kind.equals(body.path("kind").asText()) || !version.equals(body.path("apiVersion").asText())) {
            throw mismatch("the log entry is a " + body.path("kind").asText() + " " + body.path("apiVersion").asText()
                    + " entry, but the bundle says " + kind + " " + version);
        }
        JsonNode spec = body.path("spec");
        byte[] loggedSignature;
        String loggedPayloadHash;
        String loggedKey;
        if (kind.equals("intoto") && version.equals("0.0.2")) {
            JsonNode signatures = spec.path("content").path("envelope").path("signatures");
            requireOne(signatures);
            // intoto 0.0.2 stores the envelope's base64 signature base64-encoded once more
            loggedSignature = decode(new String(decode(signatures.get(0).path("sig").asText()), StandardCharsets.US_ASCII));
            loggedKey = signatures.get(0).path("publicKey").asText();
            loggedPayloadHash = hash(spec.path("content").path("payloadHash"));
        } else if (kind.equals("dsse") && version.equals("0.0.1")) {
            JsonNode signatures = spec.path("signatures");
            requireOne(signatures);
            loggedSignature = decode(signatures.get(0).path("signature").asText());
            loggedKey = signatures.get(0).path("verifier").asText();
            loggedPayloadHash = hash(spec.path("payloadHash"));
        } else {
            throw new AttestationException("TLOG_KIND_UNSUPPORTED",
                    "the transparency log entry kind " + kind + " " + version + " is not supported");
        }
        if (!MessageDigest.isEqual(loggedSignature, signature)) {
            throw mismatch("the log entry records a different signature than the bundle's envelope");
        }
        if (!loggedPayloadHash.equals(HexFormat.of().formatHex(sha256(payload)))) {
            throw mismatch("the log entry records a different payload digest than the bundle's envelope");
        }
        if (!MessageDigest.isEqual(pemToDer(loggedKey), signingKeyDer)) {
            throw mismatch("the log entry records a different signing key than the bundle's");
        }
    }

    private static void requireOne(JsonNode signatures) throws AttestationException {
        if (!signatures.isArray() || signatures.size() != 1) {
            throw mismatch("the log entry must record exactly one signature");
        }
    }

    private static String hash(JsonNode hash) throws AttestationException {
        if (!"sha256".equals(hash.path("algorithm").asText())) {
            throw mismatch("the log entry's payload digest is not sha256");
        }
        return hash.path("value").asText().toLowerCase(java.util.Locale.ROOT);
    }

    /** A base64-encoded PEM block, as Rekor stores keys and certificates, to DER. */
    private static byte[] pemToDer(String base64Pem) throws AttestationException {
        String pem = new String(decode(base64Pem), StandardCharsets.US_ASCII);
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject block = reader.readPemObject();
            if (block == null) {
                throw mismatch("the log entry records no PEM block for the signing key");
            }
            return block.getContent();
        } catch (IOException | RuntimeException e) {
            throw mismatch("the log entry records a malformed PEM block for the signing key");
        }
    }

    private static byte[] decode(String base64) throws AttestationException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw mismatch("the log entry holds malformed base64");
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttestationException mismatch(String message) {
        return new AttestationException("TLOG_BODY_MISMATCH", message);
    }
}
