package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.Policy;
import io.github.npmprovenance.policy.PolicyDecision;
import io.github.npmprovenance.policy.PolicyRule;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of one run, immutable and serializable; every renderer and front end reads only this. The JSON
 * form is versioned by {@link #SCHEMA_VERSION}.
 *
 * @param lockfile the lockfile path as given
 * @param registry the default registry URL (never a token)
 * @param policy where the policy came from: its file, or "default"
 * @param failOn the statuses that fail the run, e.g. {@code invalid,unsigned,error}
 * @param changedSince present when only packages new or changed since a base lockfile were verified
 */
public record Report(int schemaVersion, String lockfile, String registry, String policy, String failOn,
        RunResult result, Summary summary, List<PackageReport> packages,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
        Optional<ChangedSince> changedSince) {
    public static final int SCHEMA_VERSION = 1;

    public Report {
        packages = List.copyOf(packages);
        changedSince = changedSince == null ? Optional.empty() : changedSince;
    }

    /** This report, of a run that verified only what changed since {@code base}. */
    public Report withChangedSince(String base, int lockfilePackages) {
        return new Report(schemaVersion, lockfile, registry, policy, failOn, result, summary, packages,
                Optional.of(new ChangedSince(base, lockfilePackages)));
    }

    /** A report under the default policy: only {@code fail-on}. */
    public static Report of(String lockfile, String registry, List<PackageResult> results, FailOn failOn) {
        return of(lockfile, registry, results, Policy.defaults(failOn), LocalDate.now(ZoneOffset.UTC));
    }

    /** @param today the date allow exceptions are checked against */
    public static Report of(String lockfile, String registry, List<PackageResult> results, Policy policy,
            LocalDate today) {
        List<PackageReport> packages = results.stream().map(r -> toReport(r, policy.evaluate(r, today))).toList();
        Map<Status, Long> counts = packages.stream()
                .collect(Collectors.groupingBy(PackageReport::status, Collectors.counting()));
        Function<Status, Integer> count = s -> counts.getOrDefault(s, 0L).intValue();
        int passed = (int) packages.stream().filter(PackageReport::passed).count();
        Summary summary = new Summary(packages.size(), count.apply(Status.VERIFIED), count.apply(Status.SIGNED),
                count.apply(Status.UNSIGNED), count.apply(Status.INVALID), count.apply(Status.ERROR),
                count.apply(Status.SKIPPED), passed, packages.size() - passed);
        // errors passed only because fail-on ignores them leave the run unverified; an explicit exception does not
        boolean unverified = packages.stream().anyMatch(Report::unverified);
        RunResult result = summary.failed() > 0 ? RunResult.FAILED
                : unverified ? RunResult.INCOMPLETE
                : RunResult.PASSED;
        return new Report(SCHEMA_VERSION, lockfile, registry, policy.source(), policy.failOn().toString(), result,
                summary, packages, Optional.empty());
    }

    private static PackageReport toReport(PackageResult result, PolicyDecision decision) {
        LockedPackage pkg = result.pkg();
        return new PackageReport(pkg.name(), pkg.version(), pkg.locations(), result.status(), decision.passed(),
                result.reason(), result.decisiveCheck().map(c -> c.code()).orElse(""), decision, result.checks(),
                result.provenance(), pkg.dev(), pkg.optional());
    }

    /** The same report with every file path rewritten, e.g. made relative to a repository root. */
    public Report mapPaths(java.util.function.UnaryOperator<String> mapping) {
        List<PackageReport> mapped = packages.stream().map(p -> new PackageReport(p.name(), p.version(),
                p.locations().stream().map(l -> new io.github.npmprovenance.lockfile.Location(mapping.apply(l.path()),
                        l.line())).toList(),
                p.status(), p.passed(), p.reason(), p.code(), p.policy(), p.checks(), p.provenance(), p.dev(),
                p.optional())).toList();
        // the policy file as the lockfile is, not as the runner's or agent's absolute path
        return new Report(schemaVersion, mapping.apply(lockfile), registry,
                policy.equals(Policy.DEFAULT_SOURCE) ? policy : mapping.apply(policy), failOn, result, summary, mapped,
                changedSince);
    }

    /** Packages that passed only because fail-on leaves out ERROR: what makes a run INCOMPLETE. */
    public List<PackageReport> unverified() {
        return packages.stream().filter(Report::unverified).toList();
    }

    private static boolean unverified(PackageReport p) {
        return p.status() == Status.ERROR && letThroughByFailOn(p);
    }

    /**
     * Packages INVALID or UNSIGNED that passed because {@code fail-on} leaves their status out: the run passes,
     * but a package that does not match what the registry signed must still be named, not only counted.
     */
    public List<PackageReport> passedDespiteStatus() {
        return packages.stream().filter(p -> p.status() != Status.ERROR && letThroughByFailOn(p)).toList();
    }

    /** Packages of a status that fails by default, passed by {@code fail-on}, not by an allow exception. */
    public List<PackageReport> letThroughByFailOn() {
        return packages.stream().filter(Report::letThroughByFailOn).toList();
    }

    private static boolean letThroughByFailOn(PackageReport p) {
        return p.passed() && FailOn.DEFAULT.fails(p.status()) && p.policy().rule() != PolicyRule.ALLOW;
    }

    /** Packages that failed the policy, most severe status first, then in lockfile order. */
    public List<PackageReport> failing() {
        return packages.stream().filter(p -> !p.passed())
                .sorted(java.util.Comparator.comparing(PackageReport::status)).toList();
    }
}
