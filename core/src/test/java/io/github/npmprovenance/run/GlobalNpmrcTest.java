package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm's global {@code npmrc}, below the user's and the project's: {@code <prefix>/etc/npmrc}, the prefix being the
 * directory above the {@code node} on {@code PATH} unless {@code PREFIX}, {@code prefix} or {@code globalconfig} say
 * otherwise, as npm finds it (a machine's image often sets the registry mirror or the certificate authorities there).
 */
class GlobalNpmrcTest {
    @TempDir
    Path dir;

    private FixtureRegistry registry;
    private String unreachable;

    @BeforeEach
    void start() throws Exception {
        registry = FixtureRegistry.start();
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            unreachable = "http://127.0.0.1:" + closed.getLocalPort() + "/";
        }
        new TestLockfile().add("sigstore", "1.0.0").writeTo(dir.resolve("project"));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** A node installation: {@code <prefix>/bin/node}, an executable that is no script (an ELF header will do). */
    private Path nodeIn(Path prefix) throws Exception {
        Path node = prefix.resolve("bin/node");
        Files.createDirectories(node.getParent());
        Files.write(node, new byte[] {0x7f, 'E', 'L', 'F'});
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return node;
    }

    private static void writeNpmrc(Path file, String registryUrl) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "registry=" + registryUrl + "\n");
    }

    private Status verify(Map<String, String> environment) throws RunException {
        Map<String, String> withHome = new HashMap<>(environment);
        withHome.put("HOME", dir.resolve("home").toString());
        RunOutcome outcome = VerificationRun.execute(RunOptions.of(dir.resolve("project"))
                .withEnvironment(withHome::get).withUserNpmrc(Optional.of(dir.resolve("user.npmrc")))
                .withNetwork(2, Verification.FAST));
        assertThat(outcome.report().packages()).hasSize(1);
        return outcome.report().packages().get(0).status();
    }

    @Test
    void aRelativeGlobalconfigOrPrefixIsInTheProjectAsForNpmRunThere() throws Exception {
        // path settings, which npm resolves against the directory it runs in: npm ci's, the project's
        writeNpmrc(dir.resolve("project/conf/npmrc"), registry.url().toString());
        writeNpmrc(dir.resolve("project/tools/etc/npmrc"), registry.url().toString());

        assertThat(verify(Map.of("NPM_CONFIG_GLOBALCONFIG", "conf/npmrc"))).isEqualTo(Status.VERIFIED);
        assertThat(verify(Map.of("NPM_CONFIG_PREFIX", "tools"))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void theRegistryOfTheGlobalNpmrcBesideTheNodeOnPathIsUsed() throws Exception {
        Path node = nodeIn(dir.resolve("usr"));
        writeNpmrc(dir.resolve("usr/etc/npmrc"), registry.url().toString());

        assertThat(verify(Map.of("PATH", dir.resolve("elsewhere") + ":" + node.getParent()))).isEqualTo(Status.VERIFIED);
        assertThat(registry.requestCount("sigstore")).isEqualTo(1);
    }

    @Test
    void theNodeOnPathIsFollowedThroughItsLinksAsNodesExecPathIs() throws Exception {
        Path node = nodeIn(dir.resolve("opt/node-v20"));
        writeNpmrc(dir.resolve("opt/node-v20/etc/npmrc"), registry.url().toString());
        writeNpmrc(dir.resolve("usr/local/etc/npmrc"), unreachable);
        Files.createDirectories(dir.resolve("usr/local/bin"));
        Files.createSymbolicLink(dir.resolve("usr/local/bin/node"), node);

        assertThat(verify(Map.of("PATH", dir.resolve("usr/local/bin").toString()))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void theUsersAndTheProjectsNpmrcComeBeforeTheGlobalOne() throws Exception {
        Path node = nodeIn(dir.resolve("usr"));
        writeNpmrc(dir.resolve("usr/etc/npmrc"), unreachable);
        writeNpmrc(dir.resolve("user.npmrc"), registry.url().toString());

        assertThat(verify(Map.of("PATH", node.getParent().toString()))).isEqualTo(Status.VERIFIED);

        Files.delete(dir.resolve("user.npmrc"));
        writeNpmrc(dir.resolve("project/.npmrc"), registry.url().toString());

        assertThat(verify(Map.of("PATH", node.getParent().toString()))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void prefixAndGlobalconfigSettingsMoveTheFileAsInNpm() throws Exception {
        Path node = nodeIn(dir.resolve("usr"));
        writeNpmrc(dir.resolve("usr/etc/npmrc"), unreachable);
        writeNpmrc(dir.resolve("custom/etc/npmrc"), registry.url().toString());
        writeNpmrc(dir.resolve("home/global.npmrc"), registry.url().toString());
        String path = node.getParent().toString();

        assertThat(verify(Map.of("PATH", path, "PREFIX", dir.resolve("custom").toString())))
                .isEqualTo(Status.VERIFIED);
        assertThat(verify(Map.of("PATH", path, "npm_config_prefix", dir.resolve("custom").toString())))
                .isEqualTo(Status.VERIFIED);
        assertThat(verify(Map.of("PATH", path, "NPM_CONFIG_GLOBALCONFIG", "~/global.npmrc")))
                .isEqualTo(Status.VERIFIED);
        Files.writeString(dir.resolve("user.npmrc"), "prefix=" + dir.resolve("custom") + "\n");
        assertThat(verify(Map.of("PATH", path))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void withoutNodeOnPathNoGlobalNpmrcIsRead() throws Exception {
        Path node = nodeIn(dir.resolve("usr"));
        // read, this line stops the run (a scope registry that is no URL)
        Files.createDirectories(dir.resolve("usr/etc"));
        Files.writeString(dir.resolve("usr/etc/npmrc"), "@corp:registry=not a URL^\n");
        writeNpmrc(dir.resolve("user.npmrc"), registry.url().toString());
        String path = node.getParent().toString();

        assertThatThrownBy(() -> verify(Map.of("PATH", path))).isInstanceOf(RunException.class)
                .hasMessageContaining(dir.resolve("usr/etc/npmrc") + ":1: @corp:registry");

        Files.delete(node);

        assertThat(verify(Map.of("PATH", path))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aGlobalNpmrcThatCannotBeReadIsIgnoredAsNpmIgnoresIt() throws Exception {
        writeNpmrc(dir.resolve("user.npmrc"), registry.url().toString());
        Path unreadable = dir.resolve("etc/npmrc");
        writeNpmrc(unreadable, unreachable);
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        // root reads any file: Linux's /proc/self/mem is a regular file whose first byte cannot be read
        Path global = Files.isReadable(unreadable) ? Path.of("/proc/self/mem") : unreadable;
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(global));

        assertThat(verify(Map.of("NPM_CONFIG_GLOBALCONFIG", global.toString()))).isEqualTo(Status.VERIFIED);
    }

    /** The global npmrc whose bad line, if read, stops the run. */
    private void badGlobalNpmrc(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "@corp:registry=not a URL^\n");
        writeNpmrc(dir.resolve("user.npmrc"), registry.url().toString());
    }

    @Test
    void aNodeThatIsAScriptIsNoClueToNpmsPrefixSoNoGlobalNpmrcIsRead() throws Exception {
        // a version manager's shim (asdf, nodenv): the node it runs, and so npm's prefix, only running it would tell
        Path shim = dir.resolve("asdf/shims/node");
        Files.createDirectories(shim.getParent());
        Files.writeString(shim, "#!/bin/sh\nexec /usr/bin/node \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        badGlobalNpmrc(dir.resolve("asdf/etc/npmrc"));

        assertThat(verify(Map.of("PATH", shim.getParent().toString()))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void anEmptyGlobalconfigNamesNoFileAsInNpm() throws Exception {
        Path node = nodeIn(dir.resolve("usr"));
        badGlobalNpmrc(dir.resolve("usr/etc/npmrc"));
        Files.writeString(dir.resolve("user.npmrc"), "registry=" + registry.url() + "\nglobalconfig=\n");

        assertThat(verify(Map.of("PATH", node.getParent().toString()))).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aGlobalNpmrcInTheProjectCountsAsTheProjects() throws Exception {
        // npm scripts put <project>/node_modules/.bin on PATH: a package can ship a "node" there
        Path project = dir.resolve("project");
        Path node = nodeIn(project.resolve("node_modules"));
        io.github.npmprovenance.registry.NpmrcReader reader = new io.github.npmprovenance.registry.NpmrcReader(
                Map.of("PATH", node.getParent().toString())::get);
        var none = new io.github.npmprovenance.registry.NpmrcReader.FileSettings(Map.of());

        assertThat(reader.globalNpmrc(none, dir.resolve("home"), project)).hasValueSatisfying(global -> {
            assertThat(global.path()).isEqualTo(project.resolve("node_modules/etc/npmrc"));
            assertThat(global.namedByProject()).isTrue();
        });
    }
}
