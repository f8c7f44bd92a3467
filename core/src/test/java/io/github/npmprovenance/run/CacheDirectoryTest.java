package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.StoreNames;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache directory as CI leaves it: a cache that cannot be used costs time and a warning, never a verdict. */
class CacheDirectoryTest {
    private final FixtureRegistry registry = FixtureRegistry.start();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        registry.close();
    }

    private RunOutcome run(Optional<Path> cacheDir) throws Exception {
        Path project = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0")
                .writeTo(dir.resolve("project")).getParent();
        return VerificationRun.execute(RunOptions.of(project).withRegistry(Optional.of(registry.url().toString()))
                .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc")))
                .withStorage(cacheDir, Optional.empty(), Optional.empty()));
    }

    /** Java names only the path for some failures: the warning must still say what is wrong with it. */
    @Test
    void aCacheThatCannotBeWrittenIsAWarningThatSaysWhy() throws Exception {
        Path cacheDir = dir.resolve("cache");
        // what a restored or hand-made cache can hold: a file where the registry's directory belongs
        Path inTheWay = cacheDir.resolve("registry")
                .resolve(StoreNames.registryDirectory(new Registry(registry.url(), Optional.empty())));
        Files.createDirectories(inTheWay.getParent());
        Files.writeString(inTheWay, "not a directory");

        RunOutcome cached = run(Optional.of(cacheDir));

        assertThat(cached.report().packages()).extracting(PackageReport::status)
                .containsExactlyElementsOf(run(Optional.empty()).report().packages().stream()
                        .map(PackageReport::status).toList());
        assertThat(cached.warnings()).singleElement().asString()
                .startsWith("cannot save the verification cache: " + inTheWay)
                .endsWith(": exists and is not a directory");
    }
}
