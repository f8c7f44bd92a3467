package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.attestation.ExpectedSubject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The recorded attestation responses and what each is about. */
public final class RecordedAttestations {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordedAttestations() {
    }

    /** Keys ({@code <escapedName>@<version>}) of every recorded, valid attestations response. */
    public static List<String> keys() {
        return Fixtures.list("registry/attestations").stream().map(f -> f.substring(0, f.length() - 5)).toList();
    }

    public static JsonNode response(String key) {
        return Fixtures.json("registry/attestations/" + key + ".json");
    }

    public static String name(String key) {
        String escaped = key.substring(0, key.lastIndexOf('@'));
        return URLDecoder.decode(escaped.replace("%2f", "%2F"), StandardCharsets.UTF_8);
    }

    public static String version(String key) {
        return key.substring(key.lastIndexOf('@') + 1);
    }

    /**
     * The subject a lockfile pinning this package expects: sha512 of the real tarball. For the one package whose
     * tarball exists nowhere (@laurentsimon/provenance-npm-test@1.0.0) it is the digest its valid publish
     * attestation names, which the slsa-verifier tests also use.
     */
    public static ExpectedSubject expected(String key) {
        String hex;
        if (key.equals("@laurentsimon%2fprovenance-npm-test@1.0.0")) {
            hex = statement(response(key).path("attestations").get(0).path("bundle"))
                    .path("subject").get(0).path("digest").path("sha512").asText();
        } else {
            hex = HexFormat.of().formatHex(sha512(Fixtures.bytes("tarballs/" + key + ".tgz")));
        }
        return new ExpectedSubject(name(key), version(key), hex);
    }

    /** The lockfile integrity for a recorded package: sha512 SRI of its tarball. */
    public static String integrity(String key) {
        return "sha512-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(expected(key).sha512Hex()));
    }

    public static JsonNode statement(JsonNode bundle) {
        try {
            return MAPPER.readTree(Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
