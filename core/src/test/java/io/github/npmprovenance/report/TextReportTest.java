package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.Policy;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text output (stdout of `verify`, the action's and Jenkins' logs) and the check run's title, as read. */
class TextReportTest {
    private static final String REGISTRY = "https://registry.npmjs.org/";

    private static PackageResult result(String name, int line, CheckResult... checks) {
        LockedPackage pkg = new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false,
                List.of(new Location("web/package-lock.json", line)));
        return PackageResult.of(pkg, List.of(checks));
    }

    private static String text(Report report, boolean verbose) {
        StringWriter out = new StringWriter();
        new TextReportWriter(verbose).write(report, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void eachSectionHasItsHeadingAndAFailingPackageListsEveryOtherCheckThatFailed() throws Exception {
        // fail-on invalid: the unsigned package passes despite its status and the one whose registry timed out
        // passes unverified; the tampered one fails, and its other failed check is named once, its passed one not;
        // a package require-provenance fails reads the policy's words
        Policy policy = new PolicyReader().read(".npm-provenance.yml", new StringReader("""
                fail-on: [invalid]
                require-provenance: [needs-provenance]
                """));
        Report report = Report.of("web/package-lock.json", REGISTRY, List.of(
                result("tampered", 9, CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH",
                        "integrity differs"), CheckResult.pass(CheckResult.REGISTRY_METADATA, "metadata read"),
                        CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID",
                                "signature does not match")),
                result("needs-provenance", 12, CheckResult.pass(CheckResult.REGISTRY_SIGNATURE, "signed")),
                result("slow", 14, CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_TIMEOUT",
                        "timed out")),
                result("unsigned", 20, CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED",
                        "no signature"))), policy, LocalDate.of(2026, 11, 28));

        assertThat(text(report, false)).isEqualTo("""
                FAILED: 4 packages in web/package-lock.json: 0 verified, 1 signed, 1 unsigned, 1 invalid, 1 error, \
                0 skipped; 2 failed (fail-on: invalid)

                Failing packages:
                  INVALID  tampered@1.0.0  web/package-lock.json:9
                           integrity differs
                           also registry-signature: signature does not match
                  SIGNED   needs-provenance@1.0.0  web/package-lock.json:12
                           verified provenance is required for needs-provenance, but this package is SIGNED

                Not verified (passed: fail-on leaves out error):
                  ERROR    slow@1.0.0  web/package-lock.json:14
                           timed out

                Passed although invalid or unsigned (fail-on leaves their status out):
                  UNSIGNED unsigned@1.0.0  web/package-lock.json:20
                           no signature
                """);
        assertThat(text(report, true)).endsWith("""
                           no signature

                All packages:
                  INVALID  tampered@1.0.0  web/package-lock.json:9
                           integrity differs
                  SIGNED   needs-provenance@1.0.0  web/package-lock.json:12
                           verified provenance is required for needs-provenance, but this package is SIGNED
                  ERROR    slow@1.0.0  web/package-lock.json:14
                           timed out
                  UNSIGNED unsigned@1.0.0  web/package-lock.json:20
                           no signature
                """);
        // the check run's title counts what failed, not every package of a status, and names what fail-on passed
        assertThat(TextReportWriter.headline(report)).isEqualTo("2 of 4 packages failed (1 invalid, 0 unsigned, 0 "
                + "not verifiable, 1 by a policy rule); fail-on let 1 error, 1 unsigned through");
    }

    @Test
    void theCheckRunsTitleSaysWhatFailedOrWhatFailOnLetThrough() {
        PackageResult signed = result("ok", 5, CheckResult.pass(CheckResult.REGISTRY_SIGNATURE, "signed"));
        PackageResult tampered = result("tampered", 9, CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL,
                "INTEGRITY_MISMATCH", "integrity differs"));
        PackageResult unsigned = result("unsigned", 20, CheckResult.of(CheckResult.REGISTRY_SIGNATURE,
                Outcome.ABSENT, "UNSIGNED", "no signature"));
        PackageResult slow = result("slow", 14, CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR,
                "REGISTRY_TIMEOUT", "timed out"));

        assertThat(TextReportWriter.headline(Report.of("package-lock.json", REGISTRY,
                List.of(signed, tampered, unsigned, slow), FailOn.DEFAULT)))
                .isEqualTo("3 of 4 packages failed (1 invalid, 1 unsigned, 1 not verifiable)");
        assertThat(TextReportWriter.headline(Report.of("package-lock.json", REGISTRY,
                List.of(signed, tampered, unsigned, slow), FailOn.parse("skipped"))))
                .isEqualTo("All 4 packages passed, but fail-on let 1 invalid, 1 error, 1 unsigned through");
        assertThat(TextReportWriter.headline(Report.of("package-lock.json", REGISTRY, List.of(signed),
                FailOn.DEFAULT))).isEqualTo("All 1 package passed (0 with verified provenance)");
    }
}
