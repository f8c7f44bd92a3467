package io.jenkins.plugins.npmprovenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's report pages, as Stapler finds them by their URL names. */
class NpmProvenanceActionTest {
    private static String reportJson(String lockfilePath) throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Report report = Report.of(lockfilePath, registry.url().toString(),
                    Verification.verify(new TestLockfile().add("sigstore", "1.0.0"), registry), FailOn.parse("invalid"));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new JsonReportWriter().write(report, json);
            return json.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachReportOfABuildHasItsOwnPageAndTheBuildPageLinksToIt() throws Exception {
        // a build verifying two lockfiles gets two actions; Stapler serves the first one with a URL name, so a
        // second at the same name (and the console's "full report" link to it) showed the first lockfile's report
        NpmProvenanceAction first = new NpmProvenanceAction(reportJson("package-lock.json"), 1);
        NpmProvenanceAction second = new NpmProvenanceAction(reportJson("web/package-lock.json"), 2);

        assertThat(first.getUrlName()).isEqualTo("npm-provenance");
        assertThat(second.getUrlName()).isEqualTo("npm-provenance-2");
        assertThat(second.getDisplayName()).isEqualTo("npm provenance (web/package-lock.json)");
        String summary = Files.readString(Path.of(
                "../src/main/resources/io/jenkins/plugins/npmprovenance/NpmProvenanceAction/summary.jelly"));
        assertThat(summary).contains("href=\"${it.urlName}/\"").doesNotContain("href=\"npm-provenance/\"");
    }

    @Test
    void aReportStoredBeforeReportsWereNumberedKeepsItsUrl() throws Exception {
        // build.xml of an older build has no number: XStream leaves it 0
        assertThat(new NpmProvenanceAction(reportJson("package-lock.json"), 0).getUrlName())
                .isEqualTo("npm-provenance");
    }

    @Test
    void theBuildPageNamesTheReportOnceBeforeItsVerdict() throws Exception {
        // summary.jelly writes the report's name, then the verdict, which began with the console's own
        // "npm provenance: ": every build page read "npm provenance: npm provenance: all 1 package passed (...)"
        NpmProvenanceAction action = new NpmProvenanceAction(reportJson("package-lock.json"), 1);

        assertThat(action.getVerdict()).startsWith("all 1 package passed").doesNotContain("npm provenance");
        assertThat(Files.readString(Path.of(
                "../src/main/resources/io/jenkins/plugins/npmprovenance/NpmProvenanceAction/summary.jelly")))
                .contains("${it.displayName}</a>: ${it.verdict}");
    }
}
