package io.github.npmprovenance.cli;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileAtRevision;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.registry.FileErrors;
import io.github.npmprovenance.report.JUnitReportWriter;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.ReportFile;
import io.github.npmprovenance.report.SarifReportWriter;
import io.github.npmprovenance.report.TextReportWriter;
import io.github.npmprovenance.run.RunException;
import io.github.npmprovenance.run.RunOptions;
import io.github.npmprovenance.run.RunOutcome;
import io.github.npmprovenance.run.UserHome;
import io.github.npmprovenance.run.VerificationRun;
import io.github.npmprovenance.verify.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = {"Verifies every package of an npm lockfile against its registry: the lockfile's integrity "
                + "must match the registry's, the registry's signatures must verify, and published provenance must "
                + "verify and be about the very bytes the lockfile pins. Then applies the project's policy."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every package passed",
            "1:a package failed the policy (--fail-on)",
            "2:usage error or unreadable input",
            "3:no package failed, but some could not be verified"})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE|DIR", defaultValue = ".",
            description = "package-lock.json, npm-shrinkwrap.json, or a directory holding one. Default: the current directory")
    Path lockfile;

    @Mixin
    RegistryOptions registryOptions;

    /** Here, not among the shared options: snapshot records from the network, without the cache, what offline reads. */
    @Option(names = "--cache-dir", paramLabel = "DIR",
            // %n: picocli wraps inside a word too ("~/." and "cache/npm-provenance" on two lines), not at a break
            description = "Cache of published versions' metadata.%nDefault: ~/.cache/npm-provenance, or%n"
                    + "$XDG_CACHE_HOME/npm-provenance if absolute")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the cache.")
    boolean noCache;

    @Option(names = "--offline", paramLabel = "DIR",
            description = "Read registry data only from a snapshot directory made by 'snapshot'; never use the network.")
    Path offline;

    @Option(names = "--fail-on", paramLabel = "STATUSES",
            description = "Comma-separated statuses that fail the run (invalid, unsigned, error, skipped), or none. "
                    + "Overrides the policy's fail-on.%nDefault: the policy's fail-on, else%ninvalid,unsigned,error")
    String failOn;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy file (YAML). Default: " + PolicyReader.DEFAULT_FILE_NAME + " next to the lockfile, if present")
    Path policyFile;

    @CommandLine.ArgGroup(exclusive = true)
    Base base;

    /** Changed mode, as the action and the Jenkins step have it on pull requests. */
    static final class Base {
        @Option(names = "--changed-since", paramLabel = "REV", required = true, converter = Revision.class,
                description = "Verify only packages new or changed since git revision REV (a commit, branch or tag, "
                        + "e.g. origin/main or HEAD~1), comparing with the lockfile as it was there. Where git cannot show it, "
                        + "more than one ref answers to REV (a tag origin/main beside the branch: give the full commit id "
                        + "or refs/remotes/origin/main), or REV had an npm-shrinkwrap.json the change removed, every "
                        + "package is verified, with a warning.")
        String revision;

        @Option(names = "--base-lockfile", paramLabel = "FILE", required = true,
                description = "Verify only packages new or changed since this lockfile (e.g. the target branch's).")
        Path lockfile;

        /** An empty revision is an unset variable in a workflow, not a base git cannot show. */
        static final class Revision implements CommandLine.ITypeConverter<String> {
            @Override
            public String convert(String value) {
                if (value.isBlank()) {
                    throw new CommandLine.TypeConversionException("needs a git revision, not an empty value");
                }
                return value;
            }
        }
    }

    @Option(names = "--json", description = "Print the JSON report on stdout instead of the text summary.")
    boolean json;

    @Option(names = "--verbose", description = "List every package, not only failing ones.")
    boolean verbose;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path reportJson;

    @Option(names = "--report-sarif", paramLabel = "FILE", description = "Also write a SARIF 2.1.0 report to FILE.")
    Path reportSarif;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path reportJunit;

    @Option(names = "--report-markdown", paramLabel = "FILE", description = "Also write a Markdown report to FILE.")
    Path reportMarkdown;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunOptions options;
        try {
            checkReportPaths();
            options = registryOptions.applyTo(RunOptions.of(lockfile))
                    .withPolicy(Optional.ofNullable(policyFile), Optional.ofNullable(failOn).map(FailOn::parse))
                    .withReporting("npm-provenance/" + ToolVersion.VALUE,
                            json ? ProgressListener.NONE : Progress.forTerminal(System.err, "verifying"),
                            LocalDate.now(ZoneOffset.UTC));
            // the snapshot is all an offline run reads: no cache either
            options = options.withStorage(offline != null || noCache ? Optional.empty() : Optional.of(cacheRoot()),
                    Optional.ofNullable(offline), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), ErrorLine.text(e.getMessage()));
        }
        RunOutcome outcome;
        try {
            if (base != null) {
                options = options.withBase(baseLockfile(err));
            }
            outcome = VerificationRun.execute(options);
        } catch (RunException e) {
            ErrorLine.print(err, e);
            return ExitCodes.USAGE_OR_INPUT;
        }
        Report report = options.base().isEmpty() ? outcome.report() : outcome.report().withChangedSince(
                base.revision != null ? base.revision : base.lockfile.toString(), outcome.lockfile().packages().size());
        boolean printed;
        try {
            if (json) {
                new JsonReportWriter().write(report, out);
            } else {
                new TextReportWriter(verbose).write(report, out);
            }
            printed = StandardOutput.delivered(out, err);
        } catch (OutOfMemoryError e) {
            // what the writer held is garbage once thrown: there is room for the message, the reports and the exit
            ErrorLine.print(err, "cannot print the report: " + tooLargeForTheHeap());
            printed = false;
        }
        boolean written = writeReports(report, ProjectCheckout.of(lockfile), err);
        outcome.warnings().forEach(w -> ErrorLine.print(err, "warning: " + w));
        return printed && written ? ExitCodes.of(report.result()) : ExitCodes.USAGE_OR_INPUT;
    }

    private Path cacheRoot() {
        return cacheDir != null ? cacheDir : defaultCacheRoot(System::getenv);
    }

    /**
     * As the XDG base directories have it: {@code $XDG_CACHE_HOME}, else {@code $HOME/.cache}, with {@code HOME} as
     * the environment has it. A relative {@code XDG_CACHE_HOME} is invalid and ignored, as the specification says:
     * taken as it is, the cache would land in whatever directory the run started in (a checkout, say).
     */
    static Path defaultCacheRoot(Function<String, String> environment) {
        String xdg = environment.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : UserHome.of(environment).resolve(".cache");
        return base.resolve("npm-provenance");
    }

    /** Empty, with a warning, when git cannot show the lockfile at the revision: every package is then verified. */
    private Optional<Lockfile> baseLockfile(PrintWriter err) throws RunException {
        if (base.lockfile != null) {
            return Optional.of(VerificationRun.readLockfile(base.lockfile));
        }
        Path file;
        try {
            file = LockfileReader.locate(lockfile);
        } catch (LockfileException e) {
            throw new RunException(e.getMessage(), e);
        }
        Optional<Lockfile> atRevision;
        try {
            atRevision = LockfileAtRevision.readFile(file, base.revision);
        } catch (LockfileException | IOException e) {
            ErrorLine.print(err, "warning: the lockfile at " + base.revision + " is unreadable (" + e.getMessage()
                    + "); verifying every package");
            return Optional.empty();
        }
        if (atRevision.isEmpty()) {
            ErrorLine.print(err, "warning: git cannot show " + file.getFileName() + " at " + base.revision
                    + " (" + LockfileAtRevision.whyNotShown(file, base.revision) + "); verifying every package");
        }
        return atRevision;
    }

    /** @return whether every report was written; each one that was not is named on stderr with the cause */
    private boolean writeReports(Report report, Path checkout, PrintWriter err) {
        boolean written = writeReport(reportJson, checkout, "JSON",
                file -> new JsonReportWriter().write(report, file), err);
        // relative to where the tool runs, which in CI is the checkout code scanning maps locations into
        written &= writeReport(reportSarif, checkout, "SARIF",
                file -> new SarifReportWriter(ToolVersion.VALUE, Path.of("")).write(report, file), err);
        written &= writeReport(reportJunit, checkout, "JUnit",
                file -> new JUnitReportWriter().write(report, file), err);
        written &= writeReport(reportMarkdown, checkout, "Markdown",
                file -> file.write(new MarkdownReportWriter().render(report).getBytes(StandardCharsets.UTF_8)), err);
        return written;
    }

    private interface ReportWriter {
        void write(OutputStream file) throws IOException, javax.xml.stream.XMLStreamException;
    }

    private static boolean writeReport(Path path, Path checkout, String kind, ReportWriter writer, PrintWriter err) {
        if (path == null) {
            return true;
        }
        try (ReportFile.Output file = ReportFile.create(path, checkout)) {
            writer.write(file);
            file.commit();
            return true;
        } catch (IOException | javax.xml.stream.XMLStreamException e) {
            ErrorLine.print(err, "cannot write the " + kind + " report " + path + ": " + FileErrors.describe(e));
            return false;
        } catch (OutOfMemoryError e) {
            // the report is held whole until it is renamed into place: nothing of it was written
            ErrorLine.print(err, "cannot write the " + kind + " report " + path + ": " + tooLargeForTheHeap());
            return false;
        }
    }

    private static String tooLargeForTheHeap() {
        return "too large for the memory available (maximum heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB); give Java more, e.g. JAVA_OPTS=-Xmx1g";
    }

    /**
     * Report paths are checked before the run, not after it (an empty one, as every empty path, picocli refuses:
     * see Main): one naming a directory would fail only after the run, two reports at one path would leave only
     * the last, and a report replaces what is at its path, so one that names a file the run reads (a slip of the
     * shell: {@code --report-json package-lock.json}) would destroy it.
     */
    private void checkReportPaths() {
        Map<Path, String> seen = new LinkedHashMap<>();
        Map<String, Path> reports = new LinkedHashMap<>();
        reports.put("--report-json", reportJson);
        reports.put("--report-sarif", reportSarif);
        reports.put("--report-junit", reportJunit);
        reports.put("--report-markdown", reportMarkdown);
        reports.forEach((option, path) -> {
            if (path == null) {
                return;
            }
            if (path.toString().equals("-")) {
                // read as stdout, as by most tools, it would be a file named "-" in the current directory
                throw new IllegalArgumentException(option + " - would write a file named \"-\": --json prints the "
                        + "JSON report on stdout, and /dev/stdout names it for another report");
            }
            // a link is replaced, whatever it leads to; a trailing slash, which Path drops, names a directory that
            // may not exist yet (reports/ in a fresh checkout), where the report would be a file named reports
            List<String> written = spec.findOption(option).originalStringValues();
            String raw = written.isEmpty() ? path.toString() : written.get(written.size() - 1);
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || raw.endsWith("/")
                    || raw.endsWith(java.io.File.separator)) {
                throw new IllegalArgumentException(option + " names a directory, " + raw + ": give a file name");
            }
            String other = seen.putIfAbsent(path.toAbsolutePath().normalize(), option);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + option + " name the same file, " + path
                        + ": the second would overwrite the first");
            }
            if (offline != null && (path.toAbsolutePath().normalize().startsWith(offline.toAbsolutePath().normalize())
                    || realPath(path).startsWith(realPath(offline)))) {
                // what the offline run reads: a report among it would replace a recorded response, or lie in wait
                throw new IllegalArgumentException(option + " names a file in the --offline snapshot, " + path
                        + ": the report would overwrite what it recorded");
            }
            inputs().forEach((input, what) -> {
                if (ReportFile.wouldReplace(path, input)) {
                    throw new IllegalArgumentException(option + " names the " + what + ", " + path
                            + ": the report would overwrite it");
                }
            });
        });
    }

    private static Path realPath(Path path) {
        try {
            return ReportFile.realPath(path);
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The files the run reads that a report could be written over; a lockfile not found is the run's to report. */
    private Map<Path, String> inputs() {
        Map<Path, String> inputs = new LinkedHashMap<>();
        try {
            Path located = LockfileReader.locate(lockfile);
            inputs.put(located, "lockfile");
            if (policyFile == null) {
                inputs.put(located.toAbsolutePath().resolveSibling(PolicyReader.DEFAULT_FILE_NAME), "policy file");
            }
            inputs.put(located.toAbsolutePath().resolveSibling(".npmrc"), "project's npm config");
        } catch (LockfileException e) {
            // nothing there to overwrite
        }
        Optional.ofNullable(policyFile).ifPresent(file -> inputs.put(file, "policy file"));
        Optional.ofNullable(base).map(b -> b.lockfile).ifPresent(file -> {
            inputs.put(file, "base lockfile");
            try {
                // a directory given: the lockfile in it is what the run reads
                inputs.put(LockfileReader.locate(file), "base lockfile");
            } catch (LockfileException e) {
                // nothing there to overwrite
            }
        });
        Optional.ofNullable(registryOptions.trustedRoot).ifPresent(file -> inputs.put(file, "trusted root"));
        Optional.ofNullable(registryOptions.registryKeys).ifPresent(file -> inputs.put(file, "registry keys file"));
        // where the user's tokens usually are: --report-json ~/.npmrc would replace them with a report; the one npm
        // reads by default too, where the project's .npmrc names another (userconfig)
        inputs.put(VerificationRun.userNpmrc(Optional.ofNullable(registryOptions.userConfig), System::getenv,
                lockfile),
                "user's npm config");
        inputs.putIfAbsent(UserHome.of(System::getenv).resolve(".npmrc"), "user's npm config");
        return inputs;
    }
}
