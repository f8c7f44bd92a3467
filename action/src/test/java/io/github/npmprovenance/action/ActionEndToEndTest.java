package io.github.npmprovenance.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.github.npmprovenance.report.SarifMultitool;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.FixtureRegistryData;
import io.github.npmprovenance.testing.Git;
import io.github.npmprovenance.testing.TestLockfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The action end to end, in process, against a loopback registry and a loopback GitHub API. */
class ActionEndToEndTest {
    private static final String TOKEN = "ghs_SECRETtoken0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FixtureRegistry registry = FixtureRegistry.start();
    private final FakeGitHub github = new FakeGitHub();
    @TempDir
    Path workspace;
    @TempDir
    Path runner;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        registry.close();
        github.close();
    }

    private Map<String, String> environment(String baseSha) throws Exception {
        Path event = runner.resolve("event.json");
        Files.writeString(event, """
                {"action": "synchronize", "number": 7,
                 "pull_request": {"number": 7,
                   "head": {"sha": "%s", "ref": "bump", "repo": {"full_name": "o/r"}},
                   "base": {"sha": "%s", "ref": "main", "repo": {"full_name": "o/r"}}},
                 "repository": {"full_name": "o/r"}}
                """.formatted(FakeGitHub.HEAD_SHA, baseSha));
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_REPOSITORY", "o/r");
        env.put("GITHUB_SHA", FakeGitHub.MERGE_SHA);
        env.put("GITHUB_API_URL", github.url());
        env.put("GITHUB_STEP_SUMMARY", runner.resolve("summary.md").toString());
        env.put("GITHUB_OUTPUT", runner.resolve("output.txt").toString());
        env.put("INPUT_TOKEN", TOKEN);
        env.put("INPUT_REGISTRY", registry.url().toString());
        env.put("INPUT_MODE", "all");
        env.put("INPUT_CHECK-NAME", "npm provenance");
        env.put("INPUT_SARIF-FILE", "reports/npm-provenance.sarif");
        env.put("INPUT_JSON-FILE", "reports/npm-provenance.json");
        env.put("HOME", runner.toString());
        return env;
    }

    private int run(Map<String, String> env) {
        return new ActionRunner(env::get, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static TestLockfile oneTampered() {
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").add("nuxt", "3.13.0");
        String integrity = lockfile.entry("nuxt").get("integrity").asText();
        lockfile.entry("nuxt").put("integrity", integrity.replace("Ew3w", "Ew4w"));
        return lockfile;
    }

    private int lineOf(String text) throws Exception {
        List<String> lines = Files.readAllLines(workspace.resolve("package-lock.json"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void checkRunOnTheHeadCommitWithAnnotationOnTheTamperedLine() throws Exception {
        oneTampered().writeTo(workspace);

        int exit = run(environment("a".repeat(40)));

        assertThat(exit).isEqualTo(ActionRunner.FAILED);
        List<JsonNode> created = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs");
        assertThat(created).singleElement().satisfies(body -> {
            assertThat(body.path("head_sha").asText()).isEqualTo(FakeGitHub.HEAD_SHA);
            assertThat(body.path("name").asText()).isEqualTo("npm provenance");
            assertThat(body.path("status").asText()).isEqualTo("in_progress");
            JsonNode annotation = body.path("output").path("annotations").get(0);
            assertThat(annotation.path("path").asText()).isEqualTo("package-lock.json");
            assertThat(annotation.path("start_line").asInt()).isEqualTo(lineOf("\"node_modules/nuxt\""));
            assertThat(annotation.path("annotation_level").asText()).isEqualTo("failure");
            assertThat(annotation.path("title").asText()).isEqualTo("nuxt@3.13.0");
            assertThat(annotation.path("message").asText()).contains("lockfile integrity differs from the registry's");
            assertThat(body.path("output").path("summary").asText()).contains("## npm provenance: failed");
        });
        List<JsonNode> updates = github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4");
        assertThat(updates).singleElement().satisfies(body -> {
            assertThat(body.path("status").asText()).isEqualTo("completed");
            assertThat(body.path("conclusion").asText()).isEqualTo("failure");
        });
        // the step's log ends with what the run found, as the CLI prints it
        assertThat(log().lines().reduce((first, second) -> second)).hasValueSatisfying(last -> assertThat(last)
                .startsWith("FAILED: 3 packages in package-lock.json: ").endsWith("; 1 failed (fail-on: invalid,error,unsigned)"));

        String outputs = Files.readString(runner.resolve("output.txt"));
        assertThat(outputs).containsPattern("invalid<<(npm_provenance_\\w+)\\n1\\n\\1")
                .containsPattern("verified<<(npm_provenance_\\w+)\\n2\\n\\1")
                .containsPattern("result<<(npm_provenance_\\w+)\\nfailed\\n\\1")
                .containsPattern("sarif<<(npm_provenance_\\w+)\\nreports/npm-provenance.sarif\\n\\1");
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("## npm provenance: failed")
                .contains("| nuxt&#64;3.13.0 | INVALID |").contains("All packages of the lockfile were verified.");
        JsonNode sarif = MAPPER.readTree(workspace.resolve("reports/npm-provenance.sarif").toFile());
        assertThat(sarif.path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation").path("uri").asText()).isEqualTo("package-lock.json");
        if (System.getenv(SarifMultitool.VARIABLE) != null) {
            assertThat(SarifMultitool.fromEnvironment().problems(workspace.resolve("reports/npm-provenance.sarif"),
                    Files.createDirectories(runner.resolve("sarif-validation")))).isEmpty();
        }
        assertThat(MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile())
                .path("summary").path("invalid").asInt()).isEqualTo(1);
        assertThat(log()).doesNotContain(TOKEN);
        assertThat(github.server.getAllServeEvents()).allSatisfy(e ->
                assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("token " + TOKEN));
    }

    @Test
    void pullRequestTargetWithTheBaseBranchCheckedOutDoesNotPassThePullRequestsHead() throws Exception {
        // pull_request_target runs in the base branch's context: GITHUB_SHA is the base branch's last commit, and
        // that is what actions/checkout checks out. The pull request's lockfile was never verified, so no check
        // run may claim its head commit
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        String baseBranchSha = commitLockfile("base branch");
        Map<String, String> env = environment(baseBranchSha);
        env.put("GITHUB_EVENT_NAME", "pull_request_target");
        env.put("GITHUB_SHA", baseBranchSha);

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(baseBranchSha));
        assertThat(log()).contains("::warning::the workspace holds commit " + baseBranchSha
                + ", not the pull request's head " + FakeGitHub.HEAD_SHA);
    }

    @Test
    void aPullRequestWorkflowThatChecksOutAnotherCommitDoesNotPassThePullRequestsHead() throws Exception {
        // on pull_request too, a workspace holding neither the head, nor the merge commit GITHUB_SHA names (such as
        // the base branch, checked out by ref to compare) verified that commit's lockfile: the check goes on it
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        String baseBranchSha = commitLockfile("base branch");

        assertThat(run(environment(baseBranchSha))).isEqualTo(ActionRunner.PASSED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(baseBranchSha));
        assertThat(log()).contains("::warning::the workspace holds commit " + baseBranchSha
                + ", not the pull request's head " + FakeGitHub.HEAD_SHA);
    }

    @Test
    void pullRequestTargetWithoutAGitCheckoutSaysWhyTheCheckGoesOnTheEventsCommit() throws Exception {
        // a workspace filled some other way (a download, a cache) cannot show which commit it holds: on
        // pull_request_target the check goes on the base branch's commit, and the warning must not claim to know
        oneTampered().writeTo(workspace);
        String baseBranchSha = "b".repeat(40);
        Map<String, String> env = environment("a".repeat(40));
        env.put("GITHUB_EVENT_NAME", "pull_request_target");
        env.put("GITHUB_SHA", baseBranchSha);

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(baseBranchSha));
        assertThat(log()).contains("::warning::the workspace is no git checkout, so it cannot show that it holds the "
                + "pull request's head " + FakeGitHub.HEAD_SHA + " rather than the event's commit " + baseBranchSha
                + ": the check run goes on " + baseBranchSha).doesNotContain("the workspace holds commit");
    }

    @Test
    void pullRequestTargetWithTheHeadCheckedOutReportsOnTheHead() throws Exception {
        oneTampered().writeTo(workspace);
        String head = commitLockfile("head");
        Path event = runner.resolve("event.json");
        Map<String, String> env = environment("a".repeat(40));
        Files.writeString(event, Files.readString(event).replace(FakeGitHub.HEAD_SHA, head));
        env.put("GITHUB_EVENT_NAME", "pull_request_target");
        env.put("GITHUB_SHA", "e".repeat(40));

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(head));
        assertThat(log()).doesNotContain("::warning::the workspace holds");
    }

    /**
     * A test merge commit, as GitHub makes {@code refs/pull/N/merge}: the base (an empty commit) merged with a head
     * that commits the workspace's lockfile. The workspace holds the merge. @return the head's and the merge's SHAs
     */
    private List<String> testMergeCheckedOut() throws Exception {
        git("init", "-q");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "base");
        git("checkout", "-q", "-b", "pull-request-head");
        git("add", "package-lock.json");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "head");
        String head = git("rev-parse", "HEAD").trim();
        git("checkout", "-q", "HEAD~1");
        git("-c", "user.name=t", "-c", "user.email=t@t", "merge", "-q", "--no-ff", "-m", "merge", head);
        return List.of(head, git("rev-parse", "HEAD").trim());
    }

    /** A pull_request_target event for pull request 7 whose head is {@code head} and test merge {@code merge}. */
    private Map<String, String> pullRequestTarget(String head, String merge) throws Exception {
        Path event = runner.resolve("event.json");
        Map<String, String> env = environment("a".repeat(40));
        Files.writeString(event, Files.readString(event).replace(FakeGitHub.HEAD_SHA, head).replace("\"head\": {",
                "\"merge_commit_sha\": \"" + merge + "\", \"head\": {"));
        env.put("GITHUB_EVENT_NAME", "pull_request_target");
        env.put("GITHUB_SHA", "e".repeat(40));
        return env;
    }

    @Test
    void pullRequestTargetWithTheTestMergeCommitCheckedOutReportsOnTheHead() throws Exception {
        // pull_request_target workflows often check out refs/pull/N/merge, the pull request merged into its base,
        // which the event names as merge_commit_sha: its lockfile is the pull request's, as on pull_request
        oneTampered().writeTo(workspace);
        List<String> headAndMerge = testMergeCheckedOut();

        assertThat(run(pullRequestTarget(headAndMerge.get(0), headAndMerge.get(1)))).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(headAndMerge.get(0)));
        assertThat(log()).doesNotContain("::warning::the workspace holds");
    }

    @Test
    void aTestMergeOfAnEarlierHeadDoesNotPassTheLatestHead() throws Exception {
        // GitHub makes the test merge in the background: an event for a new head can still name the merge of the one
        // before as merge_commit_sha, and refs/pull/N/merge can still point at it. Its lockfile is the earlier
        // head's; a check on the new head would pass a lockfile nobody verified
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        List<String> earlierHeadAndMerge = testMergeCheckedOut();
        String latestHead = FakeGitHub.HEAD_SHA;

        assertThat(run(pullRequestTarget(latestHead, earlierHeadAndMerge.get(1)))).isEqualTo(ActionRunner.PASSED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(earlierHeadAndMerge.get(1)));
        assertThat(log()).contains("::warning::the workspace holds commit " + earlierHeadAndMerge.get(1)
                + ", not the pull request's head " + latestHead + " (nor a merge commit of it");
    }

    @Test
    void onPullRequestTheMergeCommitOfAnEarlierHeadDoesNotPassTheLatestHead() throws Exception {
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        String earlierMerge = testMergeCheckedOut().get(1);
        Map<String, String> env = environment("a".repeat(40));
        env.put("GITHUB_SHA", earlierMerge);

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(earlierMerge));
    }

    @Test
    void onPullRequestTheMergeCommitOfTheHeadReportsOnTheHead() throws Exception {
        oneTampered().writeTo(workspace);
        List<String> headAndMerge = testMergeCheckedOut();
        Path event = runner.resolve("event.json");
        Map<String, String> env = environment("a".repeat(40));
        Files.writeString(event, Files.readString(event).replace(FakeGitHub.HEAD_SHA, headAndMerge.get(0)));
        env.put("GITHUB_SHA", headAndMerge.get(1));

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(headAndMerge.get(0)));
        assertThat(log()).doesNotContain("::warning::the workspace holds");
    }

    @Test
    void aWorkflowRunCheckGoesOnTheCommitItCheckedOutNotTheDefaultBranchs() throws Exception {
        // GitHub's way to report on pull requests from forks with a writable token: on workflow_run, GITHUB_SHA is
        // the default branch's last commit, and the workflow checks out the triggering run's head_sha. That commit's
        // lockfile is what was verified; a check run on GITHUB_SHA would mark the default branch with its result
        oneTampered().writeTo(workspace);
        String checkedOut = commitLockfile("pull request head");
        Map<String, String> env = environment("a".repeat(40));
        Files.writeString(runner.resolve("event.json"), """
                {"action": "completed",
                 "workflow_run": {"id": 1, "event": "pull_request", "head_sha": "%s", "head_branch": "bump"},
                 "repository": {"full_name": "o/r"}}
                """.formatted(checkedOut));
        env.put("GITHUB_EVENT_NAME", "workflow_run");
        env.put("GITHUB_SHA", "e".repeat(40));

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo(checkedOut));
    }

    /** A push event of {@code sha} to main, in a workspace that is no git checkout. */
    private Map<String, String> pushOf(String sha) throws Exception {
        Map<String, String> env = environment("a".repeat(40));
        Files.writeString(runner.resolve("event.json"), "{\"ref\": \"refs/heads/main\", \"after\": \"" + sha + "\"}");
        env.put("GITHUB_EVENT_NAME", "push");
        env.put("GITHUB_SHA", sha);
        return env;
    }

    @Test
    void withoutAGitCheckoutAPushCheckGoesOnTheEventsCommit() throws Exception {
        oneTampered().writeTo(workspace);
        Map<String, String> env = pushOf("e".repeat(40));

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement()
                .satisfies(body -> assertThat(body.path("head_sha").asText()).isEqualTo("e".repeat(40)));
    }

    @Test
    void passingRunConcludesSuccess() throws Exception {
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.PASSED);
        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4").get(0).path("conclusion").asText())
                .isEqualTo("success");
    }

    @Test
    void failOnDecidesTheConclusion() throws Exception {
        new TestLockfile().add("sigstore", "2.3.1").writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_FAIL-ON", "invalid");

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);
        JsonNode created = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0);
        // an unsigned package that does not fail the run is still a warning on its line, and the check is neutral
        // (accepted by a required check), not green, as the Jenkins step's check is for the same report
        assertThat(created.path("output").path("annotations").get(0).path("annotation_level").asText())
                .isEqualTo("warning");
        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4").get(0).path("conclusion").asText())
                .isEqualTo("neutral");
    }

    @Test
    void hundredTwentyAnnotationsGoInOneCreateAndTwoUpdates() throws Exception {
        TestLockfile lockfile = new TestLockfile();
        var versions = registry.packument("nuxt").path("versions");
        List<String> signed = new ArrayList<>();
        versions.fieldNames().forEachRemaining(v -> {
            if (signed.size() < 120 && versions.path(v).path("dist").has("signatures")) {
                signed.add(v);
            }
        });
        for (String version : signed) {
            String integrity = FixtureRegistryData.integrity("nuxt", version);
            lockfile.addAlias("nuxt-" + version, "nuxt", version);
            lockfile.entry("nuxt-" + version).put("integrity", "sha512-" + Base64.getEncoder().encodeToString(
                    new byte[64]).substring(0, 10) + integrity.substring(17));
        }
        lockfile.writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        List<JsonNode> created = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs");
        List<JsonNode> updates = github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4");
        assertThat(created).hasSize(1);
        assertThat(updates).hasSize(2);
        assertThat(created.get(0).path("output").path("annotations")).hasSize(50);
        assertThat(updates.get(0).path("output").path("annotations")).hasSize(50);
        assertThat(updates.get(1).path("output").path("annotations")).hasSize(20);
        assertThat(updates.get(0).has("conclusion")).isFalse();
        assertThat(updates.get(1).path("conclusion").asText()).isEqualTo("failure");
    }

    @Test
    void thousandsOfFailingPackagesStayWithinGitHubsContentCreationLimitAndSayWhatWasLeftOut() throws Exception {
        // a registry outage makes every package of a large lockfile an ERROR: 50 annotations a request, 4,000 took 80
        // requests, GitHub's limit of content-creating requests a minute (500 an hour), which left the check run
        // in progress; the check run now carries the first 1,000 and says how many more the reports have
        TestLockfile lockfile = oneTampered();
        for (int i = 0; i < 1_100; i++) {
            lockfile.add("missing-" + i, "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
        }
        lockfile.writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        List<JsonNode> created = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs");
        List<JsonNode> updates = github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4");
        assertThat(created.size() + updates.size()).isEqualTo(CheckRunPublisher.MAX_ANNOTATIONS / 50);
        assertThat(java.util.stream.Stream.concat(created.stream(), updates.stream())
                .mapToInt(body -> body.path("output").path("annotations").size()).sum())
                .isEqualTo(CheckRunPublisher.MAX_ANNOTATIONS);
        assertThat(updates).last().satisfies(last -> assertThat(last.path("conclusion").asText()).isEqualTo("failure"));
        assertThat(created.get(0).path("output").path("summary").asText())
                .contains("101 more packages are not annotated");
        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("101 more packages are not annotated");
    }

    @Test
    void aCheckRunThatGitHubOnlyPartlyAcceptsIsReportedAsSuch() throws Exception {
        // GitHub refuses the update that carries annotations 51 and on
        github.server.stubFor(patch(urlPathEqualTo("/repos/o/r/check-runs/4"))
                .withRequestBody(matchingJsonPath("$.output.annotations"))
                .atPriority(1).willReturn(aResponse().withStatus(422)
                        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Invalid request.\"}")));
        TestLockfile lockfile = oneTampered();
        for (int i = 0; i < 60; i++) {
            lockfile.add("missing-" + i, "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
        }
        lockfile.writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4")).last()
                .satisfies(last -> assertThat(last.path("conclusion").asText()).isEqualTo("failure"));
        String summary = Files.readString(runner.resolve("summary.md"));
        assertThat(summary).contains("GitHub refused part of the report on the check run")
                .doesNotContain("No check run could be created");
        assertThat(summary).contains("GitHub refused part of the report on the check run, which was therefore "
                + "concluded as failed: annotations were also written as workflow commands;");
        assertThat(log()).contains("was created, but GitHub refused part of the report")
                .doesNotContain("could not create a check run");
        assertThat(log().lines()).anyMatch(l -> l.startsWith("::error file=package-lock.json,line="));
    }

    @Test
    void aReportCutInsideTheCollapsedListOfPassingPackagesStillShowsWhereAndWhyItWasCut() throws Exception {
        // a lockfile of a few hundred passing packages fills the check run's 65,535 bytes: the cut fell inside the
        // collapsed <details> list, which took the truncation note (and everything after it) in with it
        TestLockfile lockfile = oneTampered();
        for (int i = 0; i < 600; i++) {
            String name = "tarball-" + "x".repeat(80) + i;
            lockfile.add(name, "1.0.0", "sha512-AAAA").entry(name).put("resolved", "https://example.com/" + i + ".tgz");
        }
        lockfile.writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        String summary = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0).path("output")
                .path("summary").asText();
        assertThat(summary).contains("<details>").contains("truncated: see the job summary");
        String ending = summary.substring(summary.lastIndexOf("<details>"));
        assertThat(ending.indexOf("</details>")).as(ending.substring(Math.max(0, ending.length() - 300)))
                .isBetween(0, ending.indexOf("truncated: see the job summary"));
    }

    @Test
    void forkPullRequestFallsBackToEscapedWorkflowCommands() throws Exception {
        github.forbidChecks();
        TestLockfile lockfile = oneTampered();
        // a hostile lockfile: names built to end the command and start another, or to format the summary
        for (int i = 0; i < 12; i++) {
            lockfile.add("evil" + i + "\n::error file=x::injected%0A,:", "1.0.0", "sha512-AAAA");
        }
        lockfile.writeTo(workspace);

        int exit = run(environment("a".repeat(40)));

        assertThat(exit).isEqualTo(ActionRunner.FAILED);
        List<String> lines = log().lines().toList();
        assertThat(lines).noneMatch(l -> l.startsWith("::error file=x"));
        List<String> errors = lines.stream().filter(l -> l.startsWith("::error ")).toList();
        assertThat(errors).hasSize(WorkflowCommands.SHOWN_PER_LEVEL);
        assertThat(errors.get(0)).startsWith("::error file=package-lock.json,line=");
        assertThat(errors).anyMatch(l -> l.contains("title=evil0?%3A%3Aerror file=x%3A%3Ainjected%250A%2C%3A@1.0.0::"));
        String summary = Files.readString(runner.resolve("summary.md"));
        assertThat(summary).contains("annotations were written as workflow commands")
                .contains("so 3 more are only in this summary");
        assertThat(log()).contains("::warning::could not create a check run (HTTP 403)").doesNotContain(TOKEN);
    }

    @Test
    void aFallbackThatLeavesOneAnnotationUnshownSaysSoInTheSingular() throws Exception {
        // eleven failing packages, ten shown as workflow commands
        github.forbidChecks();
        TestLockfile lockfile = oneTampered();
        for (int i = 0; i < 10; i++) {
            lockfile.add("missing-" + i, "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
        }
        lockfile.writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("GitHub shows at most 10 per level, so 1 more is only in this summary and the reports.");
    }

    @Test
    void aCheckRunRequestThatGetsNoAnswerFallsBackToWorkflowCommandsAndSaysWhy() throws Exception {
        // the connection dropped mid-request (a proxy, GitHub down): no HTTP status to blame on the token
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        oneTampered().writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        // github-api gives such a request the status -1, which is no HTTP status: the warning names the failure
        assertThat(log()).contains("::warning::could not create a check run: IOException: ")
                .contains("Annotating with workflow commands instead.").doesNotContain("HTTP -1")
                .contains("::error file=package-lock.json,line=" + lineOf("\"node_modules/nuxt\""));
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("No check run could be created (GitHub "
                + "could not be reached): annotations were written as workflow commands.");
    }

    @Test
    void aJobSummaryOrStepOutputsThatCannotBeWrittenAreWarningsAndTheRunStillReports() throws Exception {
        // GITHUB_STEP_SUMMARY and GITHUB_OUTPUT naming folders: each is a warning, and the check run still goes out
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("GITHUB_STEP_SUMMARY", Files.createDirectories(runner.resolve("summary-folder")).toString());
        env.put("GITHUB_OUTPUT", Files.createDirectories(runner.resolve("output-folder")).toString());

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("::warning::cannot write the job summary: ")
                .contains("::warning::cannot write the step outputs: ");
        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aTokenWithoutChecksWriteOnTheRepositorysOwnPullRequestIsNotBlamedOnAFork(boolean acceptedPermissions)
            throws Exception {
        // repositories and organizations created since 2023 give GITHUB_TOKEN read access only: a workflow without
        // permissions: checks: write gets 403, which GitHub answers with the permission it wanted in
        // X-Accepted-GitHub-Permissions. The pull request is the repository's own: "as for forks" sent users looking
        // for a fork that is not there
        var forbidden = aResponse().withStatus(403).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/checks/runs#create-a-check-run\",\"status\":\"403\"}");
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(acceptedPermissions
                ? forbidden.withHeader("X-Accepted-GitHub-Permissions", "checks=write") : forbidden));
        oneTampered().writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("could not create a check run (HTTP 403)").doesNotContain("fork")
                .contains("grant `checks: write` in the workflow's permissions");
        if (acceptedPermissions) {
            assertThat(log()).contains("GitHub asks for checks=write");
        }
        assertThat(Files.readString(runner.resolve("summary.md"))).doesNotContain("fork")
                .contains("No check run could be created (the token lacks `checks: write`");
    }

    @Test
    void aPullRequestFromAForkIsSaidToHaveAReadOnlyToken() throws Exception {
        github.forbidChecks();
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        Path event = runner.resolve("event.json");
        Files.writeString(event, Files.readString(event).replaceFirst("\"full_name\": \"o/r\"",
                "\"full_name\": \"someone/r\""));

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("the token is read-only, as for pull requests from forks");
        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("No check run could be created (a pull request from a fork, whose token is read-only)");
        // one annotation, shown: the note says nothing of annotations GitHub would not show
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("read-only): annotations were written "
                + "as workflow commands.\n").doesNotContain("GitHub shows at most");
    }

    @Test
    void theActionsOwnWarningsCountAgainstTheTenWarningsGitHubShowsPerStep() throws Exception {
        // the runner keeps the first 10 warnings of a step, whoever wrote them: "could not create a check run" is one
        github.forbidChecks();
        TestLockfile lockfile = new TestLockfile();
        for (int i = 0; i < 12; i++) {
            lockfile.add("absent" + i, "1.0.0", "sha512-AAAA");
        }
        lockfile.writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_FAIL-ON", "invalid");

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);

        List<String> warnings = log().lines().filter(l -> l.startsWith("::warning")).toList();
        assertThat(warnings).as(log()).hasSize(WorkflowCommands.SHOWN_PER_LEVEL);
        assertThat(warnings.get(0)).startsWith("::warning::could not create a check run");
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("so 3 more are only in this summary");
    }

    @Test
    void halfASurrogatePairInAPackageNameStillLeavesAJobSummaryAndACheckRunSummary() throws Exception {
        // a lockfile's JSON can escape half a surrogate pair into a name ("\\uD800"); UTF-8 has no encoding for it,
        // and writing it to the job summary failed, so the run had none
        TestLockfile lockfile = oneTampered().add("lone", "1.0.0", "sha512-AAAA");
        lockfile.entry("lone").put("name", "lone\uD800x");
        Files.writeString(workspace.resolve("package-lock.json"), lockfile.json().replace("\uD800", "\\uD800"));

        int exit = run(environment("a".repeat(40)));

        assertThat(exit).isEqualTo(ActionRunner.FAILED);
        assertThat(log()).doesNotContain("cannot write the job summary");
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("| nuxt&#64;3.13.0 | INVALID |")
                .contains("| lone?x&#64;1.0.0 | SKIPPED |");
        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement().satisfies(body ->
                assertThat(body.path("output").path("summary").asText()).contains("| lone?x&#64;1.0.0 | SKIPPED |"));
    }

    @Test
    void workflowCommandAnnotationsCarryNoCommandTheRunnerFindsInsideALine() throws Exception {
        // GitHub's runner acts on ##[command] anywhere in a line that is not a ::command:: of its own
        github.forbidChecks();
        TestLockfile lockfile = oneTampered();
        String hostile = "evil\n##[add-mask]secret\u202eevil:";
        // without a resolved URL (whose # would start a fragment, making it a remote tarball, skipped): an ERROR
        lockfile.add(hostile, "1.0.0", "sha512-AAAA").entry(hostile).remove("resolved");
        lockfile.writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        List<String> annotations = log().lines().filter(l -> l.startsWith("::")).toList();
        assertThat(annotations).as(log()).anyMatch(l -> l.contains("title=evil?##?[add-mask]secret?evil%3A@1.0.0::"));
        assertThat(log()).doesNotContain("##[add-mask]").doesNotContain("\u202e");
    }

    @Test
    void aLockfileDirectoryWhoseNameHoldsAWorkflowCommandStartsNoCommand() throws Exception {
        // a matrix over the lockfiles a pull request brings passes their directories as the lockfile input: a
        // directory's name can hold a line break and a command of its own
        String directory = "web\n::warning file=x,line=1::forged";
        oneTampered().writeTo(Files.createDirectories(workspace.resolve(directory)));
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_LOCKFILE", directory);

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log().lines()).as(log()).noneMatch(l -> l.startsWith("::warning file=x"))
                .anyMatch(l -> l.startsWith("npm-provenance-action ") && l.contains("verifying web?::warning"));
    }

    @Test
    void aRateLimitedTokenFallsBackToWorkflowCommandsInsteadOfWaitingForTheReset() throws Exception {
        // GitHub's primary rate limit: 403, x-ratelimit-remaining 0, and no request succeeds before the reset,
        // up to an hour away (GITHUB_TOKEN: 1,000 requests an hour per repository)
        long reset = java.time.Instant.now().plusSeconds(3600).getEpochSecond();
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "1000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "1000").withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded for installation ID 1.\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}")));
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));

        int exit = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> run(env));

        assertThat(exit).isEqualTo(ActionRunner.FAILED);
        assertThat(log()).contains("could not create a check run (HTTP 403); the token is rate limited")
                .containsPattern("(?m)^::error file=package-lock.json,line=\\d+,title=nuxt@3.13.0::");
    }

    @Test
    void aSecondaryRateLimitFallsBackToWorkflowCommandsInsteadOfWaiting() throws Exception {
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8").withHeader("retry-after", "600")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes "
                        + "before you try again.\"}")));
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));

        int exit = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> run(env));

        assertThat(exit).isEqualTo(ActionRunner.FAILED);
        assertThat(log()).contains("could not create a check run");
    }

    @Test
    void aSecondaryRateLimitWithoutRetryAfterIsNotTakenForAReadOnlyToken() throws Exception {
        // GitHub answers a secondary limit with 403 or 429 and says so in the message; retry-after may be missing
        // and x-ratelimit-remaining is that of the primary limit. Telling the user to grant checks: write is wrong
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "1000").withHeader("x-ratelimit-remaining", "412")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit and have been temporarily "
                        + "blocked from content creation. Please retry your request again later.\","
                        + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
                        + "#about-secondary-rate-limits\"}")));
        oneTampered().writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("could not create a check run (HTTP 403); the token is rate limited")
                .doesNotContain("read-only");
        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("No check run could be created (the token is rate limited)")
                .doesNotContain("checks: write");
    }

    @Test
    void aRepositoryTheTokenCannotReadIsNotBlamedOnCheckPermissions() throws Exception {
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));
        oneTampered().writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("::warning::cannot reach the GitHub API");
        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("No check run could be created (the repository could not be read through the GitHub API)")
                .doesNotContain("checks: write");
    }

    /** Runs the action in changed mode on the tampered lockfile against {@code baseSha}, which fails; its JSON report. */
    private JsonNode failingChangedModeReport(String baseSha) throws Exception {
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment(baseSha);
        env.remove("INPUT_MODE");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);
        return MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
    }

    @Test
    void changedModeVerifiesOnlyWhatThePullRequestChanged() throws Exception {
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        String baseSha = commitLockfile("base");
        JsonNode report = failingChangedModeReport(baseSha);
        assertThat(report.path("packages")).extracting(p -> p.path("name").asText())
                .containsExactlyInAnyOrder("tuf-js", "nuxt");
        assertThat(report.path("changedSince").path("base").asText()).isEqualTo(baseSha);
        assertThat(report.path("changedSince").path("lockfilePackages").asInt()).isEqualTo(3);
        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0).path("output").path("title")
                .asText()).startsWith("1 of 2 packages new or changed since " + baseSha + " (of 3) failed");
        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("Only packages new or changed since the base commit were verified (base lockfile read from "
                        + "the base commit in the checked-out repository). 2 of 3 packages were new or changed.");
    }

    @Test
    void aRepositoryCheckedOutBelowTheWorkspaceIsAnnotatedAndComparedByItsOwnPaths() throws Exception {
        // actions/checkout with `path: app`: the repository's root is $GITHUB_WORKSPACE/app, and GitHub takes
        // annotation paths (and contents paths, and git revision paths) relative to the repository's root
        Path app = Files.createDirectories(workspace.resolve("app"));
        new TestLockfile().add("sigstore", "1.0.0").writeTo(app);
        Git.run(app, "init", "-q");
        Git.run(app, "add", "package-lock.json");
        Git.run(app, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        String baseSha = Git.run(app, "rev-parse", "HEAD").trim();
        oneTampered().writeTo(app);
        Map<String, String> env = environment(baseSha);
        env.remove("INPUT_MODE");
        env.put("INPUT_LOCKFILE", "app");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        JsonNode annotation = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0)
                .path("output").path("annotations").get(0);
        assertThat(annotation.path("path").asText()).isEqualTo("package-lock.json");
        assertThat(annotation.path("title").asText()).isEqualTo("nuxt@3.13.0");
        assertThat(Files.readString(runner.resolve("summary.md")))
                .contains("read from the base commit in the checked-out repository");
        JsonNode report = MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
        assertThat(report.path("packages")).extracting(p -> p.path("name").asText())
                .containsExactlyInAnyOrder("tuf-js", "nuxt");
    }

    @Test
    void aRepositoryAboveTheWorkspaceIsNotTakenForItsCheckout() throws Exception {
        // a workspace that is no checkout, inside some other repository (a self-hosted runner's work folder kept in
        // git): that repository's HEAD is no commit of this pull request, nor are paths relative to its root
        Path inner = Files.createDirectories(workspace.resolve("work"));
        oneTampered().writeTo(inner);
        git("init", "-q");
        git("add", "work/package-lock.json");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "unrelated");
        Map<String, String> env = environment("a".repeat(40));
        env.put("GITHUB_WORKSPACE", inner.toString());

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        JsonNode created = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0);
        assertThat(created.path("head_sha").asText()).isEqualTo(FakeGitHub.HEAD_SHA);
        assertThat(created.path("output").path("annotations").get(0).path("path").asText())
                .isEqualTo("package-lock.json");
        assertThat(log()).doesNotContain("::warning::the workspace holds");
    }

    @Test
    void sarifLocationsOfARepositoryBelowTheWorkspaceAreRelativeToItsRoot() throws Exception {
        // code scanning takes a SARIF file's relative paths as relative to the repository's root: with
        // `path: app`, app/package-lock.json names no file of the repository
        Path app = Files.createDirectories(workspace.resolve("app"));
        Git.run(app, "init", "-q");
        oneTampered().writeTo(app);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_LOCKFILE", "app");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        JsonNode sarif = MAPPER.readTree(workspace.resolve("reports/npm-provenance.sarif").toFile());
        assertThat(sarif.path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation").path("uri").asText()).isEqualTo("package-lock.json");
    }

    @Test
    void aBareRepositoryThePullRequestCommitsBesideItsLockfileCannotStandInForTheBase() throws Exception {
        // lockfile: web, in changed mode. A pull request can commit web/HEAD, web/objects/…, web/refs/… and
        // web/config: git, started in web/, takes that for a repository (with core.worktree, even for one with a work
        // tree), and a replace ref there answers for the real base commit with a lockfile of the attacker's choosing:
        // the same as the head's, so nothing is "changed" and nothing verified
        Path web = Files.createDirectories(workspace.resolve("web"));
        new TestLockfile().add("sigstore", "1.0.0").writeTo(web);
        String baseSha = commitLockfile("web/package-lock.json", "base");
        oneTampered().writeTo(web);
        git("add", "web/package-lock.json");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "head");
        // the pull request's files: a bare repository's layout, spread in web/ beside the lockfile
        Git.plantRepository(web, baseSha, web.resolve("package-lock.json"), "package-lock.json");
        Map<String, String> env = environment(baseSha);
        env.remove("INPUT_MODE");
        env.put("INPUT_LOCKFILE", "web");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        JsonNode report = MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
        assertThat(report.path("packages")).extracting(p -> p.path("name").asText())
                .containsExactlyInAnyOrder("tuf-js", "nuxt");
        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement().satisfies(body ->
                assertThat(body.path("output").path("annotations").get(0).path("path").asText())
                        .isEqualTo("web/package-lock.json"));
    }

    @Test
    void workflowCommandAnnotationsOfARepositoryBelowTheWorkspaceUseItsOwnPaths() throws Exception {
        github.forbidChecks();
        Path app = Files.createDirectories(workspace.resolve("app"));
        Git.run(app, "init", "-q");
        oneTampered().writeTo(Files.createDirectories(app.resolve("web")));
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_LOCKFILE", "app/web");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log().lines()).anyMatch(l -> l.startsWith("::error file=web/package-lock.json,line="))
                .noneMatch(l -> l.startsWith("::error file=app/"));
    }

    @Test
    void changedModeReadsTheBaseThroughTheApiWhenTheCommitIsNotCheckedOut() throws Exception {
        String base = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").json();
        String baseSha = "b".repeat(40);
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/contents/package-lock.json"))
                .withQueryParam("ref", com.github.tomakehurst.wiremock.client.WireMock.equalTo(baseSha))
                .willReturn(github.json(200, "contents.json", Map.of("size", Integer.toString(base.length()),
                        "content", Base64.getEncoder().encodeToString(base.getBytes(StandardCharsets.UTF_8))))));
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment(baseSha);
        env.remove("INPUT_MODE");

        run(env);

        JsonNode report = MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
        assertThat(report.path("packages")).extracting(p -> p.path("name").asText()).containsExactly("nuxt");
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("read from the contents API");
    }

    /**
     * npm installs from npm-shrinkwrap.json and ignores a package-lock.json beside it: the base's package-lock.json
     * was never verified, and a pull request that deletes the shrinkwrap must not have it taken for the base.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "emptied rather than deleted: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aPackageLockThatTheBasesShrinkwrapHidIsNoBaseOnceThePullRequestRemovesTheShrinkwrap(boolean emptied)
            throws Exception {
        if (emptied) {
            // npm passes over an empty npm-shrinkwrap.json, and installs the package-lock.json the base hid
            Files.writeString(workspace.resolve("npm-shrinkwrap.json"), "");
        }
        String shrinkwrap = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").json();
        String packageLock = oneTampered().json();
        String baseSha = "b".repeat(40);
        for (String[] file : List.of(new String[] {"npm-shrinkwrap.json", shrinkwrap},
                new String[] {"package-lock.json", packageLock})) {
            github.server.stubFor(get(urlPathEqualTo("/repos/o/r/contents/" + file[0]))
                    .withQueryParam("ref", com.github.tomakehurst.wiremock.client.WireMock.equalTo(baseSha))
                    .willReturn(github.json(200, "contents.json", Map.of("size", Integer.toString(file[1].length()),
                            "content", Base64.getEncoder().encodeToString(file[1].getBytes(StandardCharsets.UTF_8))))));
        }
        JsonNode report = failingChangedModeReport(baseSha);
        assertThat(report.path("packages")).hasSize(3);
        assertThat(log()).contains("::warning::cannot read the base lockfile, verifying every package")
                .contains("npm-shrinkwrap.json");
    }

    @Test
    void changedModeReadsABaseLockfileOverOneMegabyteThroughTheBlobApi() throws Exception {
        // GitHub answers "Get repository content" for a file over 1 MB with "encoding": "none" and no content;
        // real lockfiles are often that big, and actions/checkout's default depth-1 clone has no base commit
        String base = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").json();
        String baseSha = "b".repeat(40);
        String blobSha = "c".repeat(40);
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/contents/package-lock.json"))
                .withQueryParam("ref", com.github.tomakehurst.wiremock.client.WireMock.equalTo(baseSha))
                .willReturn(github.json(200, "contents-large.json", Map.of("size", "1500000", "sha", blobSha))));
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/git/blobs/" + blobSha))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.github.raw")
                        .withBody(base)));
        JsonNode report = failingChangedModeReport(baseSha);
        assertThat(report.path("packages")).extracting(p -> p.path("name").asText()).containsExactly("nuxt");
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("read from the contents API");
        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4")).last()
                .satisfies(last -> assertThat(last.path("conclusion").asText()).isEqualTo("failure"));
    }

    @Test
    void aBaseLockfileTheApiCannotHandOverMeansEveryPackageIsVerified() throws Exception {
        // e.g. a symbolic link or submodule at the path: no content, no encoding
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/contents/package-lock.json")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"type\":\"symlink\",\"target\":\"../elsewhere\",\"size\":12,\"name\":"
                                + "\"package-lock.json\",\"path\":\"package-lock.json\",\"sha\":\"" + "d".repeat(40)
                                + "\"}")));
        JsonNode report = failingChangedModeReport("b".repeat(40));
        assertThat(report.path("packages")).hasSize(3);
        assertThat(log()).contains("::warning::cannot read the base lockfile, verifying every package");
    }

    @Test
    void reportPathsThatThePullRequestCommitsAsSymbolicLinksAreReplacedNotWrittenThrough() throws Exception {
        // the workspace is the pull request's checkout: it can hold the report names as links to any file the
        // container (root) may write, e.g. a script a later step runs
        Path victim = Files.writeString(runner.resolve("victim.sh"), "echo keep me\n");
        Path reports = Files.createDirectories(workspace.resolve("reports"));
        Files.createSymbolicLink(reports.resolve("npm-provenance.json"), victim);
        Files.createSymbolicLink(reports.resolve("npm-provenance.sarif"), victim);
        oneTampered().writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        assertThat(Files.readString(victim)).isEqualTo("echo keep me\n");
        for (String name : List.of("npm-provenance.json", "npm-provenance.sarif")) {
            assertThat(Files.isSymbolicLink(reports.resolve(name))).as(name).isFalse();
            assertThat(Files.readString(reports.resolve(name))).as(name).contains("nuxt");
        }
    }

    @Test
    void aReportPathUnderDevIsWrittenThroughAsBefore() throws Exception {
        // json-file: /dev/stdout (or a descriptor's /dev/fd/N) is a link to a stream, outside any checkout: deleting
        // it fails, or as the container's root removes /dev/stdout itself. This one stands for a file held open here
        Path target = runner.resolve("through-descriptor.json");
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        try (java.io.FileOutputStream held = new java.io.FileOutputStream(target.toFile())) {
            Path descriptor = io.github.npmprovenance.testing.OpenDescriptors.of(target);
            env.put("INPUT_JSON-FILE", descriptor.toString());

            assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

            assertThat(Files.isSymbolicLink(descriptor)).isTrue();
        }
        assertThat(log()).doesNotContain("cannot write the report files");
        assertThat(MAPPER.readTree(target.toFile()).path("summary").path("invalid").asInt()).isEqualTo(1);
    }

    @Test
    void noDirectoryIsMadeOutOfTheWorkspaceOnTheWayToAReport() throws Exception {
        // with json-file: reports/deep/er/…, the directories deep/er were made through the link before it was refused
        Path elsewhere = Files.createDirectories(runner.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve("reports"), elsewhere);
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_JSON-FILE", "reports/deep/er/npm-provenance.json");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(log()).contains("::warning::cannot write the JSON report");
    }

    @Test
    void aReportDirectoryThatIsASymbolicLinkOutOfTheWorkspaceIsNotWrittenInto() throws Exception {
        Path elsewhere = Files.createDirectories(runner.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve("reports"), elsewhere);
        oneTampered().writeTo(workspace);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.FAILED);

        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(log()).contains("::warning::cannot write the JSON report")
                .contains("::warning::cannot write the SARIF report");
        // an upload step reading the outputs must not be pointed at a file this run did not write
        String outputs = Files.readString(runner.resolve("output.txt"));
        assertThat(outputs).containsPattern("sarif<<(npm_provenance_\\w+)\\n\\n\\1")
                .containsPattern("report-json<<(npm_provenance_\\w+)\\n\\n\\1")
                .containsPattern("result<<(npm_provenance_\\w+)\\nfailed\\n\\1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"package-lock.json", ".npm-provenance.yml"})
    void aFileThePullRequestCommitsAsALinkOutOfTheWorkspaceIsNotRead(String name) throws Exception {
        // a file of the runner, which a parse error would quote into the job's log
        Path secret = Files.writeString(runner.resolve("secret"), "npm_s3cretRunnerToken0123456789\n");
        oneTampered().writeTo(workspace);
        Files.deleteIfExists(workspace.resolve(name));
        Files.createSymbolicLink(workspace.resolve(name), secret);

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::" + name + " leads out of the checkout through a symbolic link")
                .doesNotContain("s3cret");
        assertThat(github.requests(RequestMethod.POST, "/repos/o/r/check-runs")).isEmpty();
    }

    @Test
    void aPolicyTheWorkflowKeepsOutsideTheWorkspaceIsRead() throws Exception {
        // out of the pull request's reach, as a policy should be: the workflow's choice, not a link the PR committed
        Path policy = Files.writeString(runner.resolve("policy.yml"), "fail-on: [error]\n");
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_POLICY", policy.toString());

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);
        assertThat(log()).doesNotContain("leads out of the checkout");
    }

    @Test
    void theJsonReportNamesThePolicyAsItNamesTheLockfile() throws Exception {
        oneTampered().writeTo(workspace.resolve("web"));
        Files.writeString(workspace.resolve("web/.npm-provenance.yml"), "fail-on: [invalid]\n");
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_LOCKFILE", "web");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        // before: the runner's absolute path, as the CLI run in the workspace does not name it
        JsonNode report = MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
        assertThat(report.path("lockfile").asText()).isEqualTo("web/package-lock.json");
        assertThat(report.path("policy").asText()).isEqualTo("web/.npm-provenance.yml");
    }

    @Test
    void aCheckRunThatPassesATamperedPackageByFailOnSaysSoInItsTitle() throws Exception {
        // fail-on none, to report without blocking: the check's title, the first thing a reviewer reads, said
        // "All 3 packages passed (2 with verified provenance)" over a package whose integrity was tampered with
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_FAIL-ON", "none");

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);

        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/check-runs")).singleElement().satisfies(body ->
                assertThat(body.path("output").path("title").asText())
                        .isEqualTo("All 3 packages passed, but fail-on let 1 invalid through"));
    }

    @Test
    void aReportThatCannotBeWrittenDoesNotStopTheOtherOrHideItsOutput() throws Exception {
        // a file where the JSON report's directory should go: that report fails, the SARIF file is still written
        // and named (a directory in the report's own place is refused before the run)
        Files.writeString(workspace.resolve("blocked"), "a file, not a directory");
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_JSON-FILE", "blocked/npm-provenance.json");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("::warning::cannot write the JSON report: " + workspace.resolve("blocked")
                        + ": exists and is not a directory")
                .doesNotContain("cannot write the SARIF report");
        assertThat(workspace.resolve("reports/npm-provenance.sarif")).isRegularFile();
        String outputs = Files.readString(runner.resolve("output.txt"));
        assertThat(outputs).containsPattern("report-json<<(npm_provenance_\\w+)\\n\\n\\1")
                .containsPattern("sarif<<(npm_provenance_\\w+)\\nreports/npm-provenance.sarif\\n\\1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INPUT_MODE=chnaged", "INPUT_COMMENT=yes"})
    void aMisspeltInputIsAnErrorBeforeAnythingIsVerifiedOrPublished(String input) throws Exception {
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        String[] nameAndValue = input.split("=", 2);
        env.put(nameAndValue[0], nameAndValue[1]);

        assertThat(run(env)).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::" + nameAndValue[0].substring("INPUT_".length()).toLowerCase(Locale.ROOT)
                + ": \"" + nameAndValue[1] + "\" is neither");
        assertThat(registry.requests()).isEmpty();
        assertThat(github.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aFailOnTheActionCannotReadIsAnErrorBeforeAnythingIsVerifiedOrPublished() throws Exception {
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_FAIL-ON", "invalid,unsined");

        assertThat(run(env)).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::fail-on: unknown status \"unsined\"");
        assertThat(registry.requests()).isEmpty();
        assertThat(github.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void anEventFileThatIsNoJsonIsAnErrorBeforeAnythingIsVerifiedOrPublished() throws Exception {
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        Files.writeString(runner.resolve("event.json"), "{\"pull_request\": ");

        assertThat(run(env)).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::cannot read the GitHub event: ");
        assertThat(registry.requests()).isEmpty();
        assertThat(github.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aLockfileThatIsNoJsonIsAnErrorNamingItWithoutACheckRun() throws Exception {
        Files.writeString(workspace.resolve("package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": ");

        assertThat(run(environment("a".repeat(40)))).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::package-lock.json:1: malformed JSON: ");
        assertThat(github.requests(RequestMethod.POST, "/repos/o/r/check-runs")).isEmpty();
    }

    @Test
    void aReportPathNamingTheUserConfigSetupNodeWroteIsAnErrorBeforeTheRunAndTheFileIsKept() throws Exception {
        // actions/setup-node writes the registry's token line to $RUNNER_TEMP/.npmrc and names it in
        // NPM_CONFIG_USERCONFIG, which the run reads; the CLI refuses a report path naming it, the action wrote over it
        oneTampered().writeTo(workspace);
        Path npmrc = Files.writeString(runner.resolve(".npmrc"), "//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}\n");
        Map<String, String> env = environment("a".repeat(40));
        env.put("NPM_CONFIG_USERCONFIG", npmrc.toString());
        env.put("INPUT_JSON-FILE", npmrc.toString());

        assertThat(run(env)).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::json-file names the user's npm config");
        assertThat(npmrc).hasContent("//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}\n");
        assertThat(registry.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "INPUT_JSON-FILE, package-lock.json, json-file names the lockfile, package-lock.json",
        "INPUT_SARIF-FILE, ./.npm-provenance.yml, sarif-file names the policy file, .npm-provenance.yml",
        "INPUT_SARIF-FILE, .npmrc, sarif-file names the project's npm config, .npmrc",
        "INPUT_SARIF-FILE, reports/npm-provenance.json, json-file and sarif-file name the same file",
        // a directory, which a trailing slash names before it exists: the report would be a file of its name
        "INPUT_SARIF-FILE, sarif/, sarif-file names a directory, sarif/: give a file name",
        "INPUT_JSON-FILE, node_modules, json-file names a directory, node_modules: give a file name"})
    void aReportPathNamingAFileTheRunReadsIsAnErrorBeforeTheRunAndTheFileIsKept(String input, String value,
            String error) throws Exception {
        // written after the run, the report replaced the lockfile (or the policy) for every later step of the job
        oneTampered().writeTo(workspace);
        Files.writeString(workspace.resolve(".npm-provenance.yml"), "fail-on: [invalid]\n");
        Files.createDirectories(workspace.resolve("node_modules"));
        Map<String, String> env = environment("a".repeat(40));
        env.put(input, value);

        assertThat(run(env)).isEqualTo(ActionRunner.UNUSABLE_INPUT);

        assertThat(log()).contains("::error::" + error);
        assertThat(workspace.resolve("package-lock.json")).hasContent(oneTampered().json());
        assertThat(workspace.resolve(".npm-provenance.yml")).hasContent("fail-on: [invalid]\n");
        assertThat(workspace.resolve("sarif")).doesNotExist();
        assertThat(registry.requests()).isEmpty();
        assertThat(github.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void changedModeOnAPushSaysWhyEveryPackageWasVerified() throws Exception {
        // on: [push, pull_request] with mode: changed: a push has no base commit to compare with
        oneTampered().writeTo(workspace);
        Map<String, String> env = pushOf("e".repeat(40));
        env.put("INPUT_MODE", "changed");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(Files.readString(runner.resolve("summary.md"))).contains("All packages of the lockfile were "
                + "verified: `mode: changed` compares with a pull request's base commit, and this run is for none.");
    }

    @Test
    void modeAndCommentAreReadWhateverTheirCase() throws Exception {
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_MODE", "All");
        env.put("INPUT_COMMENT", "False");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(Files.readString(runner.resolve("summary.md"))).contains("All packages of the lockfile were verified.");
    }

    @Test
    void stickyCommentIsCreatedOnceThenUpdatedInPlace() throws Exception {
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/pulls/7")).willReturn(github.json(200,
                "pull-request.json", Map.of("headSha", FakeGitHub.HEAD_SHA, "baseSha", "a".repeat(40)))));
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).inScenario("comments")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(github.json(200, "empty-list.json", Map.of())));
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/issues/7/comments")).inScenario("comments")
                .willSetStateTo("commented")
                .willReturn(github.json(201, "issue-comment.json", Map.of("body", StickyComment.MARKER))));
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).inScenario("comments")
                .whenScenarioStateIs("commented")
                .willReturn(github.json(200, "issue-comments.json", Map.of("body", StickyComment.MARKER))));
        github.server.stubFor(patch(urlPathEqualTo("/repos/o/r/issues/comments/1"))
                .willReturn(github.json(200, "issue-comment.json", Map.of("body", StickyComment.MARKER))));
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_COMMENT", "true");

        run(env);
        run(env);

        List<JsonNode> posted = github.bodies(RequestMethod.POST, "/repos/o/r/issues/7/comments");
        List<JsonNode> edited = github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1");
        assertThat(posted).singleElement().satisfies(b -> assertThat(b.path("body").asText())
                .startsWith(StickyComment.MARKER).contains("## npm provenance: failed"));
        assertThat(edited).singleElement().satisfies(b -> assertThat(b.path("body").asText())
                .startsWith(StickyComment.MARKER));
    }

    /** Pull request 7, which has no comments yet. */
    private void pullRequestWithoutComments() {
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/pulls/7")).willReturn(github.json(200,
                "pull-request.json", Map.of("headSha", FakeGitHub.HEAD_SHA, "baseSha", "a".repeat(40)))));
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments"))
                .willReturn(github.json(200, "empty-list.json", Map.of())));
    }

    @Test
    void aCommentTheTokenMayNotWriteNamesThePermissionToGrant() throws Exception {
        // comment: true without pull-requests: write in the workflow's permissions: the warning quoted GitHub's JSON
        // answer ("Resource not accessible by integration") without saying what to grant
        pullRequestWithoutComments();
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Accepted-GitHub-Permissions", "issues=write; pull_requests=write")
                .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/issues/comments#create-an-issue-comment\",\"status\":\"403\"}")));
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_COMMENT", "true");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("::warning::could not comment on the pull request (HTTP 403)")
                .contains("grant `pull-requests: write` in the workflow's permissions")
                .contains("GitHub asks for issues=write; pull_requests=write").doesNotContain("fork");
    }

    @Test
    void aCommentRequestThatGetsNoAnswerSaysSoRatherThanHttpMinusOne() throws Exception {
        // github-api gives a request GitHub never answered the status -1, which is no HTTP status
        pullRequestWithoutComments();
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_COMMENT", "true");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(log()).contains("::warning::could not comment on the pull request: IOException: ")
                .doesNotContain("HTTP -1");
    }

    @Test
    void commentsThatCannotBeListedAreAWarningAndThePassingRunStillPasses() throws Exception {
        // github-api lists comments page by page and wraps a failed page in a RuntimeException, which escaped: a
        // passing run ended with a stack trace and exit code 1, on a 502 while listing comments
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/pulls/7")).willReturn(github.json(200,
                "pull-request.json", Map.of("headSha", FakeGitHub.HEAD_SHA, "baseSha", "a".repeat(40)))));
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(aResponse()
                .withStatus(502).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"Server Error\"}")));
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_COMMENT", "true");

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);

        assertThat(log()).contains("::warning::could not comment on the pull request (HTTP 502)")
                .contains("PASSED: 1 package");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INPUT_TOKEN", "GITHUB_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"})
    void aProjectNpmrcCannotSendTheActionsOwnTokensToItsRegistry(String variable) throws Exception {
        String secret = "secret-of-" + variable + "-0123456789";
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        // what a pull request can add: its own registry, and a token taken from the action's environment
        Files.writeString(workspace.resolve(".npmrc"), "registry=" + registry.url() + "\n"
                + "//" + registry.url().getAuthority() + "/:_authToken=${" + variable + "}\n");
        Map<String, String> env = environment("a".repeat(40));
        env.remove("INPUT_REGISTRY");
        env.put(variable, secret);

        run(env);

        assertThat(registry.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization())
                .contains("Bearer ${" + variable + "}"));
        assertThat(log()).doesNotContain(secret);
        assertThat(Files.readString(workspace.resolve("reports/npm-provenance.json"))).doesNotContain(secret);
        assertThat(Files.readString(runner.resolve("summary.md"))).doesNotContain(secret);
    }

    @Test
    void aProjectNpmrcStillGetsTheTokensTheWorkflowSetsForTheStep() throws Exception {
        new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
        Files.writeString(workspace.resolve(".npmrc"),
                "//" + registry.url().getAuthority() + "/:_authToken=${NPM_TOKEN}\n");
        Map<String, String> env = environment("a".repeat(40));
        env.put("NPM_TOKEN", "npm_stepToken0123456789");

        assertThat(run(env)).isEqualTo(ActionRunner.PASSED);
        assertThat(registry.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization())
                .contains("Bearer npm_stepToken0123456789"));
    }

    @Test
    void anEmptyTokenIsSaidToBeTheReasonForWorkflowCommandsInsteadOfACheckRun() throws Exception {
        // a fork's pull request gets a read-only token, not none: blaming a fork sent users looking in the wrong place
        oneTampered().writeTo(workspace);
        Map<String, String> env = environment("a".repeat(40));
        env.put("INPUT_TOKEN", "");

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        assertThat(github.server.getAllServeEvents()).isEmpty();
        assertThat(Files.readString(runner.resolve("summary.md"))).contains("No check run could be created (the "
                + "`token` input is empty; give it a token with `checks: write`)").doesNotContain("fork");
        assertThat(log()).contains("::error file=package-lock.json,line=" + lineOf("\"node_modules/nuxt\""));
    }

    @Test
    void missingLockfileIsAnErrorWithoutCallingGitHub() {
        assertThat(runQuietly()).isEqualTo(ActionRunner.UNUSABLE_INPUT);
        assertThat(log()).contains("::error::.: no npm-shrinkwrap.json or package-lock.json");
        assertThat(github.requests(RequestMethod.POST, "/repos/o/r/check-runs")).isEmpty();
    }

    private int runQuietly() {
        try {
            return run(environment("a".repeat(40)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the workspace a repository whose one commit holds its lockfile. @return that commit */
    private String commitLockfile(String message) throws Exception {
        return commitLockfile("package-lock.json", message);
    }

    private String commitLockfile(String path, String message) throws Exception {
        git("init", "-q");
        git("add", path);
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").trim();
    }

    private String git(String... args) throws Exception {
        return Git.run(workspace, args);
    }

    // The lockfile's path as the action works it out from a folder name the pull request may choose (through a
    // matrix built with find): it names that file and no other, in the report, the annotations and, in changed
    // mode, the base it is compared with.

    /** A folder named like a query string asks the contents API for that path, not for another commit's file. */
    @Test
    void aFolderNamedLikeAQueryIsAskedForByItsName() throws Exception {
        String baseSha = "b".repeat(40);
        // the pull request's own lockfile, at any commit GitHub can reach (here: "HEAD" of the PR)
        String prLockfile = oneTampered().json();
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/contents/package-lock.json"))
                .willReturn(github.json(200, "contents.json", Map.of("size", Integer.toString(prLockfile.length()),
                        "content", Base64.getEncoder().encodeToString(prLockfile.getBytes(StandardCharsets.UTF_8))))));
        Path dir = Files.createDirectories(workspace.resolve("package-lock.json?ref=" + FakeGitHub.HEAD_SHA + "&x="));
        oneTampered().writeTo(dir);
        Map<String, String> env = environment(baseSha);
        env.put("INPUT_MODE", "changed");
        env.put("INPUT_LOCKFILE", dir.getFileName().toString());

        int exit = run(env);

        JsonNode report = MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
        assertThat(report.path("packages")).as("the tampered nuxt must be verified").isNotEmpty();
        assertThat(exit).isEqualTo(ActionRunner.FAILED);
    }

    /**
     * A backslash is part of a name on the runner. The base commit holds fixtures/tampered/package-lock.json, a
     * tampered test fixture nobody verifies; the pull request adds the same entries in a folder named
     * "fixtures\\tampered". Taken for fixtures/tampered, changed mode compared it with the fixture: nothing was new,
     * nothing verified, and the run passed.
     */
    @Test
    void aBackslashInTheLockfilesFolderNameIsPartOfTheName() throws Exception {
        Path fixture = Files.createDirectories(workspace.resolve("fixtures/tampered"));
        oneTampered().writeTo(fixture);
        Git.run(workspace, "init", "-q");
        Git.run(workspace, "add", "-A");
        Git.run(workspace, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        String baseSha = Git.run(workspace, "rev-parse", "HEAD").trim();
        Path added = Files.createDirectories(workspace.resolve("fixtures\\tampered"));
        oneTampered().writeTo(added);
        Map<String, String> env = environment(baseSha);
        env.put("INPUT_MODE", "changed");
        env.put("INPUT_LOCKFILE", "fixtures\\tampered");

        int exit = run(env);

        assertThat(exit).as("the tampered nuxt is verified").isEqualTo(ActionRunner.FAILED);
        JsonNode report = MAPPER.readTree(workspace.resolve("reports/npm-provenance.json").toFile());
        assertThat(report.path("lockfile").asText()).isEqualTo("fixtures\\tampered/package-lock.json");
    }

    /**
     * The workspace's path inside a folder's name (in the container, a/github/workspaceb) is no workspace: it was
     * replaced there too, and the lockfile reported and annotated as a.b/package-lock.json, another file.
     */
    @Test
    void theWorkspacesPathInsideAFolderNameIsPartOfTheName() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("a" + workspace + "b"));
        oneTampered().writeTo(dir);
        Map<String, String> env = environment("b".repeat(40));
        env.put("INPUT_MODE", "all");
        env.put("INPUT_LOCKFILE", workspace.relativize(dir).toString());

        assertThat(run(env)).isEqualTo(ActionRunner.FAILED);

        JsonNode annotation = github.bodies(com.github.tomakehurst.wiremock.http.RequestMethod.POST,
                "/repos/o/r/check-runs").get(0).path("output").path("annotations").get(0);
        assertThat(annotation.path("path").asText()).isEqualTo(workspace.relativize(dir) + "/package-lock.json");
    }

    @Test
    void messagesNameFilesRelativeToTheWorkspaceOnlyWhereTheWorkspaceBeginsAPath() {
        Path container = Path.of("/github/workspace");

        assertThat(ActionRunner.withWorkspacePaths(container, "cannot read /github/workspace/web/package-lock.json: "
                + "no such file; not /a/github/workspaceb/x nor /github/workspaceb, but '/github/workspace'"))
                .isEqualTo("cannot read web/package-lock.json: no such file; not /a/github/workspaceb/x nor "
                        + "/github/workspaceb, but '.'");
    }
}
