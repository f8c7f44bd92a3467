package io.jenkins.plugins.npmprovenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Git;
import io.github.npmprovenance.testing.FixtureRegistry.ClientAuthentication;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.TlsIdentity;
import io.jenkins.plugins.npmprovenance.model.AgentRequest;
import io.jenkins.plugins.npmprovenance.model.AgentResult;
import io.jenkins.plugins.npmprovenance.model.StepParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of the step, without a channel (it never uses one). */
class VerificationCallableTest {
    @TempDir
    Path workspace;

    @Test
    void aLockfileQuotedInTheAbortMessageCannotWriteControlCharactersIntoTheBuildLog() throws Exception {
        // the abort message is printed to the build log as is: a lockfile of the pull request must not be able to
        // forge log lines or send terminal escapes through it
        Files.writeString(workspace.resolve("package-lock.json"), "{\"name\":\"x\",\"lockfileVersion\":1,"
                + "\"requires\":true,\"dependencies\":{\"a\":{\"version\":"
                + "\"npm:\\u001b[2K\\rnpm provenance: all 1 packages passed\\n\",\"integrity\":\"sha512-AA==\"}}}");
        VerificationCallable callable = new VerificationCallable(new AgentRequest(new StepParameters("", "", "", "",
                "", ""), null, null), "", Map.of("HOME", workspace.toString()), "test");

        assertThatThrownBy(() -> callable.invoke(workspace.toFile(), null)).isInstanceOf(AbortException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("malformed alias version")
                        .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\n"));
    }

    @Test
    void onWindowsAgentsEnvironmentNamesAreTakenInAnyCaseAsNpmTakesThem() {
        // Jenkins' EnvVars and Windows ignore case: ${AppData} in an .npmrc is APPDATA there; the copy sent to the
        // agent was a HashMap, in which it was not found
        Map<String, String> environment = Map.of("APPDATA", "C:\\Users\\ci\\AppData\\Roaming");

        assertThat(VerificationCallable.environmentOf(environment, true).get("AppData"))
                .isEqualTo("C:\\Users\\ci\\AppData\\Roaming");
        assertThat(VerificationCallable.environmentOf(environment, false).get("AppData")).isNull();
    }

    @Test
    void cacheFalseLeavesTheAgentsCacheAloneWhichTheDefaultWrites(@TempDir Path home) throws Exception {
        // every build on an agent can write its cache: where untrusted changes build, a step can leave it alone
        String userHome = System.getProperty("user.home");
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
            System.setProperty("user.home", home.toString());
            Path cache = home.resolve(".cache").resolve("npm-provenance");

            AgentResult without = verify(new StepParameters("", "", "", registry.url().toString(), "", "all", false));
            boolean cachedWithout = Files.exists(cache);
            AgentResult with = verify(new StepParameters("", "", "", registry.url().toString(), "", "all"));

            assertThat(without.reportJson()).contains("\"verified\" : 1");
            assertThat(cachedWithout).isFalse();
            assertThat(with.reportJson()).contains("\"verified\" : 1");
            assertThat(cache).isDirectory();
        } finally {
            System.setProperty("user.home", userHome);
        }
    }

    @Test
    void anAgentWhoseUserHasNoHomeKeepsNoCache() throws Exception {
        // a Kubernetes agent running as a user id with no entry: Java's user.home is "?"
        String userHome = System.getProperty("user.home");
        Path relative = Path.of("?");
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
            System.setProperty("user.home", "?");

            AgentResult result = verify(new StepParameters("", "", "", registry.url().toString(), "", "all"));

            assertThat(result.reportJson()).contains("\"verified\" : 1");
            // before: ?/.cache/npm-provenance in the agent's working directory
            assertThat(relative).doesNotExist();
        } finally {
            System.setProperty("user.home", userHome);
            if (Files.exists(relative)) {
                try (var files = Files.walk(relative)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void relativeFilesInTheProjectsNpmrcAreTheWorkspacesAsForNpmCiThereNotTheAgentsWorkingDirectorys()
            throws Exception {
        // dir('web') { sh 'npm ci' } reads web/.npmrc and finds cafile, certfile and keyfile relative to web/; the
        // step runs in the agent's JVM, whose working directory is the agent's root (here, this module's)
        TlsIdentity server = TlsIdentity.forAddress("127.0.0.1");
        TlsIdentity clientAuthority = TlsIdentity.authority("corporate client authority");
        TlsIdentity client = clientAuthority.issueClient("jenkins agent", "EC");
        try (FixtureRegistry registry = FixtureRegistry.startHttps(
                server.serverContextTrusting(clientAuthority.certificate()), ClientAuthentication.REQUIRED)) {
            Path web = workspace.resolve("web");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(web);
            Files.createDirectories(web.resolve("certs"));
            Files.writeString(web.resolve("certs/corp-ca.pem"), server.pem());
            Files.writeString(web.resolve("certs/client.pem"), client.pem());
            Files.writeString(web.resolve("certs/client.key"), client.privateKeyPem(false));
            String prefix = "//" + registry.url().getAuthority() + "/";
            Files.writeString(web.resolve(".npmrc"), "registry=" + registry.url() + "\n"
                    + "cafile=certs/corp-ca.pem\n"
                    + prefix + ":certfile=certs/client.pem\n"
                    + prefix + ":keyfile=certs/client.key\n");

            AgentResult result = verify(new StepParameters("web", "", "", "", "", "all", false));

            assertThat(result.reportJson()).contains("\"verified\" : 1");
            assertThat(registry.clientCertificates()).isNotEmpty().containsOnly("CN=jenkins agent");
        }
    }

    private AgentResult verify(StepParameters parameters) throws Exception {
        return new VerificationCallable(new AgentRequest(parameters, null, null), "",
                Map.of("HOME", workspace.toString()), "test").invoke(workspace.toFile(), null);
    }

    @Test
    void aReportFolderNamedInAFailureCannotWriteLinesIntoTheBuildLog(@TempDir Path outside) throws Exception {
        // the reports' folder is named after the lockfile's, which a pull request can name with a line break; a
        // failure to make it (a link leading out, committed in its place) is printed to the build log too
        String folder = "web\n[Pipeline] echo\nnpm provenance: all 1 package passed\u001b[2K";
        Files.createDirectories(workspace.resolve(folder));
        Files.writeString(workspace.resolve(folder).resolve("package-lock.json"),
                "{\"name\":\"x\",\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"x\"}}}");
        Files.createDirectories(workspace.resolve("npm-provenance"));
        Files.createSymbolicLink(workspace.resolve("npm-provenance").resolve(folder), outside);
        VerificationCallable callable = new VerificationCallable(new AgentRequest(new StepParameters(folder, "", "",
                "", "", "all"), null, null), "", Map.of("HOME", workspace.toString()), "test");

        assertThatThrownBy(() -> callable.invoke(workspace.toFile(), null)).isInstanceOf(AbortException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("symbolic link")
                        .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\n"));
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void changedModeOnAnAgentWithoutGitVerifiesEveryPackageWithAWarning(@TempDir Path emptyPath) throws Exception {
        // a checkout made by JGit has a .git, and the agent need not have git: "Cannot run program git" stopped
        // the step (FAILURE, no report) where the README and the command line verify every package with a warning
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            new TestLockfile().add("sigstore", "1.0.0").writeTo(workspace);
            Git.commitAll(workspace, "base");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder agent = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:-UsePerfData", "-cp",
                    System.getProperty("java.class.path"), VerificationCallableTest.class.getName(),
                    workspace.toString(), registry.url().toString()))
                    .redirectOutput(workspace.resolve("out.txt").toFile()).redirectErrorStream(true);
            agent.environment().put("PATH", emptyPath.toString());
            Process process = agent.start();
            process.getOutputStream().close();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            String out = Files.readString(workspace.resolve("out.txt"));
            assertThat(out).doesNotContain("aborted").contains("\"verified\" : 1")
                    .contains("warning: the lockfile at HEAD is unreadable (").contains("verifying every package");
        }
    }

    /** The agent side in a JVM of its own, as on an agent with nothing on its PATH: what the controller gets. */
    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        try {
            AgentResult result = new VerificationCallable(new AgentRequest(new StepParameters("", "", "", args[1], "",
                    "changed"), null, null), "HEAD", Map.of("HOME", workspace.toString()), "test")
                    .invoke(workspace.toFile(), null);
            result.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println(result.reportJson());
        } catch (AbortException e) {
            System.out.println("aborted: " + e.getMessage());
        }
    }
}
