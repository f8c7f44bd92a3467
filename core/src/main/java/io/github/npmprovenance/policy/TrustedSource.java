package io.github.npmprovenance.policy;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where packages matching a pattern may be built: source repositories, and optionally workflows and refs.
 * An empty workflow or ref list allows any.
 *
 * @param line where the entry starts in the policy file
 */
public record TrustedSource(PackagePattern packages, List<Glob> repositories, List<Glob> workflows, List<Glob> refs,
        int line) {
    public TrustedSource {
        repositories = List.copyOf(repositories);
        workflows = List.copyOf(workflows);
        refs = List.copyOf(refs);
    }

    boolean allows(ProvenanceFacts facts) {
        // a repository name is only as good as the issuer that vouched for it
        return facts.sourceVouchedForByIssuer() && anyMatch(repositories, facts.sourceRepository())
                && (workflows.isEmpty() || anyMatch(workflows, facts.workflowPath()))
                && (refs.isEmpty() || anyMatch(refs, facts.ref()));
    }

    private static boolean anyMatch(List<Glob> globs, String value) {
        return globs.stream().anyMatch(g -> g.matches(value));
    }

    String describe() {
        return repositories.stream().map(Glob::text).collect(Collectors.joining(", "))
                + (workflows.isEmpty() ? "" : " by " + workflows.stream().map(Glob::text).collect(Collectors.joining(", ")))
                + (refs.isEmpty() ? "" : " at " + refs.stream().map(Glob::text).collect(Collectors.joining(", ")));
    }
}
