package io.github.npmprovenance.cli;

import io.github.npmprovenance.registry.FileErrors;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.Plural;
import io.github.npmprovenance.report.ReportFile;
import io.github.npmprovenance.run.RunException;
import io.github.npmprovenance.run.RunOptions;
import io.github.npmprovenance.run.RunOutcome;
import io.github.npmprovenance.run.VerificationRun;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = {"Records every registry response a later 'verify --offline DIR' needs for this lockfile.",
            "The snapshot holds each locked version's registry metadata and attestations, and each registry's keys."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the snapshot is complete",
            "2:usage error or unreadable input",
            "3:some packages could not be fetched or recorded; the snapshot lacks them"})
final class SnapshotCommand implements Callable<Integer> {
    /** The codes of a fetch that failed: what they name was not recorded. */
    private static final Set<String> FETCH_FAILURES = Arrays.stream(RegistryException.Kind.values())
            .map(RegistryException::code).collect(Collectors.toUnmodifiableSet());

    @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE|DIR", defaultValue = ".",
            description = "The lockfile, or a directory holding one. Default: the current directory")
    Path lockfile;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Directory to write the snapshot to.")
    Path to;

    @Mixin
    RegistryOptions registryOptions;

    // snapshot records from the network and never reads or writes the cache; earlier versions listed these
    // options here too, so they are still accepted, hidden, and ignored
    @Option(names = "--cache-dir", hidden = true, paramLabel = "DIR")
    Path ignoredCacheDir;

    @Option(names = "--no-cache", hidden = true)
    boolean ignoredNoCache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunOutcome outcome;
        try {
            ReportFile.requireInside(ProjectCheckout.of(lockfile), to);
        } catch (IOException e) {
            ErrorLine.print(spec.commandLine().getErr(), "cannot write the snapshot to " + to + ": "
                    + FileErrors.describe(e));
            return ExitCodes.USAGE_OR_INPUT;
        }
        try {
            RunOptions options = registryOptions.applyTo(RunOptions.of(lockfile))
                    .withStorage(Optional.empty(), Optional.empty(), Optional.of(to))
                    .withReporting("npm-provenance/" + ToolVersion.VALUE, Progress.forTerminal(System.err, "recording"),
                            java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            outcome = VerificationRun.execute(options);
        } catch (RunException e) {
            ErrorLine.print(spec.commandLine().getErr(), e);
            return ExitCodes.USAGE_OR_INPUT;
        }
        List<PackageReport> fromRegistry = outcome.report().packages().stream()
                .filter(p -> p.checks().stream().noneMatch(c -> c.name().equals(CheckResult.SOURCE))).toList();
        // the report has an entry per distinct lockfile pin, the snapshot a file per name@version: two pins of one
        // version (an alias with another integrity) are one version recorded, or one missing
        Map<String, PackageReport> missing = new LinkedHashMap<>();
        fromRegistry.stream().filter(SnapshotCommand::notRecorded).forEach(p -> missing.putIfAbsent(p.id(), p));
        long recorded = fromRegistry.stream().map(PackageReport::id).distinct()
                .filter(id -> !missing.containsKey(id)).count();
        out.println("snapshot " + Escape.plain(to.toString()) + ": " + Plural.of(recorded, "package version")
                + " recorded"
                + (missing.isEmpty() ? "" : ", " + missing.size() + " could not be fetched or recorded:"));
        for (PackageReport p : missing.values()) {
            out.println("  " + Escape.plain(p.id()) + ": " + Escape.plain(p.reason()));
        }
        boolean printed = StandardOutput.delivered(out, spec.commandLine().getErr());
        // recorded as served, but what was served cannot verify them (behind a mirror that drops the registry's
        // keys, every package): offline they will be ERROR too, which is better told now than at the offline run
        PrintWriter err = spec.commandLine().getErr();
        fromRegistry.stream().filter(p -> !missing.containsKey(p.id()) && p.status() == Status.ERROR)
                .collect(Collectors.groupingBy(PackageReport::reason, LinkedHashMap::new,
                        Collectors.mapping(PackageReport::id, Collectors.toCollection(LinkedHashSet::new))))
                .forEach((reason, ids) -> ErrorLine.print(err, "warning: " + ids.size() + " recorded package "
                        + (ids.size() == 1 ? "version" : "versions") + " will not verify offline either ("
                        + named(ids) + "): " + reason));
        err.flush();
        return !printed ? ExitCodes.USAGE_OR_INPUT : missing.isEmpty() ? ExitCodes.PASSED : ExitCodes.INCOMPLETE;
    }

    /**
     * Whether the package is missing from the snapshot: anything could not be fetched or written for it. A failed
     * write ({@code SNAPSHOT_WRITE_FAILED}; or its document not fitting in memory) surfaces as the fetch stage's
     * error, not as a registry one, and attestations that did not fit in memory as the provenance check's
     * OUT_OF_MEMORY. Verdicts on what the registry did serve (no keys for a signed version, say) were recorded like
     * anything else: offline they come out the same.
     */
    static boolean notRecorded(PackageReport p) {
        return p.checks().stream().anyMatch(c -> c.outcome() == Outcome.ERROR
                && (FETCH_FAILURES.contains(c.code()) || c.code().equals("INTERNAL_ERROR")
                        || c.code().equals(io.github.npmprovenance.verify.Verifier.SNAPSHOT_WRITE_FAILED)
                        || c.code().equals("OUT_OF_MEMORY") || c.name().equals(CheckResult.REGISTRY_METADATA)));
    }

    /** The first few, then how many more: a registry that serves no keys makes this every package. */
    private static String named(Collection<String> ids) {
        int shown = 5;
        return ids.stream().limit(shown).collect(Collectors.joining(", "))
                + (ids.size() > shown ? " and " + (ids.size() - shown) + " more" : "");
    }
}
