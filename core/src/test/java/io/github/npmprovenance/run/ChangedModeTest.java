package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.RunResult;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.verify.Status;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changed mode (a base lockfile given): what a pull request brought in is verified, what it kept is not. */
class ChangedModeTest {
    private static final String EVIL = "https://evil.example/nuxt/-/nuxt-3.13.0.tgz";
    private final FixtureRegistry registry = FixtureRegistry.start();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        registry.close();
    }

    private RunOutcome verifyChangedSince(TestLockfile base, TestLockfile head) throws Exception {
        Lockfile baseLockfile = VerificationRun.readLockfile(base.writeTo(dir.resolve("base")));
        Path project = head.writeTo(dir.resolve("head")).getParent();
        RunOptions options = RunOptions.of(project).withRegistry(Optional.of(registry.url().toString()))
                .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc")))
                .withBase(Optional.of(baseLockfile));
        return VerificationRun.execute(options);
    }

    private static int lineOf(TestLockfile lockfile, String text) {
        return lockfile.json().substring(0, lockfile.json().indexOf(text)).split("\n", -1).length;
    }

    /** nuxt@3.13.0 from the registry, without an integrity, as old npm versions and some mirrors write it. */
    private static TestLockfile unpinnedNuxt() {
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
        lockfile.entry("nuxt").remove("integrity");
        return lockfile;
    }

    @Test
    void keptPackagesAreNotVerifiedAgain() throws Exception {
        TestLockfile head = unpinnedNuxt().add("tuf-js", "1.0.0");

        RunOutcome outcome = verifyChangedSince(unpinnedNuxt(), head);

        assertThat(outcome.verified()).isEqualTo(1);
        assertThat(outcome.report().packages()).extracting(PackageReport::id).containsExactly("tuf-js@1.0.0");
    }

    @Test
    void aChangedIntegrityOrResolvedOfTheSameVersionIsVerified() throws Exception {
        TestLockfile base = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
        TestLockfile tampered = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
        tampered.entry("nuxt").put("integrity", tampered.entry("nuxt").get("integrity").asText().replace("Ew3w", "Ew4w"));
        TestLockfile moved = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
        moved.entry("nuxt").put("resolved", EVIL);

        RunOutcome tamperedRun = verifyChangedSince(base, tampered);
        RunOutcome movedRun = verifyChangedSince(base, moved);

        assertThat(tamperedRun.verified()).isEqualTo(1);
        assertThat(tamperedRun.report().result()).isEqualTo(RunResult.FAILED);
        assertThat(tamperedRun.report().packages()).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(Status.INVALID));
        assertThat(movedRun.verified()).isEqualTo(1);
        assertThat(movedRun.report().packages()).extracting(PackageReport::id).containsExactly("nuxt@3.13.0");
    }

    @Test
    void anUnpinnedCopyAddedFromAnotherUrlIsVerifiedThoughTheSameVersionWasThereBefore() throws Exception {
        // a second nuxt@3.13.0, downloaded from elsewhere and, without an integrity, installed unchecked
        TestLockfile head = unpinnedNuxt().add("tuf-js/node_modules/nuxt", "3.13.0", "");
        head.entry("tuf-js/node_modules/nuxt").remove("integrity");
        head.entry("tuf-js/node_modules/nuxt").put("name", "nuxt").put("resolved", EVIL);

        RunOutcome outcome = verifyChangedSince(unpinnedNuxt(), head);

        assertThat(outcome.verified()).isEqualTo(1);
        assertThat(outcome.report().result()).isEqualTo(RunResult.FAILED);
        assertThat(outcome.report().packages()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(Status.ERROR);
            assertThat(p.locations()).extracting(Location::line).containsExactly(lineOf(head, EVIL) - 2);
        });
    }
}
