package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version 2 lockfile holds each package twice: in "packages", which npm 7 and later install from, and in the
 * "dependencies" copy, which npm 6 installs from. An edit to that copy alone changed nothing the verifier read, and
 * passed, while npm 6 installed what it named.
 */
class LegacyDependenciesSectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The line of the "dependencies" copy's entry in v2-both-sections.json (that of "packages" is 14). */
    private static final int LEGACY_LINE = 21;

    @TempDir
    Path dir;

    private FixtureRegistry registry;

    @BeforeEach
    void start() {
        registry = FixtureRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private ObjectNode lockfile() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/lockfiles/v2-both-sections.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private ObjectNode legacyNuxt(ObjectNode lockfile) {
        return (ObjectNode) lockfile.path("dependencies").path("nuxt");
    }

    private List<PackageReport> verify(ObjectNode lockfile) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        // the layout of the fixture, so that its lines stay where they are
        Files.writeString(project.resolve("package-lock.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(lockfile).replace(" : ", ": "));
        return VerificationRun.execute(RunOptions.of(project).withRegistry(Optional.of(registry.url().toString()))
                .withNetwork(2, Verification.FAST)).report().packages();
    }

    private static void assertReportedAtTheCopysLine(List<PackageReport> packages, Status status, String because) {
        assertThat(packages).filteredOn(p -> p.locations().get(0).line() == LEGACY_LINE).singleElement()
                .satisfies(copy -> {
                    assertThat(copy.status()).isEqualTo(status);
                    assertThat(copy.explanation()).contains(because);
                });
    }

    @Test
    void sectionsThatAgreeAreOnePackageAtTheLineOfPackages() throws Exception {
        assertThat(verify(lockfile())).singleElement().satisfies(nuxt -> {
            assertThat(nuxt.status()).isEqualTo(Status.VERIFIED);
            assertThat(nuxt.locations()).extracting(Location::line).containsExactly(14);
        });
    }

    @Test
    void anIntegrityChangedInTheDependenciesCopyOnlyIsInvalidAtItsLine() throws Exception {
        ObjectNode lockfile = lockfile();
        String integrity = legacyNuxt(lockfile).path("integrity").asText();
        legacyNuxt(lockfile).put("integrity", integrity.replace("g5mw", "g6mw"));

        List<PackageReport> packages = verify(lockfile);

        assertThat(packages).hasSize(2);
        assertThat(packages).filteredOn(p -> p.locations().get(0).line() == 14).singleElement()
                .extracting(PackageReport::status).isEqualTo(Status.VERIFIED);
        assertReportedAtTheCopysLine(packages, Status.INVALID, "lockfile integrity differs from the registry's");
    }

    @Test
    void anotherVersionInTheDependenciesCopyIsVerifiedAsNpm6WouldInstallIt() throws Exception {
        ObjectNode lockfile = lockfile();
        legacyNuxt(lockfile).put("version", "3.13.0");
        legacyNuxt(lockfile).put("resolved", "https://registry.npmjs.org/nuxt/-/nuxt-3.13.0.tgz");
        legacyNuxt(lockfile).put("integrity", "sha512-NZlPGlMav18KXWiOmTguQtH5lcrwooPniWXM3Ca4c9spsMRu3wyWLlN8wiI/"
                + "cK+lEu3rQyKCGSA75nFVK4Ew3w==");

        List<PackageReport> packages = verify(lockfile);

        assertThat(packages).extracting(p -> p.name() + "@" + p.version() + " " + p.status())
                .containsExactlyInAnyOrder("nuxt@4.1.2 VERIFIED", "nuxt@3.13.0 VERIFIED");
    }

    @Test
    void aGitSourceInTheDependenciesCopyInPlaceOfARegistryPackageIsReportedAtItsLine() throws Exception {
        // npm 6 would install the repository's code, which nothing verifies
        ObjectNode lockfile = lockfile();
        legacyNuxt(lockfile).put("version", "git+https://github.com/nuxt/nuxt.git#" + "0".repeat(40));
        legacyNuxt(lockfile).remove(List.of("resolved", "integrity"));

        List<PackageReport> packages = verify(lockfile);

        assertReportedAtTheCopysLine(packages, Status.SKIPPED, "git");
    }

    @Test
    void aTarballUrlInTheDependenciesCopyOtherThanTheResolvedOfPackagesIsReportedAtItsLine() throws Exception {
        // npm writes a URL dependency into the copy as its "version"; only the URL "packages" resolves to agrees
        ObjectNode lockfile = lockfile();
        legacyNuxt(lockfile).put("version", "https://registry.npmjs.org/nuxt/-/nuxt-3.13.0.tgz");
        legacyNuxt(lockfile).remove("resolved");

        List<PackageReport> packages = verify(lockfile);

        assertThat(packages).filteredOn(p -> p.locations().get(0).line() == LEGACY_LINE).singleElement()
                .extracting(PackageReport::status).isNotEqualTo(Status.VERIFIED);
    }
}
