package io.github.npmprovenance.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.attestation.AttestationException;
import io.github.npmprovenance.attestation.ExpectedSubject;
import io.github.npmprovenance.attestation.PredicateTypes;
import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.attestation.SigstoreBundleVerifier;
import io.github.npmprovenance.attestation.VerifiedAttestation;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKey;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.VersionMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The provenance and publish-attestation checks of one package: fetch the attestations the registry lists for the
 * version, verify every bundle, and bind each to the lockfile's sha512. A publish attestation must also be signed
 * by a key the registry serves, valid when the log recorded it, as npm requires.
 */
final class AttestationChecks {
    /** npm publishes a provenance and a publish attestation; room for a few more types to come. */
    static final int MAX_ATTESTATIONS = 16;

    /** Supplies the attestations response; only called when the registry lists attestations. */
    interface Fetch {
        JsonNode get() throws RegistryException;
    }

    /** The checks and, when provenance verified, what it proves. */
    record Result(List<CheckResult> checks, Optional<ProvenanceFacts> provenance) {
    }

    private final SigstoreBundleVerifier verifier;
    private final RegistryKeys trustedKeys;

    /** @param trustedKeys the registry keys the verifier checks publish attestations with */
    AttestationChecks(SigstoreBundleVerifier verifier, RegistryKeys trustedKeys) {
        this.verifier = verifier;
        this.trustedKeys = trustedKeys;
    }

    Result check(LockedPackage pkg, VersionMetadata metadata, Fetch fetch, SigningKeys signingKeys) {
        if (metadata.attestations().isEmpty()) {
            return new Result(List.of(CheckResult.of(CheckResult.PROVENANCE, Outcome.ABSENT, "NO_PROVENANCE",
                    "the registry lists no provenance for this version")), Optional.empty());
        }
        Optional<String> listedProvenance = Optional.of(metadata.attestations().get()
                .path("provenance").path("predicateType")).filter(JsonNode::isTextual).map(JsonNode::asText);
        Set<String> sha512 = new LinkedHashSet<>();
        pkg.integrity().map(i -> i.digests("sha512")).orElse(List.of()).forEach(digest -> decode(digest)
                .ifPresent(bytes -> sha512.add(HexFormat.of().formatHex(bytes))));
        if (sha512.isEmpty()) {
            return error("LOCKFILE_SHA512_MISSING",
                    "the lockfile pins no usable sha512 integrity, so attestations cannot be bound to what it installs");
        }
        if (sha512.size() > 1) {
            // npm installs a tarball that matches any one of them (ssri), and a statement is about one tarball
            return new Result(List.of(CheckResult.of(CheckResult.PROVENANCE, Outcome.FAIL, "LOCKFILE_SHA512_AMBIGUOUS",
                    "the lockfile pins " + sha512.size() + " different sha512 digests, and npm installs a tarball that"
                            + " matches any one of them: provenance is about one tarball, so it cannot vouch for them"
                            + " all")), Optional.empty());
        }
        ExpectedSubject expected = new ExpectedSubject(pkg.name(), pkg.version(), sha512.iterator().next());
        JsonNode response;
        try {
            response = fetch.get();
        } catch (RegistryException e) {
            return error(e.code(), "cannot obtain the attestations the registry lists: " + e.getMessage());
        }

        if (!response.path("attestations").isArray()) {
            // Jackson would iterate an object's values as if they were a list; npm's attestations.map() throws
            return error("REGISTRY_MALFORMED_RESPONSE", "the registry's attestations response holds no list of"
                    + " attestations");
        }
        if (response.path("attestations").size() > MAX_ATTESTATIONS) {
            // each is a signature chain to check: hundreds would hold the run up for seconds a package
            return error("REGISTRY_MALFORMED_RESPONSE", "the registry's attestations response lists "
                    + response.path("attestations").size() + " attestations; npm publishes two, and more than "
                    + MAX_ATTESTATIONS + " are not checked");
        }
        for (JsonNode attestation : response.path("attestations")) {
            if (!attestation.isObject()) {
                // nonsense from the registry, not an attestation that fails to verify; npm's destructuring throws
                return error("REGISTRY_MALFORMED_RESPONSE", "the registry's attestations response lists "
                        + attestation.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " as an attestation");
            }
        }
        List<Verdict> provenance = new ArrayList<>();
        List<Verdict> publish = new ArrayList<>();
        List<Verdict> other = new ArrayList<>();
        for (JsonNode attestation : response.path("attestations")) {
            String predicateType = attestation.path("predicateType").asText("");
            Verdict verdict = verify(attestation, predicateType, expected);
            if (PredicateTypes.isProvenance(predicateType)) {
                provenance.add(verdict);
            } else if (PredicateTypes.isPublish(predicateType)) {
                publish.add(verdict);
            } else {
                // a type this tool relies on for nothing, but one that must still be what it claims to be
                other.add(verdict);
            }
        }
        List<CheckResult> checks = new ArrayList<>();
        checks.add(provenanceCheck(provenance, listedProvenance));
        checks.add(publishCheck(publish, signingKeys));
        if (!other.isEmpty()) {
            checks.add(otherCheck(other));
        }
        Optional<ProvenanceFacts> facts = checks.get(0).outcome() == Outcome.PASS
                ? provenance.get(0).verified().flatMap(VerifiedAttestation::provenance)
                : Optional.empty();
        return new Result(checks, facts);
    }

    private static Optional<byte[]> decode(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @param keyHint the registry key the bundle names ({@code verificationMaterial.publicKey.hint}), or "" */
    private record Verdict(String predicateType, String keyHint, Optional<VerifiedAttestation> verified,
            Optional<AttestationException> failure) {
    }

    private Verdict verify(JsonNode attestation, String predicateType, ExpectedSubject expected) {
        JsonNode bundle = attestation.path("bundle");
        String keyHint = bundle.path("verificationMaterial").path("publicKey").path("hint").asText("");
        try {
            VerifiedAttestation verified = verifier.verify(bundle, predicateType, expected);
            return new Verdict(predicateType, keyHint, Optional.of(verified), Optional.empty());
        } catch (AttestationException e) {
            return new Verdict(predicateType, keyHint, Optional.empty(), Optional.of(e));
        } catch (RuntimeException e) {
            return new Verdict(predicateType, keyHint, Optional.empty(), Optional.of(
                    new AttestationException("ATTESTATION_UNCHECKABLE", "the attestation could not be checked: " + e, e)));
        }
    }

    private static CheckResult provenanceCheck(List<Verdict> verdicts, Optional<String> listed) {
        if (verdicts.isEmpty()) {
            return listed.isPresent()
                    ? CheckResult.of(CheckResult.PROVENANCE, Outcome.FAIL, "PROVENANCE_MISSING", "the registry lists "
                            + listed.get() + " provenance, but its attestations response holds none")
                    : CheckResult.of(CheckResult.PROVENANCE, Outcome.ABSENT, "NO_PROVENANCE",
                            "the registry lists no provenance for this version");
        }
        for (Verdict verdict : verdicts) {
            if (listed.isPresent() && !listed.get().equals(verdict.predicateType())) {
                return CheckResult.of(CheckResult.PROVENANCE, Outcome.FAIL, "PREDICATE_TYPE_MISMATCH",
                        "the registry lists " + listed.get() + " provenance, but the attestation is "
                                + verdict.predicateType());
            }
            if (verdict.failure().isPresent()) {
                return failed(CheckResult.PROVENANCE, "provenance", verdict.failure().get());
            }
        }
        VerifiedAttestation verified = verdicts.get(0).verified().orElseThrow();
        ProvenanceFacts facts = verified.provenance().orElseThrow();
        return CheckResult.pass(CheckResult.PROVENANCE, "SLSA provenance verified: " + facts.summary()
                + "; Rekor log index " + facts.rekorLogIndex() + proofNote(verified));
    }

    /**
     * A registry that signs must also have attested the publication of a version whose attestations it lists, as
     * npm required until pacote 21.5 (npm 11.19), which fails only a keyed attestation without its key: what the
     * registry's signature does not cover, {@code dist.attestations}, could otherwise be added by whoever writes the
     * cache or a snapshot, with a provenance bundle any workflow can make for the tarball's digest.
     */
    private CheckResult publishCheck(List<Verdict> verdicts, SigningKeys signingKeys) {
        if (verdicts.isEmpty()) {
            return signingKeys.outcome() == Outcome.PASS
                    ? CheckResult.of(CheckResult.PUBLISH_ATTESTATION, Outcome.FAIL, "PUBLISH_ATTESTATION_MISSING",
                            "the registry lists attestations for this version, but none is its publish attestation,"
                                    + " signed with its key")
                    : CheckResult.of(CheckResult.PUBLISH_ATTESTATION, Outcome.ABSENT, "NO_PUBLISH_ATTESTATION",
                            "the registry serves no publish attestation for this version");
        }
        for (Verdict verdict : verdicts) {
            if (verdict.failure().isPresent()) {
                return failed(CheckResult.PUBLISH_ATTESTATION, "publish attestation", verdict.failure().get());
            }
            Optional<CheckResult> unserved = servedKeyCheck(verdict, signingKeys);
            if (unserved.isPresent()) {
                return unserved.get();
            }
        }
        return CheckResult.pass(CheckResult.PUBLISH_ATTESTATION,
                "npm publish attestation verified" + proofNote(verdicts.get(0).verified().orElseThrow()));
    }

    /**
     * npm checks a publish attestation with the key the registry serves under the key id it names, and fails the
     * package when there is none (EMISSINGSIGNATUREKEY) or it had expired when the log recorded the attestation
     * (EEXPIREDSIGNATUREKEY). Keys that could not be obtained are the registry-signature check's ERROR already.
     */
    private Optional<CheckResult> servedKeyCheck(Verdict verdict, SigningKeys signingKeys) {
        if (signingKeys.outcome() != Outcome.PASS && signingKeys.outcome() != Outcome.SKIPPED) {
            return Optional.empty();
        }
        String keyId = verdict.keyHint();
        Optional<RegistryKey> served = signingKeys.keys().flatMap(keys -> keys.find(keyId,
                RegistryKey.Usage.ATTESTATIONS));
        if (signingKeys.keys().isEmpty()) {
            // nothing to check it with: could not be verified, as a signed version from such a registry
            return Optional.of(CheckResult.of(CheckResult.PUBLISH_ATTESTATION, Outcome.ERROR, "REGISTRY_KEYS_MISSING",
                    "publish attestation is signed with key \"" + keyId + "\", but the registry publishes no signing "
                            + "keys to check it with"));
        }
        if (served.isEmpty()) {
            return Optional.of(CheckResult.of(CheckResult.PUBLISH_ATTESTATION, Outcome.FAIL, "PUBLISH_KEY_NOT_SERVED",
                    "publish attestation does not verify: it is signed with key \"" + keyId + "\", but that is not "
                            + "among the registry's signing keys"));
        }
        Optional<RegistryKey> trusted = trustedKeys.find(keyId, RegistryKey.Usage.ATTESTATIONS);
        if (trusted.isPresent() && !trusted.get().encoded().equals(served.get().encoded())) {
            return Optional.of(CheckResult.of(CheckResult.PUBLISH_ATTESTATION, Outcome.FAIL, "PUBLISH_KEY_MISMATCH",
                    "publish attestation does not verify: the registry serves key " + keyId
                            + " with other key material than the one that signed it"));
        }
        Instant logged = verdict.verified().orElseThrow().integratedTime();
        if (served.get().expires().isPresent() && !logged.isBefore(served.get().expires().get())) {
            return Optional.of(CheckResult.of(CheckResult.PUBLISH_ATTESTATION, Outcome.FAIL, "PUBLISH_KEY_EXPIRED",
                    "publish attestation does not verify: it is signed with key " + keyId + ", which the registry "
                            + "says expired on " + served.get().expires().get() + ", not after the log recorded it on "
                            + logged));
        }
        return Optional.empty();
    }

    private static CheckResult otherCheck(List<Verdict> verdicts) {
        for (Verdict verdict : verdicts) {
            if (verdict.failure().isPresent()) {
                return failed(CheckResult.OTHER_ATTESTATION, "attestation of type " + verdict.predicateType(),
                        verdict.failure().get());
            }
        }
        return CheckResult.pass(CheckResult.OTHER_ATTESTATION, verdicts.size()
                + " attestation(s) of other types verified (not used by policy)");
    }

    private static String proofNote(VerifiedAttestation verified) {
        return verified.inclusionProofChecked() ? ""
                : " (bundle 0.1 without inclusion proof: its signed entry timestamp was checked)";
    }

    private static CheckResult failed(String check, String what, AttestationException e) {
        return CheckResult.of(check, Outcome.FAIL, e.code(), what + " does not verify: " + e.getMessage());
    }

    private static Result error(String code, String message) {
        return new Result(List.of(CheckResult.of(CheckResult.PROVENANCE, Outcome.ERROR, code, message)),
                Optional.empty());
    }
}
