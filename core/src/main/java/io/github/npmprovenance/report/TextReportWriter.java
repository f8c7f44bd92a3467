package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.policy.PolicyRule;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.Status;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Human output: one summary line, then the failing packages with lockfile line and cause, then those that could not
 * be verified but passed.
 */
public final class TextReportWriter {
    private final boolean verbose;

    /** The heading of INVALID and UNSIGNED packages {@code fail-on} let through, here and in the Markdown report. */
    static final String PASSED_DESPITE_STATUS = "Passed although invalid or unsigned (fail-on leaves their status out)";

    public TextReportWriter(boolean verbose) {
        this.verbose = verbose;
    }

    public void write(Report report, PrintWriter out) {
        out.println(summaryLine(report));
        List<PackageReport> failing = report.failing();
        if (!failing.isEmpty()) {
            out.println();
            out.println("Failing packages:");
            for (PackageReport p : failing) {
                out.println(line(p));
                // every other check that failed too, so one run tells the whole story
                p.checks().stream()
                        .filter(c -> c.outcome() == Outcome.FAIL || c.outcome() == Outcome.ERROR)
                        .filter(c -> !c.message().equals(p.explanation()))
                        .forEach(c -> out.println("           also " + c.name() + ": " + Escape.plain(c.message())));
            }
        }
        // an INCOMPLETE run must say which packages it could not verify, not only how many
        List<PackageReport> unverified = report.unverified();
        if (!unverified.isEmpty()) {
            out.println();
            out.println("Not verified (passed: fail-on leaves out error):");
            unverified.forEach(p -> out.println(line(p)));
        }
        List<PackageReport> despite = report.passedDespiteStatus();
        if (!despite.isEmpty()) {
            out.println();
            out.println(PASSED_DESPITE_STATUS + ":");
            despite.forEach(p -> out.println(line(p)));
        }
        if (verbose) {
            out.println();
            out.println("All packages:");
            report.packages().forEach(p -> out.println(line(p)));
        }
        out.flush();
    }

    /**
     * How many packages the report covers, and, when changed mode verified only those new or changed since a base,
     * of how many: {@code 3 packages new or changed since origin/main (of 312)}, so that no summary reads as if the
     * lockfile held only those.
     */
    public static String packages(Report report) {
        return Plural.of(report.summary().total(), "package") + report.changedSince()
                .map(c -> " new or changed since " + Escape.plain(c.base()) + " (of " + c.lockfilePackages() + ")")
                .orElse("");
    }

    /**
     * One line for a check run's title, the first thing a reviewer reads: how many passed or failed, and, when all
     * passed, what passed only because {@code fail-on} leaves its status out, so that no title reads "All passed"
     * over a package whose integrity differs from the registry's.
     */
    public static String headline(Report report) {
        Summary s = report.summary();
        String packages = packages(report);
        if (s.failed() > 0) {
            return s.failed() + " of " + packages + " failed (" + failures(report) + ")"
                    + letThrough(report).map(l -> "; fail-on let " + l + " through").orElse("");
        }
        Optional<String> letThrough = letThrough(report);
        if (letThrough.isPresent()) {
            return "All " + packages + " passed, but fail-on let " + letThrough.get() + " through";
        }
        return "All " + packages + " passed (" + s.verified() + " with verified provenance)";
    }

    /**
     * What failed, counted over the failing packages only: by the status fail-on fails, then those another rule of
     * the policy failed (require-provenance, trusted-sources), whatever their status.
     */
    public static String failures(Report report) {
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        long byRules = 0;
        for (PackageReport failed : report.failing()) {
            if (failed.policy().rule() == PolicyRule.FAIL_ON) {
                byStatus.merge(failed.status(), 1L, Long::sum);
            } else {
                byRules++;
            }
        }
        long skipped = byStatus.getOrDefault(Status.SKIPPED, 0L);
        return byStatus.getOrDefault(Status.INVALID, 0L) + " invalid, " + byStatus.getOrDefault(Status.UNSIGNED, 0L)
                + " unsigned, " + byStatus.getOrDefault(Status.ERROR, 0L) + " not verifiable"
                + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (byRules > 0 ? ", " + byRules + " by a policy rule" : "");
    }

    /** Packages of a status that fails by default that fail-on passed, by status ("1 error, 2 unsigned"). */
    private static Optional<String> letThrough(Report report) {
        Map<Status, Long> letThrough = report.letThroughByFailOn().stream().collect(Collectors.groupingBy(
                PackageReport::status, () -> new EnumMap<>(Status.class), Collectors.counting()));
        return letThrough.isEmpty() ? Optional.empty() : Optional.of(letThrough.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().lowerCase()).collect(Collectors.joining(", ")));
    }

    public static String summaryLine(Report report) {
        Summary s = report.summary();
        return switch (report.result()) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case INCOMPLETE -> "INCOMPLETE";
        } + ": " + packages(report) + " in "
                + Escape.plain(report.lockfile()) + ": " + s.verified()
                + " verified, "
                + s.signed() + " signed, " + s.unsigned() + " unsigned, " + s.invalid() + " invalid, " + s.error()
                + " error, " + s.skipped() + " skipped; " + s.failed() + " failed (fail-on: " + Escape.plain(report.failOn())
                + ")";
    }

    private static String line(PackageReport p) {
        return String.format("  %-8s %s  %s%n           %s", p.status(), Escape.plain(p.id()),
                p.locations().stream().map(TextReportWriter::location).collect(Collectors.joining(", ")),
                Escape.plain(p.explanation()));
    }

    private static String location(Location l) {
        return Escape.plain(l.path()) + ":" + l.line();
    }
}
