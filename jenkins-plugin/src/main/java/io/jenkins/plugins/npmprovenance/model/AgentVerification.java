package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileAtRevision;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.report.JUnitReportWriter;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.ReportFile;
import io.github.npmprovenance.report.ReportPaths;
import io.github.npmprovenance.report.SarifReportWriter;
import io.github.npmprovenance.run.CheckoutFiles;
import io.github.npmprovenance.run.RunException;
import io.github.npmprovenance.run.RunOptions;
import io.github.npmprovenance.run.RunOutcome;
import io.github.npmprovenance.run.VerificationRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The verification as it runs on the agent, in the workspace: plain Java, so it is tested without Jenkins. Writes
 * the JSON, SARIF and JUnit reports into {@code npm-provenance/} in the workspace for {@code junit} and
 * {@code recordIssues}, and returns the report to the controller.
 */
public final class AgentVerification {
    public static final String REPORT_DIRECTORY = "npm-provenance";

    private AgentVerification() {
    }

    /**
     * @param baseRevision for changed mode: the revision to compare with (e.g. {@code origin/main}); may be empty
     * @param cacheDir the agent's cache directory, if any
     */
    public static AgentResult run(Path workspace, AgentRequest request, String baseRevision, Optional<Path> cacheDir,
            Function<String, String> environment, String version) throws RunException, IOException {
        long start = System.nanoTime();
        StepParameters parameters = request.parameters();
        List<String> problems = parameters.problems();
        if (!problems.isEmpty()) {
            throw new RunException(String.join("; ", problems), null);
        }
        Path lockfile = workspace.resolve(parameters.lockfile().isEmpty() ? "." : parameters.lockfile()).normalize();
        Optional<Path> policy = parameters.policy().isEmpty() ? Optional.empty()
                : Optional.of(workspace.resolve(parameters.policy()).normalize());
        CheckoutFiles.requireInside(workspace, lockfile, policy);
        List<String> warnings = new ArrayList<>();
        Optional<Lockfile> base = Optional.empty();
        if (parameters.mode().equals("changed")) {
            base = base(lockfile, baseRevision, warnings);
        }
        RunOptions options = RunOptions.of(lockfile)
                .withEnvironment(environment)
                .withRegistry(parameters.registry().isEmpty() ? Optional.empty() : Optional.of(parameters.registry()))
                .withRegistryToken(request.tokenValue())
                .withNetwork(16, HttpOptions.defaults().withProxy(request.proxySettings()))
                .withStorage(cacheDir, Optional.empty(), Optional.empty())
                .withPolicy(policy, parameters.failOnOverride())
                .withBase(base)
                .withReporting("npm-provenance-jenkins/" + version, io.github.npmprovenance.verify.ProgressListener.NONE,
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        RunOutcome outcome = VerificationRun.execute(options);
        warnings.addAll(outcome.warnings());
        Report mapped = outcome.report().mapPaths(ReportPaths.relativeTo(workspace));
        Report report = base.isEmpty() ? mapped
                : mapped.withChangedSince(baseRevision, outcome.lockfile().packages().size());
        Path absoluteWorkspace = workspace.toAbsolutePath().normalize();
        Optional<Path> root = LockfileAtRevision.repositoryRoot(
                Files.isDirectory(lockfile) ? lockfile : lockfile.getParent());
        String repositoryRoot = relative(Optional.of(absoluteWorkspace),
                root.filter(r -> r.startsWith(absoluteWorkspace)));
        String workspaceInRepository = relative(root.filter(absoluteWorkspace::startsWith),
                Optional.of(absoluteWorkspace));
        String shownPrefix = stepInWorkspace(absoluteWorkspace, environment.apply("WORKSPACE"))
                .orElse(workspaceInRepository);
        // the files name the lockfile as the page does: in dir('web'), web/package-lock.json, which recordIssues
        // finds from the workspace's root, in a JUnit class dir('api')'s lockfile does not share
        List<String> files = writeReports(workspace, report, report.mapPaths(p -> shownPrefix + p), version);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReportWriter().write(report, json);
        return new AgentResult(json.toString(StandardCharsets.UTF_8), files, (System.nanoTime() - start) / 1_000_000,
                warnings, repositoryRoot, workspaceInRepository, shownPrefix);
    }

    /**
     * Where the checkout's root is, relative to the workspace, as {@code sub/}: {@code dir('sub') { checkout scm }}
     * puts it there, and GitHub places annotations by paths relative to it; or, for a step called below the root
     * ({@code dir('web') { verifyNpmProvenance() }}), where the workspace is in the checkout. {@code ""} for none.
     */
    private static String relative(Optional<Path> from, Optional<Path> to) {
        if (from.isEmpty() || to.isEmpty() || from.get().equals(to.get())) {
            return "";
        }
        return LockfileAtRevision.gitPath(from.get(), to.get()) + "/";
    }

    /**
     * Where the step runs in the build's workspace ({@code WORKSPACE}), as {@code app/web/}, {@code ""} at its root;
     * empty where that is not known (no such variable, or a step outside it).
     */
    private static Optional<String> stepInWorkspace(Path stepWorkspace, String buildWorkspace) {
        try {
            return buildWorkspace == null || buildWorkspace.isEmpty() ? Optional.empty()
                    : Optional.of(Path.of(buildWorkspace).toAbsolutePath().normalize())
                            .filter(stepWorkspace::startsWith)
                            .map(root -> relative(Optional.of(root), Optional.of(stepWorkspace)));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Lockfile> base(Path lockfile, String revision, List<String> warnings) {
        if (revision.isEmpty()) {
            warnings.add("changed mode needs the build's target branch (CHANGE_TARGET); verifying every package");
            return Optional.empty();
        }
        try {
            // read from the lockfile's own folder: the repository need not be checked out at the workspace's root
            Path file = LockfileReader.locate(lockfile);
            Optional<Lockfile> base = LockfileAtRevision.readFile(file, revision);
            if (base.isEmpty()) {
                warnings.add("git cannot show the lockfile at " + revision + " ("
                        + LockfileAtRevision.whyNotShown(file, revision) + "); verifying every package");
            }
            return base;
        } catch (LockfileException | IOException e) {
            // IOException: git cannot run (an agent without it, whose checkout JGit made), as the command line has it
            warnings.add("the lockfile at " + revision + " is unreadable (" + e.getMessage()
                    + "); verifying every package");
            return Optional.empty();
        }
    }

    /**
     * The reports' folder: {@code npm-provenance/} for the workspace's own lockfile, {@code npm-provenance/web/} for
     * {@code web/package-lock.json}, so that a second step call, for another lockfile (a monorepo's, or a parallel
     * branch's), does not overwrite the first's reports.
     *
     * @param lockfile the lockfile's path in the workspace, as the report has it
     */
    static String reportDirectory(String lockfile) {
        String path = lockfile.replace('\\', '/');
        String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        boolean inWorkspace = !folder.startsWith("/") && !folder.matches("[A-Za-z]:.*")
                && java.util.Arrays.stream(folder.split("/")).noneMatch(s -> s.equals("..") || s.equals("."));
        return folder.isEmpty() || !inWorkspace ? REPORT_DIRECTORY : REPORT_DIRECTORY + "/" + folder;
    }

    /**
     * @param report the report as the step's workspace has it, which places the files
     * @param shown the report as they hold it
     */
    private static List<String> writeReports(Path workspace, Report report, Report shown, String version)
            throws IOException {
        // the workspace is the checkout, where a pull request can commit the directory or a report's name as a
        // symbolic link: a directory leading out of the workspace is refused, a link in a report's place replaced
        Path reports = Files.createDirectories(workspace.resolve(REPORT_DIRECTORY));
        if (!reports.toRealPath().startsWith(workspace.toRealPath())) {
            throw new IOException(REPORT_DIRECTORY + " leads out of the workspace through a symbolic link");
        }
        String name = reportDirectory(report.lockfile());
        // each level is checked before the next is made in it: a link committed below npm-provenance/ is refused too
        Path directory = reports;
        for (Path level : reports.relativize(workspace.resolve(name))) {
            directory = Files.createDirectories(directory.resolve(level.toString()));
            if (!directory.toRealPath().startsWith(reports.toRealPath())) {
                throw new IOException(name + " leads out of " + REPORT_DIRECTORY + " through a symbolic link");
            }
        }
        List<String> files = List.of(name + "/report.json", name + "/report.sarif", name + "/junit.xml");
        try (ReportFile.Output out = ReportFile.create(directory.resolve("report.json"))) {
            new JsonReportWriter().write(shown, out);
            out.commit();
        }
        try (ReportFile.Output out = ReportFile.create(directory.resolve("report.sarif"))) {
            new SarifReportWriter(version).write(shown, out);
            out.commit();
        }
        try (ReportFile.Output out = ReportFile.create(directory.resolve("junit.xml"))) {
            new JUnitReportWriter().write(shown, out);
            out.commit();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
        return files;
    }
}
