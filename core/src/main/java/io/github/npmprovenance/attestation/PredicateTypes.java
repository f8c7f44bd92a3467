package io.github.npmprovenance.attestation;

import java.util.Set;

/** The attestation predicate types npm publishes. */
public final class PredicateTypes {
    public static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
    public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
    public static final String NPM_PUBLISH_V01 = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

    public static final Set<String> PROVENANCE = Set.of(SLSA_V02, SLSA_V1);

    private PredicateTypes() {
    }

    public static boolean isProvenance(String predicateType) {
        return PROVENANCE.contains(predicateType);
    }

    public static boolean isPublish(String predicateType) {
        return NPM_PUBLISH_V01.equals(predicateType);
    }
}
