package io.github.npmprovenance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.attestation.ExpectedSubject;
import io.github.npmprovenance.attestation.SigstoreBundleVerifier;
import io.github.npmprovenance.attestation.TrustMaterial;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-bundle cost of Sigstore verification over every recorded bundle, after warm-up. A benchmark, not a test:
 * {@code core/benchmark-attestations.sh}. Prints the median of several rounds, in microseconds per bundle, for
 * provenance and publish attestations separately.
 */
public final class AttestationCost {
    private record Case(JsonNode bundle, String predicateType, ExpectedSubject subject) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(TrustMaterial.embedded());
        List<Case> provenance = new ArrayList<>();
        List<Case> publish = new ArrayList<>();
        for (String key : RecordedAttestations.keys()) {
            for (JsonNode attestation : RecordedAttestations.response(key).path("attestations")) {
                String type = attestation.path("predicateType").asText();
                Case c = new Case(attestation.path("bundle"), type, RecordedAttestations.expected(key));
                (type.contains("slsa") ? provenance : publish).add(c);
            }
        }
        System.out.printf("provenance: %.0f µs/bundle (median of %d rounds over %d bundles)%n",
                median(verifier, provenance, rounds), rounds, provenance.size());
        System.out.printf("publish:    %.0f µs/bundle (median of %d rounds over %d bundles)%n",
                median(verifier, publish, rounds), rounds, publish.size());
    }

    private static double median(SigstoreBundleVerifier verifier, List<Case> cases, int rounds) throws Exception {
        double[] perBundle = new double[rounds];
        for (int warmup = 0; warmup < rounds / 2; warmup++) {
            for (Case c : cases) {
                verifier.verify(c.bundle(), c.predicateType(), c.subject());
            }
        }
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (Case c : cases) {
                verifier.verify(c.bundle(), c.predicateType(), c.subject());
            }
            perBundle[round] = (System.nanoTime() - start) / 1000.0 / cases.size();
        }
        java.util.Arrays.sort(perBundle);
        return perBundle[rounds / 2];
    }
}
