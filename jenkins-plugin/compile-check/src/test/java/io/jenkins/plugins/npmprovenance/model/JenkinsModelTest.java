package io.jenkins.plugins.npmprovenance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.PolicyRule;
import io.github.npmprovenance.report.Annotation;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Git;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's Jenkins-free decisions, over real verification results from the recorded registry data. */
class JenkinsModelTest {
    private final FixtureRegistry registry = FixtureRegistry.start();
    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        registry.close();
    }

    private static TestLockfile oneTampered() {
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
        String integrity = lockfile.entry("nuxt").get("integrity").asText();
        lockfile.entry("nuxt").put("integrity", integrity.replace("Ew3w", "Ew4w"));
        return lockfile;
    }

    /** The JSON an agent sends the controller for one tampered and one verified package. */
    private String sentByTheAgent() throws java.io.IOException {
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        new io.github.npmprovenance.report.JsonReportWriter().write(report(oneTampered(), "invalid"), json);
        return json.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The report the controller rebuilds from what an agent sent. */
    private static Report received(String json) throws java.io.IOException {
        return io.github.npmprovenance.report.JsonReportWriter.read(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Report report(TestLockfile lockfile, String failOn) {
        List<PackageResult> results = Verification.verify(lockfile, registry);
        return Report.of("package-lock.json", registry.url().toString(), results, FailOn.parse(failOn));
    }

    @Test
    void failingPackageFailsTheBuild() {
        BuildVerdict verdict = BuildVerdict.of(report(oneTampered(), "invalid,unsigned,error"));

        assertThat(verdict.result()).isEqualTo(BuildVerdict.FAILURE);
        assertThat(verdict.message()).isEqualTo("npm provenance: 1 of 2 packages failed (1 invalid, 0 unsigned, 0 not "
                + "verifiable; fail-on: invalid,error,unsigned)");
    }

    @Test
    void anUnverifiedPackageLetThroughMakesTheBuildUnstableNeverSuccessful() {
        assertThat(BuildVerdict.of(report(oneTampered(), "none")).result()).isEqualTo(BuildVerdict.UNSTABLE);
        // and the check, whose title said "All 2 packages passed (1 with verified provenance)"
        ChecksReport check = ChecksReport.of("npm provenance", report(oneTampered(), "none"));
        assertThat(check.title()).isEqualTo("All 2 packages passed, but fail-on let 1 invalid through");
        // the check was SUCCESS, green on the pull request, beside a yellow build
        assertThat(check.conclusion()).isEqualTo("NEUTRAL");
        assertThat(ChecksReport.of("npm provenance", report(new TestLockfile().add("sigstore", "1.0.0"), "none"))
                .conclusion()).isEqualTo("SUCCESS");
        registry.fault("sigstore", FixtureRegistry.Fault.SERVER_ERROR, 100);
        BuildVerdict oneError = BuildVerdict.of(report(new TestLockfile().add("sigstore", "1.0.0"), "invalid"));
        assertThat(oneError.result()).isEqualTo(BuildVerdict.UNSTABLE);
        assertThat(oneError.message()).isEqualTo("npm provenance: 1 of 1 package was not verified but did not fail the "
                + "build (fail-on: invalid)");
    }

    @Test
    void aPackagePassedByAnExplicitExceptionIsNotLetThroughByFailOn() throws Exception {
        // as for the CLI's exit code and the action's check run: an unexpired allow exception is the project's
        // decision, not a status fail-on ignores
        registry.fault("sigstore", FixtureRegistry.Fault.SERVER_ERROR, 100);
        List<PackageResult> results = Verification.verify(new TestLockfile().add("sigstore", "1.0.0"), registry);
        io.github.npmprovenance.policy.Policy policy = new io.github.npmprovenance.policy.PolicyReader().read(
                "policy.yml", new java.io.StringReader("allow:\n  - package: sigstore@1.0.0\n"
                        + "    reason: registry outage, reviewed\n    expires: 2099-12-31\n"));
        Report report = Report.of("package-lock.json", registry.url().toString(), results, policy,
                java.time.LocalDate.of(2026, 1, 1));
        assertThat(report.packages().get(0).policy().rule()).isEqualTo(PolicyRule.ALLOW);

        assertThat(BuildVerdict.of(report).result()).isEqualTo(BuildVerdict.SUCCESS);
    }

    @Test
    void allVerifiedIsSuccessAndTheStepReturnsCounts() {
        Report report = report(new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0"), "invalid");
        BuildVerdict verdict = BuildVerdict.of(report);

        assertThat(verdict.result()).isEqualTo(BuildVerdict.SUCCESS);
        Map<String, Object> map = StepResultMap.of(report, verdict);
        assertThat(map).containsEntry("total", 2).containsEntry("verified", 2).containsEntry("invalid", 0)
                .containsEntry("result", "SUCCESS");
    }

    @Test
    void reportPageListsFailuresFirstWithSafeLinks() {
        ReportPage page = ReportPage.of(report(oneTampered(), "invalid"));

        assertThat(page.getRows()).extracting(ReportPage.Row::getStatus).containsExactly("INVALID", "VERIFIED");
        ReportPage.Row verified = page.getRows().get(1);
        assertThat(verified.getSourceUrl()).isEqualTo("https://github.com/sigstore/sigstore-js");
        assertThat(verified.getCommitUrl()).startsWith("https://github.com/sigstore/sigstore-js/commit/")
                .matches(".*/commit/[0-9a-f]{40}");
        assertThat(verified.getRekorUrl()).startsWith("https://search.sigstore.dev/?logIndex=");
        assertThat(page.getRows().get(0).getReason()).contains("lockfile integrity differs");
        assertThat(page.getRows().get(0).getLocation()).matches("package-lock\\.json:\\d+");
    }

    @Test
    void theReportPageGivesARepositoryTheIssuerDoesNotSpeakForAsItsClaim() throws Exception {
        // the certificate's issuer as a CI service that takes repository names from its users' settings would be
        String sent = sentByTheAgent();
        assertThat(sent).contains("\"https://token.actions.githubusercontent.com\"");

        ReportPage.Row verified = ReportPage.of(received(sent.replace(
                "\"https://token.actions.githubusercontent.com\"", "\"https://oidc.ci.example\""))).getRows().get(1);

        assertThat(verified.getStatus()).isEqualTo("VERIFIED");
        assertThat(verified.getSourceUrl()).isEmpty();
        assertThat(verified.getSourceRepository()).isEqualTo("https://github.com/sigstore/sigstore-js (as claimed by "
                + "https://oidc.ci.example, which does not speak for that host)");
    }

    @Test
    void theReportPageLinksOnlyARekorEntryUrlNotWhatTheAgentsJsonSays() throws Exception {
        // the controller rebuilds the page from the JSON the agent sent: an agent is not trusted with the controller's
        // pages, so a link in it is checked there, as the source and commit links are
        String sent = sentByTheAgent();
        assertThat(sent).contains("https://search.sigstore.dev/?logIndex=");
        String hostile = sent.replaceAll("https://search\\.sigstore\\.dev/\\?logIndex=\\d+",
                "javascript:alert(document.domain)//");

        ReportPage page = ReportPage.of(received(hostile));

        assertThat(page.getRows()).extracting(ReportPage.Row::getRekorUrl).containsOnly("");
        assertThat(ReportPage.of(received(sent)).getRows().get(1).getRekorUrl())
                .matches("https://search\\.sigstore\\.dev/\\?logIndex=\\d+");
    }

    @Test
    void theChecksSummaryLinksOnlyARekorEntryUrlNotWhatTheAgentsJsonSays() throws Exception {
        // the check is published by the controller, from the JSON the agent sent, as the report page is built: its
        // Markdown took the Rekor URL as the JSON had it, and a ')' ended the link and began one of the agent's
        String sent = sentByTheAgent();
        String hostile = sent.replaceAll(
                "https://search\\.sigstore\\.dev/\\?logIndex=\\d+",
                "https://search.sigstore.dev/?logIndex=1) [approve this pull request](https://evil.example/x");

        String summary = ChecksReport.of("npm provenance", received(hostile)).summary();

        assertThat(summary).doesNotContain("](https://evil.example").contains("Rekor ");
        assertThat(ChecksReport.of("npm provenance", received(sent)).summary())
                .containsPattern("\\(\\[Rekor \\d+\\]\\(https://search\\.sigstore\\.dev/\\?logIndex=\\d+\\)\\)");
    }

    @Test
    void theFailOnOfTheAgentsJsonIsTextToEscapeWhereverItGoes() throws Exception {
        // the controller reads fail-on from the JSON the agent sent, as it is: it went into the check's Markdown and
        // the console's verdict line as it was
        String hostile = sentByTheAgent().replace("\"failOn\" : \"invalid\"",
                "\"failOn\" : \"invalid\\n\\n@octocat [approve](https://evil.example/x)\\u001b[2K\"");
        Report report = received(hostile);
        assertThat(report.failOn()).contains("@octocat");

        assertThat(ChecksReport.of("npm provenance", report).summary()).doesNotContain("](https://evil", "@octocat", "\n\n@");
        assertThat(BuildVerdict.of(report).message()).doesNotContain("\n", "\u001b").endsWith(
                "fail-on: invalid??@octocat [approve](https://evil.example/x)?[2K)");
    }

    @Test
    void theReportPageShowsLockfileAndRegistryTextPlainAsTheBuildLogDoes() throws Exception {
        // Jelly escapes HTML, not a right-to-left override, which made "nuxt@1.0.0" read as "nuxt@0.0.1" in its
        // cell; the build log shows the same text made plain
        String hostile = sentByTheAgent()
                .replace("\"nuxt\"", "\"nu\\u202ext\"").replace("\"3.13.0\"", "\"\\u202e3.13.0\\u001b[2K\"")
                .replace("lockfile integrity differs", "\\u2067lockfile integrity differs")
                .replace("\"package-lock.json\"", "\"web\\u202e/package-lock.json\"");

        ReportPage page = ReportPage.of(received(hostile));

        ReportPage.Row tampered = page.getRows().get(0);
        assertThat(tampered.getName() + "@" + tampered.getVersion()).isEqualTo("nu?xt@?3.13.0?[2K");
        assertThat(tampered.getReason()).startsWith("?lockfile integrity differs");
        assertThat(tampered.getLocation()).matches("web\\?/package-lock\\.json:\\d+");
        assertThat(page.getLockfile()).isEqualTo("web?/package-lock.json");
    }

    @Test
    void aChangedModeRunSaysEverywhereThatItVerifiedOnlyPartOfTheLockfile() throws Exception {
        // mode: 'changed' verifies only the packages new or changed since the target branch, and the report carries
        // that (changedSince); the build page, the verdict (console, stage view, build summary) and the check's
        // title read "all 2 packages passed" as if the lockfile held only those
        Report report = report(oneTampered(), "invalid").withChangedSince("origin/main", 312);
        String scope = "2 packages new or changed since origin/main (of 312)";

        assertThat(BuildVerdict.of(report).message()).contains("1 of " + scope + " failed");
        assertThat(ChecksReport.of("npm provenance", report).title()).startsWith("1 of " + scope + " failed (");
        ReportPage page = ReportPage.of(report);
        assertThat(page.getPackages()).isEqualTo(scope);
        assertThat(Files.readString(Path.of("../src/main/resources/io/jenkins/plugins/npmprovenance/"
                + "NpmProvenanceAction/index.jelly"))).contains("${it.page.packages}");
        Report passing = report(new TestLockfile().add("sigstore", "1.0.0"), "invalid")
                .withChangedSince("origin/main", 312);
        assertThat(BuildVerdict.of(passing).message())
                .startsWith("npm provenance: all 1 package new or changed since origin/main (of 312) passed");
        // a full run reads as before
        assertThat(ReportPage.of(report(oneTampered(), "invalid")).getPackages()).isEqualTo("2 packages");
    }

    @Test
    void thousandsOfFailingPackagesStayWithinGitHubsContentCreationLimitOnTheCheckAsInTheAction() {
        // github-checks sends 50 annotations a request, as the action did: every package of a large lockfile an
        // ERROR while its registry is down took one request per 50, past GitHub's secondary limit
        TestLockfile lockfile = oneTampered();
        for (int i = 0; i < 1_100; i++) {
            lockfile.add("missing-" + i, "1.0.0", "sha512-" + java.util.Base64.getEncoder().encodeToString(new byte[64]));
        }
        Report report = report(lockfile, "invalid,unsigned,error");

        ChecksReport checks = ChecksReport.of("npm provenance", report);

        assertThat(checks.annotations()).hasSize(1_000)
                .isEqualTo(io.github.npmprovenance.report.Annotations.of(report).subList(0, 1_000));
        assertThat(checks.summary()).startsWith("**101 more packages are not annotated** on the check");
    }

    @Test
    void checksUseTheSameAnnotationsAsTheGitHubAction() {
        Report report = report(oneTampered(), "invalid");

        ChecksReport checks = ChecksReport.of("npm provenance", report);

        assertThat(checks.conclusion()).isEqualTo("FAILURE");
        // the same title as the action's check
        assertThat(checks.title()).isEqualTo("1 of 2 packages failed (1 invalid, 0 unsigned, 0 not verifiable)");
        assertThat(checks.annotations()).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(Annotation.Level.FAILURE);
            assertThat(a.title()).isEqualTo("nuxt@3.13.0");
            assertThat(a.path()).isEqualTo("package-lock.json");
        });
        assertThat(checks.annotations()).isEqualTo(io.github.npmprovenance.report.Annotations.of(report));
    }

    @Test
    void eachLockfileOfARepositoryHasACheckOfItsOwn() {
        assertThat(ChecksReport.nameFor("package-lock.json")).isEqualTo("npm provenance");
        assertThat(ChecksReport.nameFor("npm-shrinkwrap.json")).isEqualTo("npm provenance");
        // a monorepo's second step call must not replace the first's check, a failing one by a passing one
        assertThat(ChecksReport.nameFor("web/package-lock.json")).isEqualTo("npm provenance (web/package-lock.json)");
        assertThat(ChecksReport.nameFor("api\\package-lock.json")).isEqualTo("npm provenance (api/package-lock.json)");
        assertThat(ChecksReport.nameFor("x\n::error::y/package-lock.json")).doesNotContain("\n");
    }

    @Test
    void checkAnnotationTitlesStayWithinGitHubsLimit() {
        // GitHub refuses the whole check run (422) when one annotation's title is over 255 characters, and the
        // title is name@version from the lockfile; github-checks-plugin passes it through as is
        String longVersion = "1.0.0-" + "a".repeat(300);
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0");
        lockfile.entry("sigstore").put("version", longVersion);
        ChecksReport checks = ChecksReport.of("npm provenance", report(lockfile, "invalid,unsigned,error"));

        assertThat(checks.annotations()).singleElement().satisfies(a -> {
            assertThat(a.title()).hasSizeLessThanOrEqualTo(255).startsWith("sigstore@1.0.0-aaa").endsWith("…");
            assertThat(a.message()).hasSizeLessThanOrEqualTo(65_535);
        });
    }

    @Test
    void checkTextsStayWithinGitHubsLimitsInBytes() throws Exception {
        // GitHub's limit for an annotation's message is 64 KB, counted in UTF-8 bytes as the action counts it; one
        // over it makes GitHub refuse the whole check run, and the message quotes the policy's words
        registry.fault("sigstore", FixtureRegistry.Fault.SERVER_ERROR, 100);
        List<PackageResult> results = Verification.verify(new TestLockfile().add("sigstore", "1.0.0"), registry);
        io.github.npmprovenance.policy.Policy policy = new io.github.npmprovenance.policy.PolicyReader().read(
                "policy.yml", new java.io.StringReader("allow:\n  - package: sigstore@1.0.0\n"
                        + "    reason: " + "\u00fc".repeat(40_000) + "\n    expires: 2099-12-31\n"));
        Report report = Report.of("package-lock.json", registry.url().toString(), results, policy,
                java.time.LocalDate.of(2026, 1, 1));

        ChecksReport checks = ChecksReport.of("npm provenance", report);

        assertThat(checks.annotations()).singleElement().satisfies(a -> {
            assertThat(a.message()).contains("\u00fc\u00fc\u00fc");
            assertThat(a.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(65_535);
        });
        // the summary too, or github-checks cuts it itself and the note pointing to the build's page is lost
        assertThat(checks.summary()).contains("\u00fc\u00fc\u00fc").endsWith("see the build's report page)");
        assertThat(checks.summary().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(65_535);
    }

    @Test
    void theCheckPlacesAnnotationsRelativeToTheRepositoryCheckedOutBelowTheWorkspace() throws Exception {
        // dir('app') { checkout scm }: the repository's root is app/, and GitHub takes annotation paths from there
        Path app = workspace.resolve("app");
        oneTampered().writeTo(app.resolve("web"));
        Git.commitAll(app, "head");
        AgentRequest request = new AgentRequest(new StepParameters("app/web", "", "invalid",
                registry.url().toString(), "", "all"), null, null);

        AgentResult result = AgentVerification.run(workspace, request, "", Optional.empty(), name -> null, "test");

        assertThat(result.repositoryRoot()).isEqualTo("app/");
        Report report = io.github.npmprovenance.report.JsonReportWriter.read(
                result.reportJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // the report page keeps the workspace's paths; the check gets the repository's
        assertThat(report.packages().get(0).locations().get(0).path()).isEqualTo("app/web/package-lock.json");
        ChecksReport checks = ChecksReport.of("npm provenance", report.mapPaths(result::inRepository));
        assertThat(checks.annotations()).extracting(Annotation::path)
                .containsOnly("web/package-lock.json");
    }

    @Test
    void aStepCalledBelowTheCheckoutsRootPlacesAnnotationsAndNamesItsCheckFromTheRoot() throws Exception {
        // checkout scm, then dir('web') { verifyNpmProvenance() }: the step's workspace is web/, and the lockfile
        // there was package-lock.json to GitHub, and its check "npm provenance", as dir('api')'s: the later check
        // replaced the earlier, a failing one by a passing one
        oneTampered().writeTo(workspace.resolve("web"));
        Git.commitAll(workspace, "head");
        AgentRequest request = new AgentRequest(new StepParameters("", "", "invalid", registry.url().toString(), "",
                "all"), null, null);

        AgentResult result = AgentVerification.run(workspace.resolve("web"), request, "", Optional.empty(),
                name -> null, "test");

        assertThat(result.repositoryRoot()).isEmpty();
        assertThat(result.workspaceInRepository()).isEqualTo("web/");
        Report report = io.github.npmprovenance.report.JsonReportWriter.read(
                result.reportJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(report.lockfile()).isEqualTo("package-lock.json");
        Report inRepository = report.mapPaths(result::inRepository);
        assertThat(ChecksReport.nameFor(inRepository.lockfile())).isEqualTo("npm provenance (web/package-lock.json)");
        assertThat(ChecksReport.of("npm provenance", inRepository).annotations()).extracting(Annotation::path)
                .containsOnly("web/package-lock.json");
        // the build's page and log too: dir('web')'s and dir('api')'s were both "package-lock.json"
        assertThat(report.mapPaths(result::shown).lockfile()).isEqualTo("web/package-lock.json");
        assertThat(report.mapPaths(result::shown).packages()).allSatisfy(p -> assertThat(p.locations())
                .allSatisfy(l -> assertThat(l.path()).isEqualTo("web/package-lock.json")));
        // and the files the step writes in web/npm-provenance/: recordIssues takes the SARIF's paths from the
        // workspace's root, where package-lock.json is another lockfile; JUnit classes were alike for dir('api')
        Path reports = workspace.resolve("web/npm-provenance");
        assertThat(Files.readString(reports.resolve("report.sarif"))).contains("\"uri\" : \"web/package-lock.json\"");
        assertThat(Files.readString(reports.resolve("junit.xml")))
                .contains("classname=\"npm-provenance.web/package-lock\"");
        assertThat(io.github.npmprovenance.report.JsonReportWriter.read(Files.readAllBytes(reports.resolve(
                "report.json"))).lockfile()).isEqualTo("web/package-lock.json");
    }

    @Test
    void thePolicyIsNamedAsTheLockfileIs() throws Exception {
        // a policy outside the step's directory is refused before the run
        oneTampered().writeTo(workspace.resolve("web"));
        Files.writeString(workspace.resolve("web/policy.yml"), "fail-on: [invalid]\n");
        AgentRequest request = new AgentRequest(new StepParameters("", "policy.yml", "", registry.url().toString(), "",
                "all"), null, null);

        AgentResult result = AgentVerification.run(workspace.resolve("web"), request, "", Optional.empty(),
                name -> name.equals("WORKSPACE") ? workspace.toString() : null, "test");

        Report written = io.github.npmprovenance.report.JsonReportWriter.read(Files.readAllBytes(
                workspace.resolve("web/npm-provenance/report.json")));
        Report page = io.github.npmprovenance.report.JsonReportWriter.read(result.reportJson()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).mapPaths(result::shown);
        // before: the agent's absolute path, beside web/package-lock.json
        assertThat(written.policy()).isEqualTo("web/policy.yml");
        assertThat(page.policy()).isEqualTo("web/policy.yml");
        assertThat(page.lockfile()).isEqualTo("web/package-lock.json");
    }

    @Test
    void reportFilesNameTheLockfileFromTheBuildsWorkspaceWithACheckoutBelowItOrNone() throws Exception {
        // dir('app') { checkout scm } then dir('app/web') { verifyNpmProvenance() }: recordIssues takes the SARIF's
        // paths from the build's workspace, not the checkout's root; and in a workspace without git, dir('web')'s
        // and dir('api')'s JUnit classes were one
        oneTampered().writeTo(workspace.resolve("app/web"));
        Git.commitAll(workspace.resolve("app"), "head");
        oneTampered().writeTo(workspace.resolve("web"));
        AgentRequest request = new AgentRequest(new StepParameters("", "", "invalid", registry.url().toString(), "",
                "all"), null, null);
        java.util.function.Function<String, String> environment = name -> name.equals("WORKSPACE")
                ? workspace.toString() : null;

        AgentResult inCheckout = AgentVerification.run(workspace.resolve("app/web"), request, "", Optional.empty(),
                environment, "test");
        AgentVerification.run(workspace.resolve("web"), request, "", Optional.empty(), environment, "test");

        assertThat(Files.readString(workspace.resolve("app/web/npm-provenance/report.sarif")))
                .contains("\"uri\" : \"app/web/package-lock.json\"");
        assertThat(Files.readString(workspace.resolve("web/npm-provenance/junit.xml")))
                .contains("classname=\"npm-provenance.web/package-lock\"");
        // the page as the files; the check from the checkout's root, as GitHub places annotations
        assertThat(inCheckout.shown("package-lock.json")).isEqualTo("app/web/package-lock.json");
        assertThat(inCheckout.inRepository("package-lock.json")).isEqualTo("web/package-lock.json");
    }

    @Test
    void aStepAtTheWorkspacesRootNamesTheLockfileFromItInsideAnOuterRepository() throws Exception {
        // JENKINS_HOME (or an agent's home) kept in git; the job's workspace below it holds no checkout of its own:
        // at the workspace's root the step named workspace/job/package-lock.json, from the outer repository
        Path home = workspace.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.xml"), "<hudson/>");
        Git.commitAll(home, "home");
        Path job = home.resolve("workspace/job");
        oneTampered().writeTo(job);
        AgentRequest request = new AgentRequest(new StepParameters("", "", "invalid", registry.url().toString(), "",
                "all"), null, null);

        AgentResult atRoot = AgentVerification.run(job, request, "", Optional.empty(),
                name -> name.equals("WORKSPACE") ? job.toString() : null, "test");

        assertThat(atRoot.shown("package-lock.json")).isEqualTo("package-lock.json");
        assertThat(Files.readString(job.resolve("npm-provenance/report.sarif")))
                .contains("\"uri\" : \"package-lock.json\"");
    }

    @Test
    void eachLockfilesReportsHaveAFolderOfTheirOwn() {
        assertThat(AgentVerification.reportDirectory("package-lock.json")).isEqualTo("npm-provenance");
        assertThat(AgentVerification.reportDirectory("web/package-lock.json")).isEqualTo("npm-provenance/web");
        assertThat(AgentVerification.reportDirectory("apps\\api\\npm-shrinkwrap.json")).isEqualTo("npm-provenance/apps/api");
        // never a folder outside npm-provenance/
        assertThat(AgentVerification.reportDirectory("../x/package-lock.json")).isEqualTo("npm-provenance");
        assertThat(AgentVerification.reportDirectory("/etc/package-lock.json")).isEqualTo("npm-provenance");
    }

    @Test
    void agentVerificationWritesReportsIntoTheWorkspaceAndSendsTheTokenOnlyToTheRegistry() throws Exception {
        Path project = workspace.resolve("web");
        oneTampered().writeTo(project);
        AgentRequest request = new AgentRequest(new StepParameters("web", "", "invalid", registry.url().toString(),
                "npm-token", "all"), "s3cret-npm-token", null);

        AgentResult result = AgentVerification.run(workspace, request, "", Optional.empty(), name -> null, "test");

        JsonNode report = new ObjectMapper().readTree(result.reportJson());
        assertThat(report.path("summary").path("invalid").asInt()).isEqualTo(1);
        assertThat(report.path("packages").get(0).path("locations").get(0).path("path").asText())
                .isEqualTo("web/package-lock.json");
        // in a folder of their own: another step call, for another lockfile, must not overwrite them
        assertThat(result.reportFiles()).containsExactly("npm-provenance/web/report.json",
                "npm-provenance/web/report.sarif", "npm-provenance/web/junit.xml");
        assertThat(workspace.resolve("npm-provenance/web/junit.xml")).isNotEmptyFile();
        assertThat(Files.readString(workspace.resolve("npm-provenance/web/report.sarif")))
                .contains("web/package-lock.json");
        assertThat(registry.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).contains("Bearer s3cret-npm-token"));
        assertThat(result.reportJson()).doesNotContain("s3cret");
        assertThat(request.toString()).doesNotContain("s3cret");
    }

    @Test
    void reportFilesCommittedAsSymbolicLinksAreReplacedNotWrittenThrough(@TempDir Path outside) throws Exception {
        oneTampered().writeTo(workspace);
        Path victim = Files.writeString(outside.resolve("authorized_keys"), "keep me");
        Files.createDirectories(workspace.resolve("npm-provenance"));
        for (String name : List.of("report.json", "report.sarif", "junit.xml")) {
            Files.createSymbolicLink(workspace.resolve("npm-provenance").resolve(name), victim);
        }
        AgentRequest request = new AgentRequest(new StepParameters("", "", "invalid", registry.url().toString(), "",
                "all"), null, null);

        AgentVerification.run(workspace, request, "", Optional.empty(), name -> null, "test");

        assertThat(victim).hasContent("keep me");
        for (String name : List.of("report.json", "report.sarif", "junit.xml")) {
            assertThat(workspace.resolve("npm-provenance").resolve(name)).isRegularFile().isNotEmptyFile();
            assertThat(Files.isSymbolicLink(workspace.resolve("npm-provenance").resolve(name))).isFalse();
        }
    }

    @Test
    void aLockfileOrPolicyCommittedAsALinkToAFileOfTheAgentIsNotRead(@TempDir Path outside) throws Exception {
        // the checkout is the pull request's (with a trusted Jenkinsfile too): a link must not make the step read a
        // file of the agent, whose content a parse error would quote into the build log
        Path secret = Files.writeString(outside.resolve("npm-token"), "npm_s3cretAgentToken0123456789\n");
        Files.createSymbolicLink(workspace.resolve("package-lock.json"), secret);
        AgentRequest request = new AgentRequest(new StepParameters("", "", "", registry.url().toString(), "",
                "all"), null, null);

        assertThatThrownBy(() -> AgentVerification.run(workspace, request, "", Optional.empty(), name -> null, "test"))
                .isInstanceOf(io.github.npmprovenance.run.RunException.class)
                .hasMessageContaining("leads out of the checkout").hasMessageNotContaining("s3cret");

        Files.delete(workspace.resolve("package-lock.json"));
        oneTampered().writeTo(workspace);
        for (String policy : List.of("ci/policy.yml", "")) {
            Path link = workspace.resolve(policy.isEmpty() ? ".npm-provenance.yml" : policy);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, secret);
            AgentRequest withPolicy = new AgentRequest(new StepParameters("", policy, "", registry.url().toString(),
                    "", "all"), null, null);

            assertThatThrownBy(() -> AgentVerification.run(workspace, withPolicy, "", Optional.empty(), name -> null,
                    "test")).isInstanceOf(io.github.npmprovenance.run.RunException.class)
                    .hasMessageContaining("leads out of the checkout").hasMessageNotContaining("s3cret");
            Files.delete(link);
        }
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void aLockfileLinkedWithinTheWorkspaceIsRead() throws Exception {
        // a link that stays inside the checkout (a monorepo's shared lockfile) is the project's own business
        oneTampered().writeTo(workspace.resolve("shared"));
        Files.createDirectories(workspace.resolve("web"));
        Files.createSymbolicLink(workspace.resolve("web/package-lock.json"), Path.of("../shared/package-lock.json"));
        AgentRequest request = new AgentRequest(new StepParameters("web", "", "invalid", registry.url().toString(),
                "", "all"), null, null);

        AgentResult result = AgentVerification.run(workspace, request, "", Optional.empty(), name -> null, "test");

        assertThat(new ObjectMapper().readTree(result.reportJson()).path("summary").path("invalid").asInt())
                .isEqualTo(1);
    }

    @Test
    void aReportDirectoryLeadingOutOfTheWorkspaceIsRefused(@TempDir Path outside) throws Exception {
        oneTampered().writeTo(workspace);
        Files.createSymbolicLink(workspace.resolve("npm-provenance"), outside);
        AgentRequest request = new AgentRequest(new StepParameters("", "", "invalid", registry.url().toString(), "",
                "all"), null, null);

        assertThatThrownBy(() -> AgentVerification.run(workspace, request, "", Optional.empty(), name -> null, "test"))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }

        // a lockfile's own folder in it, committed as a link, too
        Files.delete(workspace.resolve("npm-provenance"));
        oneTampered().writeTo(workspace.resolve("web"));
        Files.createDirectories(workspace.resolve("npm-provenance"));
        Files.createSymbolicLink(workspace.resolve("npm-provenance/web"), outside);
        AgentRequest web = new AgentRequest(new StepParameters("web", "", "invalid", registry.url().toString(), "",
                "all"), null, null);

        assertThatThrownBy(() -> AgentVerification.run(workspace, web, "", Optional.empty(), name -> null, "test"))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
