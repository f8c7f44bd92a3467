package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.CachingRegistrySource;
import io.github.npmprovenance.registry.LocalStore;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.report.SarifMultitool;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.ProgressListener;
import io.github.npmprovenance.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the bundled example verified offline. Its snapshot must be exactly what the
 * recorded fixtures give, so the demo cannot drift from real data. Regenerate it with
 * {@code ./mvnw -pl cli test -Dtest=DemoTest -Ddemo.regenerate=true}.
 */
class DemoTest {
    private static final Path DEMO = Path.of("..", "examples", "demo");
    private static final Path SNAPSHOT = DEMO.resolve("snapshot");

    @Test
    void committedSnapshotIsWhatTheRecordedRegistryDataGives(@TempDir Path fresh) throws Exception {
        Path target = Boolean.getBoolean("demo.regenerate") ? SNAPSHOT : fresh;
        if (target == SNAPSHOT) {
            deleteTree(SNAPSHOT);
        }
        try (FixtureRegistry recorded = FixtureRegistry.start()) {
            Registry fixture = new Registry(recorded.url(), Optional.empty());
            // the demo pins public-registry packages: record the fixtures under the public registry's identity
            RegistrySource asPublic = new ForwardingRegistrySource(Verification.http(), Optional.of(fixture));
            new Verifier(RegistryConfig.of(new Registry(Registry.PUBLIC_NPM, Optional.empty())),
                    CachingRegistrySource.recording(LocalStore.create(target), asPublic), Verification.settings(),
                    ProgressListener.NONE).verify(new LockfileReader().read(DEMO));
        }
        assertThat(tree(SNAPSHOT)).isEqualTo(tree(target)).isNotEmpty();
    }

    @Test
    void demoShowsRealSignaturesAndNamesTheTamperedEntry() {
        CliRun run = CliRun.of("verify", DEMO.toString(), "--offline", SNAPSHOT.toString(),
                "--registry", "https://registry.npmjs.org/", "--verbose");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAILED: 8 packages")
                .contains("4 verified, 1 signed, 0 unsigned, 1 invalid, 0 error, 2 skipped")
                .contains("VERIFIED nuxt@3.13.0  " + DEMO.resolve("package-lock.json") + ":28")
                .contains("built from https://github.com/nuxt/nuxt @ 74ef96d096d0045fd00fccd880c1dbbfea51e22a")
                .contains("VERIFIED nuxt@4.1.2").contains("VERIFIED sigstore@1.0.0").contains("VERIFIED tuf-js@1.0.0")
                .contains("built from https://github.com/sigstore/sigstore-js @ ")
                .contains("SIGNED   nuxt@2.17.3")
                .contains("INVALID  nuxt@3.13.0  " + DEMO.resolve("package-lock.json") + ":43")
                .contains("lockfile integrity differs from the registry's (sha512)")
                .contains("also provenance: provenance does not verify: the attestation's subject digest differs")
                .contains("SKIPPED  vendored-helper@1.2.0").contains("SKIPPED  site@0.1.0");
    }

    @Test
    void demosSarifReportPassesCodeScanningsValidation(@TempDir Path temp) throws Exception {
        SarifMultitool multitool = SarifMultitool.fromEnvironment();
        Path sarif = temp.resolve("demo.sarif");

        CliRun run = CliRun.of("verify", DEMO.toString(), "--offline", SNAPSHOT.toString(),
                "--registry", "https://registry.npmjs.org/", "--report-sarif", sarif.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(multitool.problems(sarif, temp)).isEmpty();
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
