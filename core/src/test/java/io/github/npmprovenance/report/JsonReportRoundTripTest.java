package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Front ends that store the report (the Jenkins build action) read back exactly what was written. */
class JsonReportRoundTripTest {
    @Test
    void aReportWithProvenanceAndFailuresSurvivesTheRoundTrip() throws Exception {
        Report report;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("sigstore", "1.0.0")
                    .add("nuxt", "3.13.0");
            lockfile.entry("nuxt").put("integrity", lockfile.entry("nuxt").get("integrity").asText()
                    .replace("Ew3w", "Ew4w"));
            report = Report.of("package-lock.json", registry.url().toString(),
                    Verification.verify(lockfile, registry), FailOn.DEFAULT);
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReportWriter().write(report, json);

        Report read = JsonReportWriter.read(json.toByteArray());

        assertThat(read).isEqualTo(report);
        assertThat(read.packages().get(0).provenance()).isPresent();
        // a full run's report has no changedSince at all; a changed-only run's says what it was compared with
        assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain("changedSince");
        Report changed = report.withChangedSince("origin/main", 40);
        json.reset();
        new JsonReportWriter().write(changed, json);
        assertThat(JsonReportWriter.read(json.toByteArray())).isEqualTo(changed);
        assertThat(changed.changedSince()).contains(new ChangedSince("origin/main", 40));
    }

    @Test
    void theWholeReportReachesABufferedStreamWithoutClosingItAndEndsItsLine() throws Exception {
        // --json prints on stdout, which the CLI does not close: the report must be there, whole, once written, and
        // end its line (no shell prompt glued to the closing brace); the same for a stream such as a file's
        Report report = remoteTarball("left-pad", "package-lock.json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.Writer writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8));

        new JsonReportWriter().write(report, writer);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("}\n");
        assertThat(JsonReportWriter.read(bytes.toByteArray())).isEqualTo(report);

        bytes.reset();
        new JsonReportWriter().write(report, new java.io.BufferedOutputStream(bytes, 1 << 20));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("}\n");
        assertThat(JsonReportWriter.read(bytes.toByteArray())).isEqualTo(report);
    }

    /** A remote tarball entry, whose name is its lockfile key, which no registry checks. */
    private static Report remoteTarball(String name, String path) {
        LockedPackage pkg = new LockedPackage(name, "1.0.0", Optional.empty(),
                Optional.of("https://evil.example/x.tgz"), SourceKind.REMOTE_TARBALL, false, false, false,
                List.of(new Location(path, 3)));
        return Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(PackageResult.of(pkg,
                List.of(CheckResult.of(CheckResult.SOURCE, Outcome.SKIPPED, "", "remote tarball")))), FailOn.DEFAULT);
    }

    private static String written(Report report) throws Exception {
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(report, json);
        assertThat(JsonReportWriter.read(json.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(report);
        return json.toString();
    }

    @Test
    void aCommandOfGitHubsRunnerInAStringIsEscapedAndReadsBackTheSame() throws Exception {
        // --json prints the report on stdout, in CI into the job's log, whose runner acts on ##[ anywhere in a line:
        // a lockfile key named ##[set-output name=result;]passed set the step's output
        String json = written(remoteTarball("##[set-output name=result;]passed", "#\u00ad#vso[task.complete]"));

        assertThat(json).doesNotContain("##[", "vso[").contains("##\\u005Bset-output");
    }

    @Test
    void whatTheTextOutputShowsAsAQuestionMarkIsEscapedAndReadsBackTheSame() throws Exception {
        // the JSON escapes C0 controls itself, not the 8-bit CSI of terminals (U+009B), line separators,
        // bidirectional overrides or DEL, which --json printed as they were, at a terminal or into a CI log
        String json = written(remoteTarball("evil\u009b2J\u202e\u2028x\u00ad\u200d\u007f",
                "web/\u0645\u200c/package-lock.json"));

        // the zero-width joiner and non-joiner are part of writing, as in the text output
        assertThat(json).contains("\"evil\\u009B2J\\u202E\\u2028x\\u00AD\u200d\\u007F\"",
                "web/\u0645\u200c/package-lock.json");
    }
}
