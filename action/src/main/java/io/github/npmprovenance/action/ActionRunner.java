package io.github.npmprovenance.action;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.registry.FileErrors;
import io.github.npmprovenance.report.Annotation;
import io.github.npmprovenance.report.Annotations;
import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.report.Plural;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.ReportFile;
import io.github.npmprovenance.report.ReportPaths;
import io.github.npmprovenance.report.RunResult;
import io.github.npmprovenance.report.SarifReportWriter;
import io.github.npmprovenance.report.TextReportWriter;
import io.github.npmprovenance.run.CheckoutFiles;
import io.github.npmprovenance.run.RunException;
import io.github.npmprovenance.run.RunOptions;
import io.github.npmprovenance.run.RunOutcome;
import io.github.npmprovenance.run.VerificationRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

/**
 * The action from inputs to reports: verify, then report where GitHub users look (check run with annotations,
 * job summary, outputs, SARIF and JSON files, optional PR comment). Reporting never fails the job; only the
 * verification result does.
 */
final class ActionRunner {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int UNUSABLE_INPUT = 2;

    private final Function<String, String> environment;
    private final PrintStream log;
    /**
     * The warnings this step has written so far: the runner shows the first 10 of a step, whoever wrote them, so the
     * action's own count against the annotations written as workflow commands.
     */
    private int warnings;

    ActionRunner(Function<String, String> environment, PrintStream log) {
        this.environment = environment;
        this.log = log;
    }

    int run() {
        ActionInputs inputs = ActionInputs.from(environment);
        GitHubContext context;
        try {
            context = GitHubContext.from(environment);
        } catch (IOException e) {
            log.println("::error::cannot read the GitHub event: " + WorkflowCommands.data(e.getMessage()));
            return UNUSABLE_INPUT;
        }
        String mode = inputs.mode().map(m -> m.toLowerCase(java.util.Locale.ROOT))
                .orElse(context.pullRequest().isPresent() ? "changed" : "all");
        if (!mode.equals("changed") && !mode.equals("all")) {
            // a misspelt mode is the workflow author's mistake: say so rather than guess which one was meant
            log.println("::error::mode: \"" + WorkflowCommands.data(inputs.mode().get())
                    + "\" is neither changed nor all");
            return UNUSABLE_INPUT;
        }
        if (inputs.comment().isEmpty()) {
            log.println("::error::comment: \"" + WorkflowCommands.data(environment.apply("INPUT_COMMENT").trim())
                    + "\" is neither true nor false");
            return UNUSABLE_INPUT;
        }
        Optional<FailOn> failOn;
        try {
            failOn = inputs.failOn().map(FailOn::parse);
        } catch (IllegalArgumentException e) {
            log.println("::error::fail-on: " + WorkflowCommands.data(e.getMessage()));
            return UNUSABLE_INPUT;
        }
        Path workspace = context.workspace().toAbsolutePath().normalize();
        UnaryOperator<String> relative = ReportPaths.relativeTo(workspace);
        UnaryOperator<String> message = text -> withWorkspacePaths(workspace, text);
        Path lockfilePath;
        try {
            lockfilePath = LockfileReader.locate(workspace.resolve(inputs.lockfile()).normalize());
        } catch (LockfileException e) {
            log.println("::error::" + WorkflowCommands.data(message.apply(e.getMessage())));
            return UNUSABLE_INPUT;
        }
        Optional<Path> policyPath = inputs.policy().map(p -> workspace.resolve(p).normalize());
        try {
            CheckoutFiles.requireInside(workspace, lockfilePath, policyPath);
        } catch (RunException e) {
            log.println("::error::" + WorkflowCommands.data(e.getMessage()));
            return UNUSABLE_INPUT;
        }
        Path jsonFile = workspace.resolve(inputs.jsonFile()).normalize();
        Path sarifFile = workspace.resolve(inputs.sarifFile()).normalize();
        Optional<String> clash = reportPathClash(inputs, jsonFile, sarifFile, lockfilePath, policyPath,
                VerificationRun.userNpmrc(Optional.empty(), NpmEnvironment.of(environment), lockfilePath));
        if (clash.isPresent()) {
            log.println("::error::" + WorkflowCommands.data(message.apply(clash.get())));
            return UNUSABLE_INPUT;
        }
        String lockfileRelative = relative.apply(lockfilePath.toString());
        RepositoryRoot repositoryRoot = RepositoryRoot.of(workspace, lockfilePath);
        // the path can come from the pull request (a directory name, through a matrix): a line break in it would
        // start a workflow command of its own, so it is written as every other lockfile text is
        log.println("npm-provenance-action " + Main.VERSION + ": verifying " + Escape.plain(lockfileRelative));
        Optional<GHRepository> repository = repository(inputs, context);

        boolean changedMode = mode.equals("changed") && context.pullRequest().isPresent();
        String modeNote = mode.equals("changed") && !changedMode
                ? "All packages of the lockfile were verified: `mode: changed` compares with a pull request's base "
                        + "commit, and this run is for none."
                : "All packages of the lockfile were verified.";
        Optional<Lockfile> base = Optional.empty();
        if (changedMode) {
            StringBuilder how = new StringBuilder();
            try {
                String inRepository = repositoryRoot.path(lockfileRelative);
                if (!repositoryRoot.root().resolve(inRepository).normalize().equals(lockfilePath)) {
                    // the base would be another file's
                    throw new IOException("the lockfile's path in the repository cannot be told");
                }
                base = BaseLockfile.read(repositoryRoot, inRepository, context.pullRequest().get().baseSha(),
                        repository, how);
                modeNote = base.isPresent()
                        ? "Only packages new or changed since the base commit were verified (base lockfile read from "
                                + how + ")."
                        : "The base commit has no such lockfile: every package is new and was verified.";
            } catch (IOException | LockfileException | RuntimeException e) {
                // whatever went wrong, verifying every package is the safe side: nothing changed escapes
                warning("cannot read the base lockfile, verifying every package: "
                        + WorkflowCommands.data(describe(e)));
                modeNote = "The base lockfile could not be read, so every package was verified.";
            }
        }

        RunOptions options = RunOptions.of(lockfilePath)
                .withEnvironment(NpmEnvironment.of(environment))
                .withRegistry(inputs.registry())
                .withPolicy(policyPath, failOn)
                .withBase(base);
        RunOutcome outcome;
        try {
            outcome = VerificationRun.execute(options);
        } catch (RunException e) {
            log.println("::error::" + WorkflowCommands.data(message.apply(e.getMessage())));
            return UNUSABLE_INPUT;
        }
        if (changedMode && base.isPresent()) {
            modeNote += " " + outcome.verified() + " of " + outcome.lockfile().packages().size()
                    + " packages were new or changed.";
        }
        Report verified = outcome.report().mapPaths(relative);
        // the revision, as the CLI and the Jenkins step give theirs: the JSON report is read by programs
        Report report = base.isEmpty() ? verified : verified.withChangedSince(
                context.pullRequest().get().baseSha(), outcome.lockfile().packages().size());
        List<Annotation> annotations = Annotations.of(report);
        boolean jsonWritten = writeFile(workspace, jsonFile, "JSON report",
                out -> new JsonReportWriter().write(report, out));
        // code scanning, like the check run, takes relative paths as relative to the repository's root
        Report sarifReport = report.mapPaths(repositoryRoot::path);
        boolean sarifWritten = writeFile(workspace, sarifFile, "SARIF report",
                out -> new SarifReportWriter(Main.VERSION).write(sarifReport, out));

        String markdown = new MarkdownReportWriter().render(report) + "\n" + modeNote + "\n";
        Optional<RepositoryRoot.Commit> checkedOut = repositoryRoot.head();
        String checkSha = context.checkSha(checkedOut);
        context.pullRequest().map(GitHubContext.PullRequest::headSha).filter(head -> !head.equals(checkSha))
                .ifPresent(head -> warning((checkedOut.isPresent()
                        ? "the workspace holds commit " + checkSha + ", not the pull request's head " + head
                                + " (nor a merge commit of it: GitHub may not have merged the latest head yet)"
                        : "the workspace is no git checkout, so it cannot show that it holds the pull request's head "
                                + head + " rather than the event's commit " + checkSha)
                        + ": the check run goes on " + checkSha
                        + ". Check out the pull request's head to verify the lockfile it brings."));
        String reportingNote = publish(inputs, context, checkSha, repository, report, annotations, markdown,
                repositoryRoot::path);
        writeSummary(context, markdown, reportingNote.isEmpty() ? "" : "\n" + reportingNote + "\n");
        // an output names a file only if it was written: a later upload step must not pick up a stale one
        writeOutputs(context, report, jsonWritten ? relative.apply(jsonFile.toString()) : "",
                sarifWritten ? relative.apply(sarifFile.toString()) : "");
        if (inputs.comment().get() && context.pullRequest().isPresent() && repository.isPresent()) {
            comment(inputs, context, repository.get(), markdown);
        }
        log.println(TextReportWriter.summaryLine(report));
        return report.result() == RunResult.FAILED ? FAILED : PASSED;
    }

    /** Posts or updates the pull request's comment; a failure is a warning, never the job's result. */
    private void comment(ActionInputs inputs, GitHubContext context, GHRepository repository, String markdown) {
        GitHubContext.PullRequest pullRequest = context.pullRequest().orElseThrow();
        try {
            StickyComment.upsert(repository.getPullRequest(pullRequest.number()), inputs.checkName(), markdown,
                    StickyComment.author(connect(inputs, context)));
        } catch (IOException e) {
            commentFailed(pullRequest, e);
        } catch (GHException e) {
            // github-api's paging (the comments listed) wraps the request's IOException in this RuntimeException
            commentFailed(pullRequest, e.getCause() instanceof IOException io ? io : new IOException(e.getMessage()));
        }
    }

    private void commentFailed(GitHubContext.PullRequest pullRequest, IOException e) {
        if (!(e instanceof HttpException http)) {
            warning("could not comment on the pull request: " + WorkflowCommands.data(describe(e)));
            return;
        }
        if (unanswered(http)) {
            warning("could not comment on the pull request: " + WorkflowCommands.data(describe(failureOf(http))));
            return;
        }
        boolean forbidden = (http.getResponseCode() == 403 || http.getResponseCode() == 404) && !rateLimited(http);
        warning("could not comment on the pull request (HTTP " + http.getResponseCode() + "): "
                + (!forbidden ? WorkflowCommands.data(describe(http))
                        : pullRequest.fromFork()
                                ? "the token is read-only, as for pull requests from forks"
                                : "the token may not comment" + acceptedPermissions(http)
                                        + ": grant `pull-requests: write` in the workflow's permissions"));
    }

    /** Writes a warning of the action's own (text already escaped as workflow-command data), counting it. */
    private void warning(String text) {
        warnings++;
        log.println("::warning::" + text);
    }

    /** Publishes a check run, or falls back to workflow-command annotations. @return a note for the summary */
    private String publish(ActionInputs inputs, GitHubContext context, String checkSha,
            Optional<GHRepository> repository, Report report, List<Annotation> annotations, String markdown,
            UnaryOperator<String> pathOf) {
        // a pull request from a fork gets a token too, read-only: an empty one is the workflow's own doing
        String why = inputs.token().isEmpty() ? "the `token` input is empty; give it a token with `checks: write`"
                // repository() said why in its warning
                : "the repository could not be read through the GitHub API";
        if (repository.isPresent()) {
            try {
                new CheckRunPublisher(repository.get()).publish(inputs.checkName(), checkSha,
                        conclusion(report), TextReportWriter.headline(report), markdown, annotations, pathOf);
                return CheckRunPublisher.leftOutNote(annotations).strip();
            } catch (CheckRunPublisher.IncompleteCheckRun e) {
                warning(WorkflowCommands.data(describe(e))
                        + ". Annotating with workflow commands as well.");
                int hidden = WorkflowCommands.annotate(annotations, pathOf, log, warnings);
                return "GitHub refused part of the report on the check run, which "
                        + (e.concluded() ? "was therefore concluded as failed" : "could not be concluded either and "
                                + "may show as in progress") + ": annotations were also written as workflow commands"
                        + hiddenNote(hidden);
            } catch (HttpException e) {
                if (unanswered(e)) {
                    why = unreachable(e);
                } else {
                    boolean rateLimited = rateLimited(e);
                    boolean readOnly = !rateLimited && (e.getResponseCode() == 403 || e.getResponseCode() == 404);
                    // a pull request from a fork gets a read-only token whatever the workflow asks for; anywhere else
                    // the workflow's permissions (read-only by default for repositories created since 2023) are short
                    boolean fork = context.pullRequest().map(GitHubContext.PullRequest::fromFork).orElse(false);
                    warning("could not create a check run (HTTP " + e.getResponseCode() + "); "
                            + (rateLimited ? "the token is rate limited. "
                                    : readOnly && fork ? "the token is read-only, as for pull requests from forks. "
                                    : readOnly ? "the token may not create check runs" + acceptedPermissions(e)
                                            + ": grant `checks: write` in the workflow's permissions. "
                                    : "")
                            + "Annotating with workflow commands instead.");
                    why = rateLimited ? "the token is rate limited"
                            : readOnly && fork ? "a pull request from a fork, whose token is read-only"
                            : readOnly ? "the token lacks `checks: write`; grant it in the workflow's `permissions`"
                            : "HTTP " + e.getResponseCode();
                }
            } catch (IOException | RuntimeException e) {
                why = unreachable(e);
            }
        }
        int hidden = WorkflowCommands.annotate(annotations, pathOf, log, warnings);
        return "No check run could be created (" + why + "): annotations were written as workflow commands"
                + hiddenNote(hidden);
    }

    /**
     * Warns that no check run could be created for want of an answer from GitHub, naming what github-api's HTTP -1
     * wraps (the connection's own failure). @return why, for the summary
     */
    private String unreachable(Exception e) {
        warning("could not create a check run: " + WorkflowCommands.data(describe(failureOf(e)))
                + ". Annotating with workflow commands instead.");
        return "GitHub could not be reached";
    }

    /** github-api reports a request GitHub never answered (a dropped connection) as HTTP -1, no HTTP status. */
    private static boolean unanswered(HttpException e) {
        return e.getResponseCode() < 0;
    }

    /** What an unanswered request's HTTP -1 wraps: the connection's own failure. */
    private static Exception failureOf(Exception e) {
        return e instanceof HttpException && e.getCause() instanceof Exception c ? c : e;
    }

    /**
     * What github-api's failing rate-limit handlers throw, for GitHub's primary and secondary limits, and a secondary
     * limit they do not recognize: GitHub answers one with 403 and a message saying so, but not always with the
     * {@code retry-after} header github-api looks for, nor with {@code x-ratelimit-remaining: 0}.
     */
    private static boolean rateLimited(HttpException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("API rate limit reached") || message.startsWith("Abuse limit reached")
                || (e.getResponseCode() == 403 || e.getResponseCode() == 429)
                        && message.toLowerCase(java.util.Locale.ROOT).contains("secondary rate limit");
    }

    /** The permission GitHub names in its answer to a token that lacks it, as workflow-command text. */
    private static String acceptedPermissions(HttpException e) {
        return e.getResponseHeaderFields() == null ? "" : e.getResponseHeaderFields().entrySet().stream()
                .filter(h -> "X-Accepted-GitHub-Permissions".equalsIgnoreCase(h.getKey()) && h.getValue() != null)
                .flatMap(h -> h.getValue().stream()).filter(v -> !v.isBlank()).findFirst()
                .map(v -> " (GitHub asks for " + WorkflowCommands.data(v) + ")").orElse("");
    }

    private static String hiddenNote(int hidden) {
        return hidden > 0 ? "; GitHub shows at most " + WorkflowCommands.SHOWN_PER_LEVEL + " per level, so " + hidden
                + " more " + Plural.is(hidden) + " only in this summary and the reports." : ".";
    }

    private Optional<GHRepository> repository(ActionInputs inputs, GitHubContext context) {
        if (inputs.token().isEmpty() || context.repository().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(connect(inputs, context).getRepository(context.repository()));
        } catch (IOException | RuntimeException e) {
            warning("cannot reach the GitHub API: " + WorkflowCommands.data(describe(e)));
            return Optional.empty();
        }
    }

    private static GitHub connect(ActionInputs inputs, GitHubContext context) throws IOException {
        // the workflow's token is an installation token: no GET /user round trip, as for a personal token.
        // github-api's default on a rate limit is to sleep until GitHub's reset, up to an hour (or Retry-After for a
        // secondary limit), holding the job's result back for a report: fail the request instead, and fall back.
        return new GitHubBuilder().withEndpoint(context.apiUrl()).withAppInstallationToken(inputs.token().orElseThrow())
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL).withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                .build();
    }

    /**
     * Checked before the run: a report replaces what is at its path, so one naming a file the run reads would destroy
     * it for the job's later steps (json-file: package-lock.json), and two at one path would leave only the second.
     * The user's npm config is the one the run reads: actions/setup-node writes the token line to its own and names
     * it in NPM_CONFIG_USERCONFIG.
     */
    private static Optional<String> reportPathClash(ActionInputs given, Path json, Path sarif, Path lockfile,
            Optional<Path> policy, Path userNpmrc) {
        // a trailing slash, which Path drops, names a directory that may not exist yet (reports/ in a fresh
        // checkout): the report would be a file of that name; an existing directory fails only after the run
        if (given.jsonFile().endsWith("/") || Files.isDirectory(json, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("json-file names a directory, " + given.jsonFile() + ": give a file name");
        }
        if (given.sarifFile().endsWith("/") || Files.isDirectory(sarif, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("sarif-file names a directory, " + given.sarifFile() + ": give a file name");
        }
        if (json.equals(sarif)) {
            return Optional.of("json-file and sarif-file name the same file, " + json);
        }
        Map<Path, String> inputs = new LinkedHashMap<>();
        inputs.put(lockfile, "lockfile");
        inputs.put(policy.orElse(lockfile.resolveSibling(PolicyReader.DEFAULT_FILE_NAME)), "policy file");
        inputs.put(lockfile.resolveSibling(".npmrc"), "project's npm config");
        inputs.put(userNpmrc, "user's npm config");
        Map<String, Path> reports = new LinkedHashMap<>();
        reports.put("json-file", json);
        reports.put("sarif-file", sarif);
        for (Map.Entry<String, Path> report : reports.entrySet()) {
            for (Map.Entry<Path, String> input : inputs.entrySet()) {
                if (ReportFile.wouldReplace(report.getValue(), input.getKey())) {
                    return Optional.of(report.getKey() + " names the " + input.getValue() + ", " + report.getValue()
                            + ": the report would overwrite it");
                }
            }
        }
        return Optional.empty();
    }

    private interface ReportWriting {
        void writeTo(OutputStream out) throws IOException;
    }

    /** @return whether the whole file was written */
    private boolean writeFile(Path workspace, Path file, String what, ReportWriting writing) {
        try (ReportFile.Output out = ReportFile.create(file, workspace)) {
            writing.writeTo(out);
            out.commit();
            return true;
        } catch (IOException e) {
            warning("cannot write the " + what + ": " + WorkflowCommands.data(describe(e)));
            return false;
        }
    }

    private void writeSummary(GitHubContext context, String markdown, String note) {
        if (context.stepSummary().isEmpty()) {
            return;
        }
        try {
            Files.writeString(context.stepSummary().get(), JobSummary.fit(markdown, note), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            warning("cannot write the job summary: " + WorkflowCommands.data(describe(e)));
        }
    }

    private void writeOutputs(GitHubContext context, Report report, String json, String sarif) {
        if (context.output().isEmpty()) {
            return;
        }
        try {
            ActionOutputs.write(context.output().get(),
                    ActionOutputs.of(report.summary(), report.result().name().toLowerCase(java.util.Locale.ROOT), json,
                            sarif));
        } catch (IOException e) {
            warning("cannot write the step outputs: " + WorkflowCommands.data(describe(e)));
        }
    }

    /**
     * Neutral, not green, where the run passed only because fail-on let through a package that fails by default (an
     * INVALID one with {@code fail-on: none}): required checks accept it, as the project asked, and the Jenkins
     * step's check concludes the same for the same report.
     */
    static GHCheckRun.Conclusion conclusion(Report report) {
        if (report.result() == RunResult.FAILED) {
            return GHCheckRun.Conclusion.FAILURE;
        }
        return report.letThroughByFailOn().isEmpty() ? GHCheckRun.Conclusion.SUCCESS : GHCheckRun.Conclusion.NEUTRAL;
    }

    /** A message with the workspace's paths in it written relative to it, where a path begins with the workspace. */
    static String withWorkspacePaths(Path workspace, String text) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?<![^\\s'\"(\\[])"
                + java.util.regex.Pattern.quote(workspace.toString()) + "(/|(?=[\\s'\":,;)\\]]|$))").matcher(text);
        return matcher.replaceAll(m -> m.group(1).isEmpty() ? "." : "");
    }

    /** Exception text without anything that could carry the token (github-api never puts it in messages). */
    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException) {
            // Java names only the file for the commonest failures: say why, as the command line does
            return FileErrors.describe(e);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().split("\\R", 2)[0]);
    }
}
