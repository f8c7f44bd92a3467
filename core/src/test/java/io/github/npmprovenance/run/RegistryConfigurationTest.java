package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.testing.TestLockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run turns its options and npm configuration into registries, and what it says when it cannot. */
class RegistryConfigurationTest {
    private static final String SECRET = "ghs_SECRETvalue0123456789";

    @TempDir
    Path dir;

    private RunOptions options(Map<String, String> environment) {
        Path project = dir.resolve("project");
        new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
        return RunOptions.of(project).withEnvironment(environment::get)
                .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc")));
    }

    @Test
    void aBadRegistryInTheProjectNpmrcIsNamedWithoutTheSecretItExpandedTo() throws Exception {
        RunOptions options = options(Map.of("SOME_SECRET", SECRET));
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "registry=${SOME_SECRET}^\n");

        assertThatThrownBy(() -> VerificationRun.execute(options))
                .isInstanceOf(RunException.class)
                .hasMessage("bad registry configuration: " + npmrc.toAbsolutePath()
                        + ":1: registry: not a valid URL (Illegal character in path)")
                .hasMessageNotContaining(SECRET);
    }
}
