package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package whose entry says its tarball holds an npm-shrinkwrap.json: npm installs what is below it from that file
 * when the tarball has one, and from the lockfile when it has none (both reproduced with npm ci).
 */
class OwnShrinkwrapTest {
    @TempDir
    Path dir;

    @Test
    void thePackageThatDecidesWhatIsBelowItFromItsOwnShrinkwrapIsNotVerifiedAndWhatIsBelowItStillIs()
            throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode lockfile = (ObjectNode) mapper.readTree(new TestLockfile().add("sigstore", "1.0.0")
                    .add("tuf-js", "1.0.0").json());
            ObjectNode packages = (ObjectNode) lockfile.get("packages");
            ((ObjectNode) packages.get("node_modules/sigstore")).put("hasShrinkwrap", true);
            // tuf-js moved below sigstore, as npm writes what a shrinkwrap pins
            packages.set("node_modules/sigstore/node_modules/tuf-js", packages.remove("node_modules/tuf-js"));
            Path project = Files.createDirectories(dir.resolve("project"));
            Files.writeString(project.resolve("package-lock.json"), mapper.writeValueAsString(lockfile));

            Report report = VerificationRun.execute(RunOptions.of(project)
                    .withRegistry(Optional.of(registry.url().toString()))
                    .withUserNpmrc(Optional.of(dir.resolve("none"))).withNetwork(2, Verification.FAST)).report();

            PackageReport host = report.packages().stream().filter(p -> p.name().equals("sigstore")).findFirst()
                    .orElseThrow();
            assertThat(host.status()).isEqualTo(Status.ERROR);
            assertThat(host.code()).isEqualTo("OWN_SHRINKWRAP_UNREAD");
            assertThat(host.reason()).contains("npm-shrinkwrap.json (hasShrinkwrap)");
            assertThat(host.passed()).isFalse();
            // the entry below it is what npm installs when the tarball holds no shrinkwrap: verified as any other
            assertThat(report.packages().stream().filter(p -> p.name().equals("tuf-js")).findFirst().orElseThrow()
                    .status()).isEqualTo(Status.VERIFIED);
        }
    }
}
