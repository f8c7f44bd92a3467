package io.github.npmprovenance.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The provenance predicate is written by the build; the Fulcio certificate is the CI provider's word. Where the
 * predicate is in one of the GitHub Actions formats npm writes, its source claims must equal the certificate's, as
 * slsa-verifier requires: a build that signs a claim to come from another repository, ref, commit or workflow than
 * its identity is lying. Claims a predicate does not make, or fields the certificate does not carry, are not
 * compared; other build types are left to the certificate alone (the reported facts always come from it).
 */
final class ProvenanceIdentity {
    /** npm's SLSA v0.2 build types for GitHub Actions. */
    private static final Set<String> GITHUB_V02 = Set.of(
            "https://github.com/npm/cli/gha@v0", "https://github.com/npm/cli/gha@v1", "https://github.com/npm/cli/gha/v2");
    /** The SLSA v1 GitHub Actions workflow build type npm writes. */
    private static final String GITHUB_V1 = "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1";

    private ProvenanceIdentity() {
    }

    static void check(JsonNode predicate, ProvenanceFacts facts) throws AttestationException {
        String v02Type = predicate.path("buildType").asText("");
        String v1Type = predicate.path("buildDefinition").path("buildType").asText("");
        if (GITHUB_V1.equals(v1Type)) {
            JsonNode workflow = predicate.path("buildDefinition").path("externalParameters").path("workflow");
            agree("source repository", workflow.path("repository"), facts.sourceRepository());
            agree("ref", workflow.path("ref"), facts.ref());
            // the workflow is certified by the build config URI, one of the second-version extensions (as is the
            // runner environment); without them the path was read from the signer, which names a reusable workflow
            if (!facts.runnerEnvironment().isEmpty()) {
                agree("workflow", workflow.path("path"), facts.workflowPath());
            }
            agree("commit", predicate.path("buildDefinition").path("resolvedDependencies").path(0).path("digest")
                    .path("gitCommit"), facts.commit());
        } else if (GITHUB_V02.contains(v02Type)) {
            JsonNode source = predicate.path("invocation").path("configSource");
            if (!facts.sourceRepository().isEmpty() && !facts.ref().isEmpty()) {
                agree("source", source.path("uri"), "git+" + facts.sourceRepository() + "@" + facts.ref());
            }
            agree("commit", source.path("digest").path("sha1"), facts.commit());
        }
    }

    private static void agree(String what, JsonNode claim, String certified) throws AttestationException {
        if (claim.isMissingNode() || claim.isNull() || certified.isEmpty()) {
            return;
        }
        if (!claim.isTextual() || !claim.asText().equals(certified)) {
            throw new AttestationException("PROVENANCE_IDENTITY_MISMATCH", "the provenance claims " + what + " \""
                    + claim.asText() + "\", but the certificate that signed it says \"" + certified + "\"");
        }
    }
}
