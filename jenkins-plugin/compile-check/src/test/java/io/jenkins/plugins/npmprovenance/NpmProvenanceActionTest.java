package io.jenkins.plugins.npmprovenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.XStream;
import hudson.model.Job;
import hudson.model.Run;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.jenkins.plugins.npmprovenance.model.ReportPage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's report pages, as Stapler finds them by their URL names, and what build.xml keeps of them. */
class NpmProvenanceActionTest {
    private static final String ACTION = NpmProvenanceAction.class.getName();
    /** Jenkins writes build.xml with XStream (its XStream2), field by field, transient fields left out. */
    private static final XStream BUILD_XML = new XStream();

    static {
        BUILD_XML.allowTypes(new Class<?>[] {NpmProvenanceAction.class});
    }

    @TempDir
    Path buildDirectory;

    /** A build whose directory is a temporary one, as Jenkins' is jobs/NAME/builds/N. */
    private static final class TestJob extends Job<TestJob, TestRun> {
    }

    private static final class TestRun extends Run<TestJob, TestRun> {
        private final Path rootDir;

        TestRun(Path rootDir) {
            this.rootDir = rootDir;
        }

        @Override
        public File getRootDir() {
            return rootDir.toFile();
        }
    }

    private NpmProvenanceAction kept(String lockfilePath, int number) throws Exception {
        return NpmProvenanceAction.keep(new TestRun(buildDirectory), reportJson(lockfilePath), number);
    }
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
        NpmProvenanceAction first = kept("package-lock.json", 1);
        NpmProvenanceAction second = kept("web/package-lock.json", 2);

        assertThat(first.getUrlName()).isEqualTo("npm-provenance");
        assertThat(second.getUrlName()).isEqualTo("npm-provenance-2");
        assertThat(second.getDisplayName()).isEqualTo("npm provenance (web/package-lock.json)");
        String summary = Files.readString(Path.of(
                "../src/main/resources/io/jenkins/plugins/npmprovenance/NpmProvenanceAction/summary.jelly"));
        assertThat(summary).contains("href=\"${it.urlName}/\"").doesNotContain("href=\"npm-provenance/\"");
    }

    @Test
    void aReportStoredBeforeReportsWereNumberedKeepsItsUrl() throws Exception {
        // build.xml of an older build has no number (nor a report file): XStream leaves it 0
        NpmProvenanceAction old = (NpmProvenanceAction) BUILD_XML.fromXML("<" + ACTION + "><reportJson>"
                + xmlText(reportJson("package-lock.json")) + "</reportJson></" + ACTION + ">");
        old.onLoad(new TestRun(buildDirectory));

        assertThat(old.getUrlName()).isEqualTo("npm-provenance");
        assertThat(old.getDisplayName()).isEqualTo("npm provenance");
        assertThat(old.getVerdict()).startsWith("all 1 package passed");
        assertThat(old.getCounts()).isEqualTo("1 verified, 0 signed, 0 unsigned, 0 invalid, 0 not verifiable, 0 skipped");
        assertThat(old.getPage().getRows()).extracting(ReportPage.Row::getName).containsExactly("sigstore");
    }

    @Test
    void theBuildPageNamesTheReportOnceBeforeItsVerdict() throws Exception {
        // summary.jelly writes the report's name, then the verdict, which began with the console's own
        // "npm provenance: ": every build page read "npm provenance: npm provenance: all 1 package passed (...)"
        NpmProvenanceAction action = kept("package-lock.json", 1);

        assertThat(action.getVerdict()).startsWith("all 1 package passed").doesNotContain("npm provenance");
        assertThat(Files.readString(Path.of(
                "../src/main/resources/io/jenkins/plugins/npmprovenance/NpmProvenanceAction/summary.jelly")))
                .contains("${it.displayName}</a>: ${it.verdict}");
    }

    @Test
    void buildXmlKeepsWhatTheBuildPageShowsAndTheReportItsOwnFile() throws Exception {
        // Jenkins reads build.xml for every build it lists: the whole report's JSON in it (about 2 KB a package)
        // made it megabytes for a large lockfile, read again for each build page shown
        NpmProvenanceAction action = kept("package-lock.json", 1);

        String buildXml = BUILD_XML.toXML(action);

        assertThat(buildDirectory.resolve("npm-provenance-1.json")).content().contains("\"sigstore\"");
        assertThat(buildXml).doesNotContain("sigstore").doesNotContain("registry-signature").hasSizeLessThan(1_000);
        NpmProvenanceAction loaded = (NpmProvenanceAction) BUILD_XML.fromXML(buildXml);
        loaded.onLoad(new TestRun(buildDirectory));
        assertThat(loaded.getVerdict()).startsWith("all 1 package passed");
        assertThat(loaded.getCounts()).startsWith("1 verified, 0 signed");
        assertThat(loaded.getPage().getRows()).extracting(ReportPage.Row::getName).containsExactly("sigstore");
    }

    @Test
    void aReportFileGoneFromTheBuildDirectoryIsNamedWhenItsPageIsShown() throws Exception {
        NpmProvenanceAction action = kept("package-lock.json", 1);
        Files.delete(buildDirectory.resolve("npm-provenance-1.json"));
        NpmProvenanceAction loaded = (NpmProvenanceAction) BUILD_XML.fromXML(BUILD_XML.toXML(action));
        loaded.onLoad(new TestRun(buildDirectory));

        // the build page still shows its summary
        assertThat(loaded.getVerdict()).startsWith("all 1 package passed");
        assertThatThrownBy(loaded::getPage).hasMessageContaining("npm-provenance-1.json");
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
