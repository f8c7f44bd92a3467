package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.io.ByteArrayOutputStream;
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
        assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("changedSince");
        Report changed = report.withChangedSince("origin/main", 40);
        json.reset();
        new JsonReportWriter().write(changed, json);
        assertThat(JsonReportWriter.read(json.toByteArray())).isEqualTo(changed);
        assertThat(changed.changedSince()).contains(new ChangedSince("origin/main", 40));
    }
}
