package io.github.npmprovenance.policy;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where packages matching a pattern may be built: source repositories, and optionally workflows and refs; and which
 * workflows may sign them. An empty workflow or ref list allows any; an empty signer workflow list allows a workflow
 * in one of the repositories.
 *
 * @param signerWorkflows patterns for the workflow that signed, its URL without the {@code @ref}, e.g.
 *        {@code https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml}
 * @param line where the entry starts in the policy file
 */
public record TrustedSource(PackagePattern packages, List<Glob> repositories, List<Glob> workflows, List<Glob> refs,
        List<Glob> signerWorkflows, int line) {
    public TrustedSource {
        repositories = List.copyOf(repositories);
        workflows = List.copyOf(workflows);
        refs = List.copyOf(refs);
        signerWorkflows = List.copyOf(signerWorkflows);
    }

    /** Whether the package was built from one of the repositories, by one of the workflows, at one of the refs. */
    boolean allowsSource(ProvenanceFacts facts) {
        // a repository name is only as good as the issuer that vouched for it
        return facts.sourceVouchedForByIssuer() && anyMatch(repositories, facts.sourceRepository())
                && (workflows.isEmpty() || anyMatch(workflows, facts.workflowPath()))
                && (refs.isEmpty() || anyMatch(refs, facts.ref()));
    }

    /**
     * Whether the workflow that signed may sign: the source repository and workflow only name the caller, and a
     * reusable workflow the caller uses builds and signs with its own identity, code of the repository that
     * published it. As gh attestation verify requires the signer in the --owner or --repo it is given unless
     * --signer-repo or --signer-workflow names another, the signer must lie in one of the repositories unless
     * signer-workflows names it.
     */
    boolean allowsSigner(ProvenanceFacts facts) {
        String signer = facts.signerWorkflow();
        if (!signerWorkflows.isEmpty()) {
            return anyMatch(signerWorkflows, signer);
        }
        return repositories.stream().anyMatch(r -> Glob.of(r.text() + "/*").matches(signer));
    }

    private static boolean anyMatch(List<Glob> globs, String value) {
        return globs.stream().anyMatch(g -> g.matches(value));
    }

    String describe() {
        return repositories.stream().map(Glob::text).collect(Collectors.joining(", "))
                + (workflows.isEmpty() ? "" : " by " + workflows.stream().map(Glob::text).collect(Collectors.joining(", ")))
                + (refs.isEmpty() ? "" : " at " + refs.stream().map(Glob::text).collect(Collectors.joining(", ")))
                + (signerWorkflows.isEmpty() ? "" : " and signed by " + describeSigners());
    }

    /** The workflows that may sign, e.g. "a workflow in https://github.com/myorg/*". */
    String describeSigners() {
        return signerWorkflows.isEmpty()
                ? "a workflow in " + repositories.stream().map(Glob::text).collect(Collectors.joining(", "))
                : signerWorkflows.stream().map(Glob::text).collect(Collectors.joining(", "));
    }
}
