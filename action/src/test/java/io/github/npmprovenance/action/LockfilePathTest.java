package io.github.npmprovenance.action;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Git;
import io.github.npmprovenance.testing.TestLockfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockfile's path as the action works it out from a directory name the pull request may choose (through a matrix
 * built with {@code find}): it names that file and no other, in the report, the annotations and, in changed mode, the
 * base it is compared with.
 */
class LockfilePathTest {
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
        env.put("INPUT_TOKEN", "ghs_SECRETtoken0123456789abcdef");
        env.put("INPUT_REGISTRY", registry.url().toString());
        env.put("INPUT_CHECK-NAME", "npm provenance");
        env.put("INPUT_SARIF-FILE", "reports/npm-provenance.sarif");
        env.put("INPUT_JSON-FILE", "reports/npm-provenance.json");
        env.put("HOME", runner.toString());
        return env;
    }

    private int run(Map<String, String> env) {
        return new ActionRunner(env::get, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
    }

    private static TestLockfile oneTampered() {
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0")
                .add("nuxt", "3.13.0");
        String integrity = lockfile.entry("nuxt").get("integrity").asText();
        lockfile.entry("nuxt").put("integrity", integrity.replace("Ew3w", "Ew4w"));
        return lockfile;
    }

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
