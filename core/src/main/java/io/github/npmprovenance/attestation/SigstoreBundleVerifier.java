package io.github.npmprovenance.attestation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorParseException;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.trustroot.TransparencyLog;
import io.github.npmprovenance.registry.RegistryKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies one Sigstore bundle from npm's attestations endpoint, offline. sigstore-java supplies the Fulcio chain
 * and SCT check and the Rekor SET, inclusion proof and checkpoint check; this class adds what npm's bundles need
 * and sigstore-java's one-call verifier refuses: 0.1 bundles with only a signed entry timestamp, publish
 * attestations signed by a registry key instead of a certificate, {@code intoto} log entries, sha512 subjects,
 * and the log-time validity checks.
 */
public final class SigstoreBundleVerifier {
    /** npm's bundles carry one log entry; a few more are checked, many are refused unchecked. */
    static final int MAX_TLOG_ENTRIES = 8;
    static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
    private static final Map<String, Integer> MEDIA_TYPES = Map.of(
            "application/vnd.dev.sigstore.bundle+json;version=0.1", 1,
            "application/vnd.dev.sigstore.bundle+json;version=0.2", 2,
            "application/vnd.dev.sigstore.bundle+json;version=0.3", 3,
            "application/vnd.dev.sigstore.bundle.v0.3+json", 3);
    private static final List<String> STATEMENT_TYPES =
            List.of("https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The public-good Rekor log's ID (the SHA-256 of its key), as trusted_root.json names it in base64. */
    private static final String PUBLIC_GOOD_REKOR_LOG_ID =
            "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d";
    /** The statement as npm reads it, with JSON.parse: one value and nothing after it. */
    private static final ObjectReader STATEMENT_READER =
            MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final TrustMaterial trust;

    public SigstoreBundleVerifier(TrustMaterial trust) {
        this.trust = trust;
    }

    /**
     * @param predicateType the type the registry lists for this attestation; the signed statement must agree
     */
    public VerifiedAttestation verify(JsonNode bundle, String predicateType, ExpectedSubject expected)
            throws AttestationException {
        String mediaType = bundle.path("mediaType").asText("");
        Integer bundleVersion = MEDIA_TYPES.get(mediaType);
        if (bundleVersion == null) {
            throw new AttestationException("BUNDLE_MEDIA_TYPE_UNSUPPORTED",
                    "unsupported Sigstore bundle media type \"" + mediaType + "\"");
        }

        JsonNode envelope = bundle.path("dsseEnvelope");
        if (!envelope.isObject()) {
            throw malformed("the bundle has no DSSE envelope");
        }
        byte[] payload = base64(envelope.path("payload"), "DSSE payload");
        String payloadType = envelope.path("payloadType").asText("");
        JsonNode signatures = envelope.path("signatures");
        if (!signatures.isArray() || signatures.size() != 1) {
            throw new AttestationException("DSSE_SIGNATURE_COUNT", "the DSSE envelope must carry exactly one signature");
        }
        byte[] signature = base64(signatures.get(0).path("sig"), "DSSE signature");
        String signatureKeyId = signatures.get(0).path("keyid").asText("");

        JsonNode material = bundle.path("verificationMaterial");
        requireOneKey(material, bundleVersion);
        JsonNode entries = material.path("tlogEntries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new AttestationException("TLOG_ENTRY_MISSING", "the bundle has no transparency log entry");
        }
        if (entries.size() > MAX_TLOG_ENTRIES) {
            // each entry costs a full check, and npm's bundles carry one: thousands would be a registry stalling the run
            throw new AttestationException("TLOG_ENTRY_COUNT", "the bundle carries " + entries.size()
                    + " transparency log entries; more than " + MAX_TLOG_ENTRIES + " are not checked");
        }
        List<RekorEntry> logged = new ArrayList<>();
        for (JsonNode entryJson : entries) {
            try {
                logged.add(RekorEntry.fromTLogEntryJson(entryJson.toString()));
            } catch (RekorParseException | RuntimeException e) {
                throw malformed("the transparency log entry is unreadable");
            }
        }
        Instant integratedTime = logged.get(0).getIntegratedTimeInstant();

        // provenance is signed by a CI identity, the publish attestation by the registry; other types by either
        boolean certificateSigned = PredicateTypes.isProvenance(predicateType)
                || !PredicateTypes.isPublish(predicateType) && !material.has("publicKey");
        SigningKey signingKey = certificateSigned
                ? certificateKey(material, signatureKeyId, integratedTime)
                : registryKey(material, signatureKeyId, integratedTime);

        // every entry, as sigstore-js (npm) checks every one: an entry left unchecked is one a tampered bundle
        // could carry
        boolean proofChecked = true;
        Set<String> timestamps = new HashSet<>();
        for (int i = 0; i < logged.size(); i++) {
            RekorEntry entry = logged.get(i);
            Instant time = entry.getIntegratedTimeInstant();
            requireValidAt(signingKey, time);
            proofChecked &= verifyLogEntry(entry, bundleVersion, time);
            JsonNode kindVersion = entries.get(i).path("kindVersion");
            TlogBody.match(body(entry), kindVersion.path("kind").asText(""), kindVersion.path("version").asText(""),
                    payload, signature, signingKey.der());
            // sigstore-js takes each entry for a timestamp (its log and time) and refuses a bundle giving one twice
            if (!timestamps.add(entry.getLogID().toLowerCase(java.util.Locale.ROOT) + "@" + time)) {
                throw new AttestationException("TLOG_ENTRY_DUPLICATE", "the bundle carries two transparency log "
                        + "entries of one log with one time (" + time + "), which npm refuses as a duplicate timestamp");
            }
        }

        if (!IN_TOTO_PAYLOAD_TYPE.equals(payloadType)) {
            throw new AttestationException("PAYLOAD_TYPE_UNSUPPORTED",
                    "the DSSE payload type is \"" + payloadType + "\", not " + IN_TOTO_PAYLOAD_TYPE);
        }
        verifyDsseSignature(signingKey.key(), payloadType, payload, signature);
        JsonNode statement = checkStatement(payload, predicateType, expected);

        Optional<ProvenanceFacts> facts = Optional.empty();
        if (signingKey.certificate().isPresent() && PredicateTypes.isProvenance(predicateType)) {
            ProvenanceFacts read = FulcioCertificate.facts(signingKey.certificate().get(), logged.get(0).getLogIndex());
            // search.sigstore.dev shows the public-good log's entries: another log's index there is another entry
            facts = Optional.of(PUBLIC_GOOD_REKOR_LOG_ID.equalsIgnoreCase(logged.get(0).getLogID()) ? read
                    : read.withRekorUrl(""));
            ProvenanceIdentity.check(statement.path("predicate"), facts.get());
        }
        return new VerifiedAttestation(predicateType, integratedTime, proofChecked, facts);
    }

    /**
     * The material names its key one way, as the bundle's schema (a protobuf oneof) has it and sigstore-js reads it:
     * a bundle naming two could be checked with one by this verifier and with the other by npm. Bundles of version
     * 0.3 and later carry the certificate alone, never a chain (sigstore-js refuses one).
     */
    private static void requireOneKey(JsonNode material, int bundleVersion) throws AttestationException {
        int named = 0;
        for (String key : List.of("publicKey", "x509CertificateChain", "certificate")) {
            named += material.has(key) ? 1 : 0;
        }
        if (named > 1) {
            throw malformed("the verification material names more than one of publicKey, x509CertificateChain and "
                    + "certificate");
        }
        if (bundleVersion >= 3 && material.has("x509CertificateChain")) {
            throw malformed("a bundle of version 0.3 or later carries its certificate alone, not a certificate chain");
        }
    }

    private record SigningKey(PublicKey key, byte[] der, Optional<X509Certificate> certificate,
            Optional<RegistryKey> registryKey) {
    }

    /** The signing key must have been valid when the log recorded the signature. */
    private static void requireValidAt(SigningKey key, Instant integratedTime) throws AttestationException {
        if (key.certificate().isPresent()) {
            try {
                key.certificate().get().checkValidity(Date.from(integratedTime));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new AttestationException("CERTIFICATE_NOT_VALID_AT_LOG_TIME", "the signing certificate was not "
                        + "valid when the transparency log recorded the signature (" + integratedTime + ")");
            }
        }
        if (key.registryKey().isPresent() && !key.registryKey().get().validAt(integratedTime)) {
            throw new AttestationException("PUBLISH_KEY_NOT_VALID", "registry key " + key.registryKey().get().keyId()
                    + " was not valid for attestations when the log recorded the signature (" + integratedTime + ")");
        }
    }

    /** Provenance is signed by a short-lived Fulcio certificate that must chain to the trusted root. */
    private SigningKey certificateKey(JsonNode material, String signatureKeyId, Instant integratedTime)
            throws AttestationException {
        List<byte[]> encoded = new ArrayList<>();
        if (material.has("x509CertificateChain")) {
            for (JsonNode cert : material.path("x509CertificateChain").path("certificates")) {
                encoded.add(base64(cert.path("rawBytes"), "certificate"));
            }
        } else if (material.has("certificate")) {
            encoded.add(base64(material.path("certificate").path("rawBytes"), "certificate"));
        }
        if (encoded.isEmpty()) {
            throw new AttestationException("CERTIFICATE_MISSING",
                    "the attestation must be signed by a Fulcio certificate, but the bundle has none");
        }
        if (!signatureKeyId.isEmpty()) {
            throw new AttestationException("DSSE_KEYID_UNKNOWN", "the signature names key \""
                    + signatureKeyId + "\", but the attestation is signed by a certificate, not a registry key");
        }
        CertPath path;
        X509Certificate leaf;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (byte[] der : encoded) {
                X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
                // the factory reads one certificate and ignores what follows it, and reads PEM text too: only the
                // DER bytes of one certificate are the certificate the bundle was served with
                if (!Arrays.equals(certificate.getEncoded(), der)) {
                    throw malformed("the signing certificate is not one DER-encoded certificate: "
                            + (der.length > certificate.getEncoded().length ? "bytes follow it"
                                    : "it is written in another form"));
                }
                certificates.add(certificate);
            }
            path = factory.generateCertPath(certificates);
            leaf = certificates.get(0);
        } catch (CertificateException e) {
            throw malformed("the signing certificate is unreadable");
        }
        try {
            trust.fulcio().verifySigningCertificate(path);
        } catch (Exception e) {
            throw new AttestationException("CERTIFICATE_INVALID", "the signing certificate does not verify against "
                    + "the Fulcio CAs and CT logs of the trusted root: " + firstLine(e.getMessage()), e);
        }
        SigningKey key;
        try {
            key = new SigningKey(leaf.getPublicKey(), leaf.getEncoded(), Optional.of(leaf), Optional.empty());
        } catch (CertificateException e) {
            throw malformed("the signing certificate is unreadable");
        }
        requireValidAt(key, integratedTime);
        return key;
    }

    /**
     * The publish attestation is signed by a registry attestation key: the one the signature's keyid names, which
     * must also be the one the bundle's hint names (npm looks the key up by the keyid alone).
     */
    private SigningKey registryKey(JsonNode material, String signatureKeyId, Instant integratedTime)
            throws AttestationException {
        String hint = material.path("publicKey").path("hint").asText("");
        if (hint.isEmpty()) {
            throw new AttestationException("PUBLISH_KEY_MISSING",
                    "the publish attestation does not name the registry key that signed it");
        }
        // npm finds the key by the signature's keyid alone, not the hint: without one it has no key and fails
        if (signatureKeyId.isEmpty()) {
            throw new AttestationException("DSSE_KEYID_MISSING", "the publish signature names no key id, so npm has "
                    + "no registry key to check it with (the bundle's hint is " + hint + ")");
        }
        if (!signatureKeyId.equals(hint)) {
            throw new AttestationException("DSSE_KEYID_MISMATCH", "the publish signature names key \""
                    + signatureKeyId + "\" but the bundle names \"" + hint + "\"");
        }
        RegistryKey key = trust.registryKeys().find(hint, RegistryKey.Usage.ATTESTATIONS).orElseThrow(() ->
                new AttestationException("PUBLISH_KEY_UNKNOWN", "the publish attestation is signed with key \""
                        + hint + "\", which is not a known registry attestation key"));
        PublicKey publicKey = key.publicKey().orElseThrow(() -> new AttestationException(
                "PUBLISH_KEY_NOT_VALID", "the publish attestation is signed with key \"" + hint + "\", whose "
                        + "material is no EC public key this tool reads"));
        SigningKey signingKey = new SigningKey(publicKey, publicKey.getEncoded(), Optional.empty(), Optional.of(key));
        requireValidAt(signingKey, integratedTime);
        return signingKey;
    }

    /** @return whether an inclusion proof was checked (0.1 bundles may carry only the signed entry timestamp) */
    private boolean verifyLogEntry(RekorEntry entry, int bundleVersion, Instant integratedTime)
            throws AttestationException {
        byte[] logId;
        try {
            logId = HexFormat.of().parseHex(entry.getLogID());
        } catch (IllegalArgumentException e) {
            throw malformed("the log entry's log id is unreadable");
        }
        TransparencyLog log = TransparencyLog.find(trust.transparencyLogs(), logId, integratedTime).orElseThrow(() ->
                new AttestationException("TLOG_UNKNOWN", "the entry is not from a transparency log of the trusted "
                        + "root that was valid at " + integratedTime));
        String set = entry.getVerification().getSignedEntryTimestamp();
        if (set == null || set.isEmpty()) {
            // the integrated time, on which every validity check rests, is only signed by the SET
            throw new AttestationException("TLOG_SET_MISSING", "the log entry has no signed entry timestamp");
        }
        if (entry.getVerification().getInclusionProof() != null) {
            try {
                trust.rekor().verifyEntry(entry);
            } catch (RekorVerificationException e) {
                throw new AttestationException("TLOG_ENTRY_INVALID",
                        "the transparency log entry does not verify: " + firstLine(e.getMessage()), e);
            } catch (IllegalArgumentException e) {
                // sigstore-java decodes the checkpoint's root hash and signatures without catching bad base64
                throw new AttestationException("TLOG_ENTRY_INVALID",
                        "the transparency log entry does not verify: its checkpoint holds malformed base64", e);
            }
            return true;
        }
        if (bundleVersion >= 2) {
            throw new AttestationException("TLOG_PROOF_MISSING",
                    "the log entry has no inclusion proof, which bundles from version 0.2 must carry");
        }
        try {
            boolean valid = Verifiers.newVerifier(log.getPublicKey().toJavaPublicKey())
                    .verify(entry.getSignableContent(), Base64.getDecoder().decode(set));
            if (!valid) {
                throw new AttestationException("TLOG_ENTRY_INVALID",
                        "the transparency log's signed entry timestamp does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AttestationException("TLOG_ENTRY_INVALID",
                    "the transparency log's signed entry timestamp does not verify: " + e.getMessage(), e);
        }
        return false;
    }

    private static JsonNode body(RekorEntry entry) throws AttestationException {
        try {
            return MAPPER.readTree(Base64.getDecoder().decode(entry.getBody()));
        } catch (IOException | IllegalArgumentException e) {
            throw malformed("the log entry body is unreadable");
        }
    }

    static void verifyDsseSignature(PublicKey key, String payloadType, byte[] payload, byte[] signature)
            throws AttestationException {
        boolean valid;
        try {
            valid = Verifiers.newVerifier(key).verify(pae(payloadType, payload), signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new AttestationException("DSSE_SIGNATURE_INVALID",
                    "the DSSE signature does not verify over the attestation payload");
        }
    }

    /** DSSE pre-authentication encoding; lengths count bytes, not characters. */
    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] pae = new byte[header.length + payload.length];
        System.arraycopy(header, 0, pae, 0, header.length);
        System.arraycopy(payload, 0, pae, header.length, payload.length);
        return pae;
    }

    /** @return the statement, once it is about the expected package */
    static JsonNode checkStatement(byte[] payload, String predicateType, ExpectedSubject expected)
            throws AttestationException {
        JsonNode statement;
        try {
            // as npm reads it, JSON.parse of the bytes as UTF-8: no byte order mark, no UTF-16 or UTF-32, which
            // Jackson would detect from the bytes and npm refuses
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload)).toString();
            if (text.startsWith("\uFEFF")) {
                throw new AttestationException("STATEMENT_MALFORMED", "the attestation payload begins with a byte "
                        + "order mark, which npm's JSON.parse refuses");
            }
            statement = STATEMENT_READER.readTree(text);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AttestationException("STATEMENT_MALFORMED", "the attestation payload is not UTF-8 text");
        } catch (IOException e) {
            throw new AttestationException("STATEMENT_MALFORMED", "the attestation payload is not valid JSON");
        }
        if (statement == null || !STATEMENT_TYPES.contains(statement.path("_type").asText())) {
            throw new AttestationException("STATEMENT_TYPE_UNSUPPORTED", "the attestation is not an in-toto statement");
        }
        String signedType = statement.path("predicateType").asText();
        if (!signedType.equals(predicateType)) {
            throw new AttestationException("PREDICATE_TYPE_MISMATCH", "the signed statement's predicate type \""
                    + signedType + "\" differs from the registry's \"" + predicateType + "\"");
        }
        JsonNode subjects = statement.path("subject");
        if (!subjects.isArray() || subjects.size() != 1) {
            throw new AttestationException("SUBJECT_COUNT", "the statement must have exactly one subject, it has "
                    + (subjects.isArray() ? subjects.size() : 0));
        }
        JsonNode subject = subjects.get(0);
        String name = subject.path("name").asText("");
        // compared as written, as npm does: a purl spelled otherwise (an unescaped scope, escaped characters) is
        // not the one npm publishes, and npm rejects it
        if (!name.equals(expected.purl())) {
            throw new AttestationException("SUBJECT_NAME_MISMATCH", "the attestation is about \"" + name
                    + "\", not " + expected.purl());
        }
        JsonNode digest = subject.path("digest").path("sha512");
        if (!digest.isTextual()) {
            throw new AttestationException("SUBJECT_DIGEST_MISSING", "the attestation's subject has no sha512 digest");
        }
        // lower-case hex exactly, as npm compares it with ssri's hexDigest()
        if (!digest.asText().equals(expected.sha512Hex())) {
            throw new AttestationException("SUBJECT_DIGEST_MISMATCH",
                    "the attestation's subject digest differs from the lockfile's sha512 integrity");
        }
        return statement;
    }

    private static byte[] base64(JsonNode value, String what) throws AttestationException {
        if (!value.isTextual()) {
            throw malformed("the bundle has no " + what);
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw malformed("the bundle's " + what + " is not valid base64");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.split("\\R", 2)[0];
    }

    private static AttestationException malformed(String message) {
        return new AttestationException("BUNDLE_MALFORMED", message);
    }
}
