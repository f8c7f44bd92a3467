package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of one run, immutable and serializable; every renderer and front end reads only this. The JSON
 * form is versioned by {@link #SCHEMA_VERSION}.
 *
 * @param lockfile the lockfile path as given
 * @param registry the default registry URL (never a token)
 * @param failOn the statuses that fail the run, e.g. {@code invalid,unsigned,error}
 */
public record Report(int schemaVersion, String lockfile, String registry, String failOn, RunResult result,
        Summary summary, List<PackageReport> packages) {
    public static final int SCHEMA_VERSION = 1;

    public Report {
        packages = List.copyOf(packages);
    }

    public static Report of(String lockfile, String registry, List<PackageResult> results, FailOn failOn) {
        List<PackageReport> packages = results.stream().map(r -> toReport(r, failOn)).toList();
        Map<Status, Long> counts = packages.stream()
                .collect(Collectors.groupingBy(PackageReport::status, Collectors.counting()));
        Function<Status, Integer> count = s -> counts.getOrDefault(s, 0L).intValue();
        int passed = (int) packages.stream().filter(PackageReport::passed).count();
        Summary summary = new Summary(packages.size(), count.apply(Status.VERIFIED), count.apply(Status.SIGNED),
                count.apply(Status.UNSIGNED), count.apply(Status.INVALID), count.apply(Status.ERROR),
                count.apply(Status.SKIPPED), passed, packages.size() - passed);
        RunResult result = summary.failed() > 0 ? RunResult.FAILED
                : summary.error() > 0 ? RunResult.INCOMPLETE
                : RunResult.PASSED;
        return new Report(SCHEMA_VERSION, lockfile, registry, failOn.toString(), result, summary, packages);
    }

    private static PackageReport toReport(PackageResult result, FailOn failOn) {
        LockedPackage pkg = result.pkg();
        return new PackageReport(pkg.name(), pkg.version(), pkg.locations(), result.status(),
                !failOn.fails(result.status()), result.reason(),
                result.decisiveCheck().map(c -> c.code()).orElse(""), result.checks(), result.provenance(),
                pkg.dev(), pkg.optional());
    }

    /** Packages that failed the policy, most severe status first, then in lockfile order. */
    public List<PackageReport> failing() {
        return packages.stream().filter(p -> !p.passed())
                .sorted(java.util.Comparator.comparing(PackageReport::status)).toList();
    }
}
