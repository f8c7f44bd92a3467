package io.github.npmprovenance.policy;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A project's rules over verification results. Rules apply in this order: the status must not be one that fails
 * ({@code fail-on}); packages matching {@code require-provenance} must be VERIFIED; packages matching a
 * {@code trusted-sources} entry must be VERIFIED, built where one of those entries allows and signed by a workflow
 * it allows; then a current {@code allow} exception can pass a failing package, except an INVALID one: a
 * cryptographic contradiction is never waived.
 *
 * @param source where the policy came from (a file path, or "default")
 */
public record Policy(String source, FailOn failOn, List<PackagePattern> requireProvenance,
        List<TrustedSource> trustedSources, List<AllowRule> allow) {
    /** The source of the policy a run has when no file gives one. */
    public static final String DEFAULT_SOURCE = "default";

    public Policy {
        requireProvenance = List.copyOf(requireProvenance);
        trustedSources = List.copyOf(trustedSources);
        allow = List.copyOf(allow);
    }

    public static Policy defaults(FailOn failOn) {
        return new Policy(DEFAULT_SOURCE, failOn, List.of(), List.of(), List.of());
    }

    public Policy withFailOn(FailOn override) {
        return new Policy(source, override, requireProvenance, trustedSources, allow);
    }

    public PolicyDecision evaluate(PackageResult result, LocalDate today) {
        PolicyDecision decision = rules(result);
        if (decision.passed() || result.status() == Status.INVALID) {
            return decision;
        }
        String expired = "";
        for (AllowRule rule : allow) {
            if (!rule.matches(result)) {
                continue;
            }
            if (!today.isAfter(rule.expires())) {
                return new PolicyDecision(true, PolicyRule.ALLOW, "allowed until " + rule.expires() + ": "
                        + rule.reason() + " (" + decision.message() + ")");
            }
            expired = "the exception for " + rule.target() + " expired on " + rule.expires();
        }
        return new PolicyDecision(false, decision.rule(),
                decision.message() + (expired.isEmpty() ? "" : " (" + expired + ")"), expired);
    }

    /**
     * A link whose target is in a node_modules folder runs what npm fetched there (from the registry, say), under
     * the name the link is imported by: that is no folder of the project, and a rule for that name must see it.
     * In any case: on macOS and Windows, {@code Node_Modules/x} is the folder npm fetched {@code x} into.
     */
    private static boolean linksIntoNodeModules(LockedPackage pkg) {
        String target = pkg.resolved().orElse(pkg.version()).replaceFirst("^(?i)(link|file):", "");
        return Arrays.stream(target.split("[/\\\\]"))
                .anyMatch(segment -> segment.equalsIgnoreCase("node_modules") || !plainName(segment));
    }

    /**
     * A folder name every system reads as written. Windows also reaches node_modules by names that do not say so:
     * with trailing dots or spaces, which it drops ({@code node_modules.}), by its 8.3 short name
     * ({@code NODE_M~1}), or as a stream of it ({@code node_modules::$INDEX_ALLOCATION}). A link through any such
     * name may lead into what npm fetched, so it is held to the rules as one that does; a project's folders have
     * plain names.
     */
    private static boolean plainName(String segment) {
        return segment.equals(".") || segment.equals("..") || (segment.indexOf('~') < 0 && segment.indexOf(':') < 0
                && !segment.endsWith(".") && !segment.endsWith(" "));
    }

    private PolicyDecision rules(PackageResult result) {
        Status status = result.status();
        String name = result.pkg().name();
        if (failOn.fails(status)) {
            return new PolicyDecision(false, PolicyRule.FAIL_ON, status + " fails the run (fail-on: " + failOn + ")");
        }
        if (result.pkg().source() == SourceKind.LINK && !linksIntoNodeModules(result.pkg())) {
            // a workspace of the project (or another linked folder): its source is right here, not published, so
            // there is no provenance to require; @myorg/* would otherwise fail every workspace of a monorepo
            return new PolicyDecision(true, PolicyRule.FAIL_ON,
                    "a linked local package: provenance rules do not apply");
        }
        // the code imports a package by the name it is installed as: an alias ("@myorg/ui": "npm:other@1.0.0") must
        // not take what it installs out from under a rule for that name
        List<String> names = new ArrayList<>(List.of(name));
        names.addAll(result.pkg().aliases());
        Optional<PackagePattern> required = requireProvenance.stream()
                .filter(p -> names.stream().anyMatch(p::matches)).findFirst();
        if (required.isPresent() && status != Status.VERIFIED) {
            return new PolicyDecision(false, PolicyRule.REQUIRE_PROVENANCE, "verified provenance is required for "
                    + required.get() + ", but this package" + installedAs(result, required.get()) + " is " + status);
        }
        List<TrustedSource> sources = trustedSources.stream()
                .filter(s -> names.stream().anyMatch(s.packages()::matches)).toList();
        if (!sources.isEmpty()) {
            // without verified provenance there is no source to check: publishing without it must not bypass the rule
            if (status != Status.VERIFIED || result.provenance().isEmpty()) {
                return new PolicyDecision(false, PolicyRule.TRUSTED_SOURCES, sources.get(0).packages()
                        + " must be built from " + sources.get(0).describe() + ", but this package"
                        + installedAs(result, sources.get(0).packages()) + " is " + status
                        // an INVALID package's provenance may have verified: its registry signature did not
                        + (result.provenance().isEmpty() ? " and has no verified provenance" : ""));
            }
            ProvenanceFacts facts = result.provenance().get();
            if (!facts.sourceVouchedForByIssuer()) {
                return new PolicyDecision(false, PolicyRule.TRUSTED_SOURCES, "the provenance names "
                        + facts.sourceRepository() + ", but its certificate was issued by " + facts.oidcIssuer() + ", which does not speak for "
                        + "that host, so " + sources.get(0).packages() + " cannot be shown to be built from "
                        + sources.get(0).describe());
            }
            String built = "built from " + facts.sourceRepository() + " by "
                    + (facts.workflowPath().isEmpty() ? "a workflow outside that repository" : facts.workflowPath())
                    + " at " + facts.ref();
            List<TrustedSource> fromSource = sources.stream().filter(s -> s.allowsSource(facts)).toList();
            if (fromSource.isEmpty()) {
                return new PolicyDecision(false, PolicyRule.TRUSTED_SOURCES, built + ", but "
                        + sources.get(0).packages() + installedAs(result, sources.get(0).packages())
                        + " may only be built from " + sources.get(0).describe());
            }
            // the source only names the caller: a reusable workflow elsewhere built and signed the package
            if (fromSource.stream().noneMatch(s -> s.allowsSigner(facts))) {
                String signer = facts.signerWorkflow().isEmpty() ? facts.signerIdentity() : facts.signerWorkflow();
                return new PolicyDecision(false, PolicyRule.TRUSTED_SOURCES, built + " and signed by " + signer
                        + ", but " + fromSource.get(0).packages() + " may only be signed by " + fromSource.get(0).describeSigners());
            }
            return new PolicyDecision(true, PolicyRule.TRUSTED_SOURCES, "built from a trusted source");
        }
        return new PolicyDecision(true, required.isPresent() ? PolicyRule.REQUIRE_PROVENANCE : PolicyRule.FAIL_ON,
                "passes");
    }

    /** Names the alias a rule applies through, when it does not name the package itself. */
    private static String installedAs(PackageResult result, PackagePattern pattern) {
        if (pattern.matches(result.pkg().name())) {
            return "";
        }
        return " (installed as " + String.join(", ", result.pkg().aliases().stream().filter(pattern::matches).toList())
                + ")";
    }
}
