package io.github.npmprovenance.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the action's image from {@code action/Dockerfile} and runs it the way the GitHub runner runs a Docker
 * container action: host network, the workspace at {@code /github/workspace} (also the working directory), the event
 * and file-command files in {@code /github/workflow} and {@code /github/file_commands}, every input of
 * {@code action.yml} as {@code INPUT_<NAME>} and the {@code GITHUB_*} variables, passed by name. The npm registry is
 * the fixtures' loopback registry; the GitHub API is WireMock on loopback.
 *
 * <p>Needs a container engine: {@code CONTAINER} and {@code BASE_IMAGE} from
 * {@code source ../shared/tools/container-env.sh}, or {@code CONTAINER=docker}. Skipped with a message where
 * none is configured, except where {@code NPM_PROVENANCE_CONTAINER_TESTS=required} (CI), where that fails.
 */
class ContainerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "localhost/npm-provenance-action:it";
    private static final String TOKEN = "ghs_containerItFakeToken7c1e0d4a9b2f";
    private static final String OWNER = "o";
    private static final String NAME = "r";
    private static final long CHECK_RUN_ID = 4_242_424_242L;
    private static final int PR_NUMBER = 7;
    private static final String HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String BASE_SHA = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    private static final String MERGE_SHA = "e5bd3914e2e596debea16f433f57875b5b90bcd6";

    @TempDir
    Path temp;

    @Test
    void runsAsAGitHubContainerActionAndFailsOnTheTamperedPackage() throws Exception {
        Path module = moduleDirectory();
        assertThat(module.resolve("target/npm-provenance-action.jar"))
                .as("the action's jar (built by `./mvnw install` before the integration tests)").isRegularFile();
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        ContainerEngine engine = ContainerEngine.fromEnvironment(scratch);

        ContainerEngine.Result build = engine.build(module, module.resolve("Dockerfile"), IMAGE, Duration.ofMinutes(15));
        assertThat(build.exitCode()).as("image build: %s", build.describe()).isZero();
        System.out.println("ContainerIT: image built in " + build.took().toMillis() + " ms");

        Path workspace = shared(temp.resolve("workspace"));
        Path workflow = shared(temp.resolve("workflow"));
        Path fileCommands = shared(temp.resolve("file_commands"));
        Path home = shared(temp.resolve("home"));
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").add("nuxt", "3.13.0");
        String integrity = lockfile.entry("nuxt").get("integrity").asText();
        lockfile.entry("nuxt").put("integrity", tamper(integrity));
        Path lockfilePath = lockfile.writeTo(workspace);
        int tamperedLine = lineOf(lockfilePath, "\"node_modules/nuxt\"");
        Files.writeString(workflow.resolve("event.json"), JSON.writeValueAsString(pullRequestEvent()));
        Path summary = shared(Files.createFile(fileCommands.resolve("step_summary_1f0c")));
        Path output = shared(Files.createFile(fileCommands.resolve("set_output_1f0c")));

        WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            String apiUrl = "http://127.0.0.1:" + github.port();
            stubGitHub(github, apiUrl);

            Map<String, String> environment = new LinkedHashMap<>(githubEnvironment(apiUrl));
            environment.putAll(inputs(Map.of(
                    "registry", registry.url().toString(),
                    "mode", "all")));
            List<String> args = new ArrayList<>(List.of("run", "--rm", "--network", "host",
                    "--workdir", "/github/workspace",
                    "-v", home + ":/github/home",
                    "-v", workflow + ":/github/workflow",
                    "-v", fileCommands + ":/github/file_commands",
                    "-v", workspace + ":/github/workspace"));
            environment.keySet().forEach(name -> args.addAll(List.of("-e", name)));
            args.add(IMAGE);
            ContainerEngine.Result run = engine.execute(args, environment, Duration.ofMinutes(3));
            System.out.println("ContainerIT: container ran in " + run.took().toMillis() + " ms\n" + run.describe());

            assertThat(run.exitCode()).as("a tampered package fails the job: %s", run.describe()).isEqualTo(1);
            assertThat(run.stdout() + run.stderr()).as("the container's output").doesNotContain(TOKEN);
            assertThat(run.stdout()).contains("FAILED: 3 packages in package-lock.json");

            System.out.println("ContainerIT: GitHub API requests " + requestLines(github));
            LoggedRequest create = single(github, RequestMethod.POST, "/repos/o/r/check-runs");
            assertThat(create.getHeader("Authorization")).as("the token reaches the API").contains(TOKEN);
            JsonNode created = JSON.readTree(create.getBodyAsString());
            assertThat(created.path("head_sha").asText()).as("check run on the pull request's head").isEqualTo(HEAD_SHA);
            assertThat(created.path("name").asText()).isEqualTo("npm provenance");
            assertThat(annotations(created)).as("annotations of %s", created.path("output"))
                    .anySatisfy(annotation -> {
                        assertThat(annotation.path("path").asText()).isEqualTo("package-lock.json");
                        assertThat(annotation.path("start_line").asInt()).isEqualTo(tamperedLine);
                        assertThat(annotation.path("annotation_level").asText()).isEqualTo("failure");
                        assertThat(annotation.path("message").asText() + annotation.path("title").asText())
                                .contains("nuxt");
                    });
            LoggedRequest complete = single(github, RequestMethod.PATCH, "/repos/o/r/check-runs/" + CHECK_RUN_ID);
            JsonNode completed = JSON.readTree(complete.getBodyAsString());
            assertThat(completed.path("status").asText()).isEqualTo("completed");
            assertThat(completed.path("conclusion").asText()).isEqualTo("failure");
            assertThat(github.getAllServeEvents()).flatMap(e -> GitHubApiDescription.violations(
                    e.getRequest().getMethod().getName(), e.getRequest().getUrl(), e.getRequest().getBodyAsString()))
                    .as("requests GitHub's REST API description does not allow").isEmpty();
        } finally {
            github.stop();
        }

        Map<String, String> outputs = outputs(output);
        assertThat(outputs).containsEntry("invalid", "1").containsEntry("result", "failed")
                .containsEntry("total", "3").containsEntry("failed", "1")
                .containsEntry("report-json", "npm-provenance.json").containsEntry("sarif", "npm-provenance.sarif");
        String markdown = Files.readString(summary, StandardCharsets.UTF_8);
        assertThat(markdown).startsWith("## npm provenance: failed").contains("### Failing packages");
        assertThat(markdown.lines().filter(row -> row.startsWith("| nuxt") && row.contains("| INVALID |")))
                .as("the tampered package's row (Markdown escapes @ and :)").singleElement().asString()
                .contains("package-lock.json").contains(tamperedLine + " |");
        assertThat(workspace.resolve("npm-provenance.json")).isRegularFile();
        assertThat(workspace.resolve("npm-provenance.sarif")).isRegularFile();
        try (Stream<Path> files = Stream.of(workspace, workflow, fileCommands, home).flatMap(ContainerIT::walk)) {
            files.filter(Files::isRegularFile).forEach(file -> assertThat(read(file)).as("%s", file)
                    .doesNotContain(TOKEN));
        }
    }

    /** The action module: failsafe runs in it; an IDE may run from the repository root. */
    private static Path moduleDirectory() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return Files.isRegularFile(base.resolve("Dockerfile")) ? base : base.resolve("action");
    }

    /** A directory or file the container's root may write, whatever user it maps to on this machine. */
    private static Path shared(Path path) throws IOException {
        if (!Files.exists(path)) {
            Files.createDirectories(path);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
        return path;
    }

    /** The same integrity with one base64 character changed, as if the lockfile had been edited. */
    private static String tamper(String integrity) {
        int at = "sha512-".length() + 10;
        char replacement = integrity.charAt(at) == 'A' ? 'B' : 'A';
        return integrity.substring(0, at) + replacement + integrity.substring(at + 1);
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    /** A {@code pull_request} event as GitHub delivers it (synchronize), trimmed to the fields that matter. */
    private static ObjectNode pullRequestEvent() {
        ObjectNode event = JSON.createObjectNode();
        event.put("action", "synchronize");
        event.put("number", PR_NUMBER);
        ObjectNode pr = event.putObject("pull_request");
        pr.put("url", "https://api.github.com/repos/o/r/pulls/" + PR_NUMBER);
        pr.put("id", 1_934_557_813L);
        pr.put("node_id", "PR_kwDOAAABc84AAAABzTJ3dQ");
        pr.put("html_url", "https://github.com/o/r/pull/" + PR_NUMBER);
        pr.put("number", PR_NUMBER);
        pr.put("state", "open");
        pr.put("title", "Update dependencies");
        pr.set("user", user("octocat", 583231));
        ObjectNode head = pr.putObject("head");
        head.put("label", "o:update-dependencies");
        head.put("ref", "update-dependencies");
        head.put("sha", HEAD_SHA);
        head.set("user", user(OWNER, 9919));
        head.set("repo", repository("https://api.github.com"));
        ObjectNode base = pr.putObject("base");
        base.put("label", "o:main");
        base.put("ref", "main");
        base.put("sha", BASE_SHA);
        base.set("user", user(OWNER, 9919));
        base.set("repo", repository("https://api.github.com"));
        event.set("repository", repository("https://api.github.com"));
        event.set("sender", user("octocat", 583231));
        return event;
    }

    private static ObjectNode user(String login, long id) {
        ObjectNode user = JSON.createObjectNode();
        user.put("login", login);
        user.put("id", id);
        user.put("node_id", "MDQ6VXNlcj" + id);
        user.put("url", "https://api.github.com/users/" + login);
        user.put("html_url", "https://github.com/" + login);
        user.put("type", login.equals(OWNER) ? "Organization" : "User");
        user.put("site_admin", false);
        return user;
    }

    /** A repository as {@code GET /repos/{owner}/{repo}} returns it (the fields github-api and the action read). */
    private static ObjectNode repository(String apiUrl) {
        ObjectNode repo = JSON.createObjectNode();
        repo.put("id", 1_296_269L);
        repo.put("node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5");
        repo.put("name", NAME);
        repo.put("full_name", OWNER + "/" + NAME);
        repo.set("owner", user(OWNER, 9919));
        repo.put("private", false);
        repo.put("html_url", "https://github.com/o/r");
        repo.put("description", "A project with an npm lockfile");
        repo.put("fork", false);
        repo.put("url", apiUrl + "/repos/o/r");
        repo.put("default_branch", "main");
        repo.put("visibility", "public");
        repo.put("created_at", "2024-01-26T19:01:12Z");
        repo.put("updated_at", "2026-11-20T14:10:27Z");
        repo.put("pushed_at", "2026-11-26T09:46:05Z");
        ObjectNode permissions = repo.putObject("permissions");
        permissions.put("admin", false);
        permissions.put("push", true);
        permissions.put("pull", true);
        return repo;
    }

    /** A check run as the Checks API returns it on create and update. */
    private static ObjectNode checkRun(String apiUrl, String status, String conclusion) {
        ObjectNode run = JSON.createObjectNode();
        run.put("id", CHECK_RUN_ID);
        run.put("node_id", "CR_kwDOAAABc88AAAAA_Wf6sg");
        run.put("head_sha", HEAD_SHA);
        run.put("external_id", "");
        run.put("url", apiUrl + "/repos/o/r/check-runs/" + CHECK_RUN_ID);
        run.put("html_url", "https://github.com/o/r/runs/" + CHECK_RUN_ID);
        run.put("details_url", "https://github.com/o/r/runs/" + CHECK_RUN_ID);
        run.put("status", status);
        if (conclusion == null) {
            run.putNull("conclusion");
            run.putNull("completed_at");
        } else {
            run.put("conclusion", conclusion);
            run.put("completed_at", "2026-11-27T10:00:05Z");
        }
        run.put("started_at", "2026-11-27T10:00:01Z");
        run.put("name", "npm provenance");
        ObjectNode output = run.putObject("output");
        output.put("title", "1 of 3 packages failed");
        output.put("summary", "");
        output.putNull("text");
        output.put("annotations_count", 1);
        output.put("annotations_url", apiUrl + "/repos/o/r/check-runs/" + CHECK_RUN_ID + "/annotations");
        run.putObject("check_suite").put("id", 5_678_901_234L);
        ObjectNode app = run.putObject("app");
        app.put("id", 15368);
        app.put("slug", "github-actions");
        app.put("name", "GitHub Actions");
        run.putArray("pull_requests");
        return run;
    }

    private static void stubGitHub(WireMockServer github, String apiUrl) throws IOException {
        // github-api asks who the token belongs to; a workflow's installation token may not read /user
        ObjectNode forbidden = JSON.createObjectNode();
        forbidden.put("message", "Resource not accessible by integration");
        forbidden.put("documentation_url", "https://docs.github.com/rest/users/users#get-the-authenticated-user");
        forbidden.put("status", "403");
        github.stubFor(get(urlEqualTo("/user")).willReturn(json(403, forbidden)));
        github.stubFor(get(urlEqualTo("/repos/o/r")).willReturn(json(200, repository(apiUrl))));
        github.stubFor(post(urlEqualTo("/repos/o/r/check-runs"))
                .willReturn(json(201, checkRun(apiUrl, "in_progress", null))));
        github.stubFor(patch(urlEqualTo("/repos/o/r/check-runs/" + CHECK_RUN_ID))
                .willReturn(json(200, checkRun(apiUrl, "completed", "failure"))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, JsonNode body)
            throws IOException {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(JSON.writeValueAsString(body));
    }

    /** What the runner sets for a container action on a pull request (paths as seen inside the container). */
    private static Map<String, String> githubEnvironment(String apiUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/github/home");
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_JOB", "verify");
        env.put("GITHUB_REF", "refs/pull/" + PR_NUMBER + "/merge");
        env.put("GITHUB_SHA", MERGE_SHA);
        env.put("GITHUB_REPOSITORY", OWNER + "/" + NAME);
        env.put("GITHUB_REPOSITORY_OWNER", OWNER);
        env.put("GITHUB_RUN_ID", "11223344556");
        env.put("GITHUB_RUN_NUMBER", "12");
        env.put("GITHUB_RUN_ATTEMPT", "1");
        env.put("GITHUB_ACTOR", "octocat");
        env.put("GITHUB_WORKFLOW", "npm provenance");
        env.put("GITHUB_HEAD_REF", "update-dependencies");
        env.put("GITHUB_BASE_REF", "main");
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_API_URL", apiUrl);
        env.put("GITHUB_GRAPHQL_URL", apiUrl + "/graphql");
        env.put("GITHUB_WORKSPACE", "/github/workspace");
        env.put("GITHUB_ACTION", "__npm-provenance-verifier_npm-provenance-verifier");
        env.put("GITHUB_EVENT_PATH", "/github/workflow/event.json");
        env.put("GITHUB_PATH", "/github/file_commands/add_path_1f0c");
        env.put("GITHUB_ENV", "/github/file_commands/set_env_1f0c");
        env.put("GITHUB_STATE", "/github/file_commands/save_state_1f0c");
        env.put("GITHUB_STEP_SUMMARY", "/github/file_commands/step_summary_1f0c");
        env.put("GITHUB_OUTPUT", "/github/file_commands/set_output_1f0c");
        env.put("RUNNER_OS", "Linux");
        env.put("RUNNER_ARCH", "X64");
        env.put("RUNNER_NAME", "GitHub Actions 12");
        env.put("RUNNER_ENVIRONMENT", "github-hosted");
        return env;
    }

    /**
     * Every input {@code action.yml} declares, as the runner passes them: {@code INPUT_} and the name upper-cased
     * (hyphens kept), the workflow's value or else the default ({@code ${{ github.token }}} for the token).
     */
    private static Map<String, String> inputs(Map<String, String> with) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("lockfile", ".");
        defaults.put("policy", "");
        defaults.put("registry", "");
        defaults.put("fail-on", "");
        defaults.put("mode", "");
        defaults.put("token", TOKEN);
        defaults.put("check-name", "npm provenance");
        defaults.put("comment", "false");
        defaults.put("sarif-file", "npm-provenance.sarif");
        defaults.put("json-file", "npm-provenance.json");
        Map<String, String> inputs = new LinkedHashMap<>();
        defaults.forEach((name, value) -> inputs.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT),
                with.getOrDefault(name, value)));
        return inputs;
    }

    private static LoggedRequest single(WireMockServer github, RequestMethod method, String url) {
        List<LoggedRequest> matching = github.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .filter(r -> r.getMethod().equals(method) && r.getUrl().equals(url))
                .map(LoggedRequest.class::cast)
                .toList();
        assertThat(matching).as("%s %s among %s", method, url, requestLines(github)).hasSize(1);
        return matching.get(0);
    }

    private static List<String> requestLines(WireMockServer github) {
        return github.getAllServeEvents().stream()
                .map(event -> event.getRequest().getMethod() + " " + event.getRequest().getUrl()).toList();
    }

    private static List<JsonNode> annotations(JsonNode checkRun) {
        List<JsonNode> annotations = new ArrayList<>();
        checkRun.path("output").path("annotations").forEach(annotations::add);
        return annotations;
    }

    /** Reads a {@code GITHUB_OUTPUT} file: {@code name=value} lines and {@code name<<DELIMITER} blocks. */
    private static Map<String, String> outputs(Path file) throws IOException {
        Map<String, String> outputs = new HashMap<>();
        Iterator<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            int heredoc = line.indexOf("<<");
            if (heredoc > 0) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                for (String next = lines.next(); !next.equals(delimiter); next = lines.next()) {
                    value.append(value.length() == 0 ? "" : "\n").append(next);
                }
                outputs.put(line.substring(0, heredoc), value.toString());
            } else if (line.contains("=")) {
                outputs.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return outputs;
    }

    private static Stream<Path> walk(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
