package io.github.npmprovenance.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The provenance predicate is written by the build; the Fulcio certificate is the CI provider's word. Where the
 * predicate is in one of the GitHub Actions formats npm writes, its source claims must equal the certificate's, as
 * slsa-verifier requires: a build that signs a claim to come from another repository, ref, commit, workflow or
 * trigger than its identity is lying. Every place a format states one of these is compared, not only the first: a
 * v1 predicate names the source in its workflow parameters and again in its resolved dependency, a v0.2 one in its
 * config source, its material and its GITHUB_* environment. Claims a predicate does not make, or fields the
 * certificate does not carry, are not compared; other build types are left to the certificate alone (the reported
 * facts always come from it).
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
            JsonNode dependency = predicate.path("buildDefinition").path("resolvedDependencies").path(0);
            agree("commit", dependency.path("digest").path("gitCommit"), facts.commit());
            agree("source", dependency.path("uri"), sourceUri(facts));
            agree("trigger", predicate.path("buildDefinition").path("internalParameters").path("github")
                    .path("event_name"), facts.buildTrigger());
        } else if (GITHUB_V02.contains(v02Type)) {
            JsonNode source = predicate.path("invocation").path("configSource");
            agree("source", source.path("uri"), sourceUri(facts));
            agree("commit", source.path("digest").path("sha1"), facts.commit());
            JsonNode material = predicate.path("materials").path(0);
            // npm's first format (gha@v0) names the material without a ref
            if (!material.path("uri").asText("").equals("git+" + facts.sourceRepository())) {
                agree("material", material.path("uri"), sourceUri(facts));
            }
            agree("material commit", material.path("digest").path("sha1"), facts.commit());
            JsonNode environment = predicate.path("invocation").path("environment");
            agree("GITHUB_REPOSITORY", environment.path("GITHUB_REPOSITORY"), repositoryPath(facts.sourceRepository()));
            agree("GITHUB_REF", environment.path("GITHUB_REF"), facts.ref());
            agree("GITHUB_SHA", environment.path("GITHUB_SHA"), facts.commit());
            agree("GITHUB_EVENT_NAME", environment.path("GITHUB_EVENT_NAME"), facts.buildTrigger());
            // gha/v2 names the workflow by its path, as the build config URI does; the older formats name it as
            // GITHUB_WORKFLOW_REF, which no certificate without the second-version extensions carries
            if (v02Type.equals("https://github.com/npm/cli/gha/v2") && !facts.runnerEnvironment().isEmpty()) {
                agree("workflow", source.path("entryPoint"), facts.workflowPath());
            }
        }
    }

    /** {@code git+<repository>@<ref>}, as npm writes the source, or "" (not compared) when either is unknown. */
    private static String sourceUri(ProvenanceFacts facts) {
        return facts.sourceRepository().isEmpty() || facts.ref().isEmpty() ? ""
                : "git+" + facts.sourceRepository() + "@" + facts.ref();
    }

    /** {@code https://github.com/o/r} → {@code o/r}, as GITHUB_REPOSITORY names it, or "" for no such URL. */
    private static String repositoryPath(String repository) {
        try {
            java.net.URI uri = new java.net.URI(repository);
            String path = uri.getRawPath();
            return uri.getRawAuthority() == null || path == null || !path.startsWith("/") ? "" : path.substring(1);
        } catch (java.net.URISyntaxException e) {
            return "";
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
