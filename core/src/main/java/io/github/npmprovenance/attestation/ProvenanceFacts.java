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
 * @param signerIdentity the certificate's subject alternative name (the workflow identity, e.g.
 *        {@code https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main})
 * @param rekorLogIndex index of the entry in the public Rekor log
 * @param rekorUrl where to look the entry up
 */
public record ProvenanceFacts(String sourceRepository, String commit, String ref, String workflowPath,
        String buildTrigger, String runnerEnvironment, String oidcIssuer, String signerIdentity, long rekorLogIndex,
        String rekorUrl) {

    private static final java.util.regex.Pattern GITHUB_REPOSITORY =
            java.util.regex.Pattern.compile("https://github\\.com/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    private static final java.util.regex.Pattern COMMIT = java.util.regex.Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final java.util.regex.Pattern REKOR_ENTRY =
            java.util.regex.Pattern.compile("https://search\\.sigstore\\.dev/\\?logIndex=[0-9]{1,19}");

    /** The repository as a link, only when it is exactly a GitHub repository URL that GitHub's issuer vouched for. */
    public java.util.Optional<String> sourceUrl() {
        return GITHUB_REPOSITORY.matcher(sourceRepository).matches() && sourceVouchedForByIssuer()
                ? java.util.Optional.of(sourceRepository) : java.util.Optional.empty();
    }

    /**
     * Whether the certificate's OIDC issuer is the one that speaks for the source repository's host: GitHub
     * Actions' for github.com, the instance itself for GitHub Enterprise Server or GitLab. Fulcio records the
     * repository the issuer's token names, and some issuers it trusts (CI services) take that name from settings
     * their users control: such a certificate can name any repository, so it proves nothing about one on another
     * host. gh attestation verify likewise expects GitHub's issuer unless told otherwise.
     */
    public boolean sourceVouchedForByIssuer() {
        java.util.Optional<String> repositoryHost = httpsHost(sourceRepository);
        java.util.Optional<String> issuerHost = httpsHost(oidcIssuer);
        if (repositoryHost.isEmpty() || issuerHost.isEmpty()) {
            return false;
        }
        String repository = repositoryHost.get();
        String issuer = issuerHost.get();
        return issuer.equals(repository) || issuer.equals("token.actions." + repository)
                || repository.equals("github.com") && issuer.equals("token.actions.githubusercontent.com");
    }

    private static java.util.Optional<String> httpsHost(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return "https".equals(uri.getScheme()) && uri.getRawUserInfo() == null && uri.getHost() != null
                    ? java.util.Optional.of(uri.getHost().toLowerCase(java.util.Locale.ROOT)) : java.util.Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The Rekor entry as a link, only when it is exactly what this tool writes: facts read back from a JSON report
     * (as the Jenkins controller reads the agent's, which it does not trust with its pages or its checks) may say
     * anything, such as a {@code )} that ends a Markdown link and begins another.
     */
    public java.util.Optional<String> rekorEntryUrl() {
        return REKOR_ENTRY.matcher(rekorUrl).matches() ? java.util.Optional.of(rekorUrl) : java.util.Optional.empty();
    }

    public ProvenanceFacts withRekorUrl(String url) {
        return new ProvenanceFacts(sourceRepository, commit, ref, workflowPath, buildTrigger, runnerEnvironment,
                oidcIssuer, signerIdentity, rekorLogIndex, url);
    }

    /** The commit as a link, only for a GitHub repository and a full commit id. */
    public java.util.Optional<String> commitUrl() {
        return sourceUrl().filter(url -> COMMIT.matcher(commit).matches()).map(url -> url + "/commit/" + commit);
    }

    /**
     * The workflow that signed, e.g.
     * {@code https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml}: the
     * signer identity (as Fulcio writes its Build Signer URI) without its {@code @ref}, or "" for an identity that
     * is no URL or whose ref cannot be told from its path (see WorkflowUris). For a reusable workflow it lies in the
     * repository that published it, not the source repository.
     */
    public String signerWorkflow() {
        // a reusable workflow's ref is its own, which no extension states apart: the source ref only when the same
        return signerIdentity.startsWith("https://") ? WorkflowUris.withoutRef(signerIdentity, ref) : "";
    }

    /**
     * The source repository as reports state it: a repository the certificate's issuer does not speak for is that
     * issuer's claim, not where the package was built.
     */
    public String sourceAsStated() {
        return sourceRepository.isEmpty() || sourceVouchedForByIssuer() ? sourceRepository
                : sourceRepository + " (as claimed by " + oidcIssuer + ", which does not speak for that host)";
    }

    /**
     * A one-line summary for reports. A repository the certificate's issuer does not speak for is given as that
     * issuer's claim, not as where the package was built: such an issuer may take it from settings its users control.
     */
    public String summary() {
        return "built from " + sourceAsStated() + (commit.isEmpty() ? "" : " @ " + commit)
                + (workflowPath.isEmpty() ? "" : " by " + workflowPath)
                + (ref.isEmpty() ? "" : " (" + ref + ")");
    }
}
