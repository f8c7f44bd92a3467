package io.github.npmprovenance.attestation;

/**
 * What verified provenance proves about a build, taken from the Fulcio certificate (the CI provider's OIDC
 * identity, which the workflow cannot forge) and the transparency log. Empty strings where an older certificate
 * does not carry the field.
 *
 * @param sourceRepository e.g. {@code https://github.com/sigstore/sigstore-js}
 * @param commit the source commit digest
 * @param ref e.g. {@code refs/tags/v1.0.0}
 * @param workflowPath e.g. {@code .github/workflows/release.yml}
 * @param buildTrigger e.g. {@code push}, {@code release}, {@code workflow_dispatch}
 * @param runnerEnvironment {@code github-hosted} or {@code self-hosted}
 * @param oidcIssuer e.g. {@code https://token.actions.githubusercontent.com}
 * @param signerIdentity the certificate's subject alternative name (the workflow identity)
 * @param rekorLogIndex index of the entry in the public Rekor log
 * @param rekorUrl where to look the entry up
 */
public record ProvenanceFacts(String sourceRepository, String commit, String ref, String workflowPath,
        String buildTrigger, String runnerEnvironment, String oidcIssuer, String signerIdentity, long rekorLogIndex,
        String rekorUrl) {

    private static final java.util.regex.Pattern GITHUB_REPOSITORY =
            java.util.regex.Pattern.compile("https://github\\.com/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    private static final java.util.regex.Pattern COMMIT = java.util.regex.Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** The repository as a link, only when it is exactly a GitHub repository URL (safe to put in a page). */
    public java.util.Optional<String> sourceUrl() {
        return GITHUB_REPOSITORY.matcher(sourceRepository).matches() ? java.util.Optional.of(sourceRepository)
                : java.util.Optional.empty();
    }

    /** The commit as a link, only for a GitHub repository and a full commit id. */
    public java.util.Optional<String> commitUrl() {
        return sourceUrl().filter(url -> COMMIT.matcher(commit).matches()).map(url -> url + "/commit/" + commit);
    }

    /** A one-line summary for reports. */
    public String summary() {
        return "built from " + sourceRepository + (commit.isEmpty() ? "" : " @ " + commit)
                + (workflowPath.isEmpty() ? "" : " by " + workflowPath)
                + (ref.isEmpty() ? "" : " (" + ref + ")");
    }
}
