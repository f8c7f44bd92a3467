package io.github.npmprovenance.attestation;

import java.time.Instant;
import java.util.Optional;

/**
 * An attestation that verified.
 *
 * @param predicateType what it attests
 * @param integratedTime when the transparency log recorded it (the signing time)
 * @param inclusionProofChecked false for 0.1 bundles that carry only a signed entry timestamp
 * @param provenance the build facts, for provenance attestations
 */
public record VerifiedAttestation(String predicateType, Instant integratedTime,
        boolean inclusionProofChecked, Optional<ProvenanceFacts> provenance) {
}
