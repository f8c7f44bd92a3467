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
    }
}
