package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
    private static PackageResult result(String name, Outcome signature, int... lines) {
        List<Location> locations = java.util.Arrays.stream(lines).mapToObj(l -> new Location("package-lock.json", l))
                .toList();
        LockedPackage pkg = new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, locations);
        return PackageResult.of(pkg, List.of(CheckResult.pass(CheckResult.INTEGRITY, "ok"),
                CheckResult.of(CheckResult.REGISTRY_SIGNATURE, signature, signature == Outcome.PASS ? "" : "X",
                        "signature " + signature)));
    }

    @Test
    void failuresFirstThenWarningsOnTheEntryLines() {
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                result("ok", Outcome.PASS, 5),
                result("unsigned", Outcome.ABSENT, 9),
                result("bad", Outcome.FAIL, 12, 40, 77)), FailOn.parse("invalid"));

        List<Annotation> annotations = Annotations.of(report);

        assertThat(annotations).extracting(Annotation::title).containsExactly("bad@1.0.0", "unsigned@1.0.0");
        assertThat(annotations.get(0)).isEqualTo(new Annotation("package-lock.json", 12, Annotation.Level.FAILURE,
                "bad@1.0.0", "INVALID: signature FAIL (also pinned at lines 40, 77)"));
        assertThat(annotations.get(1).level()).isEqualTo(Annotation.Level.WARNING);
        assertThat(annotations.get(1).line()).isEqualTo(9);
    }

    @Test
    void aPackagePassedByAnAllowExceptionIsANoticeSayingWhy() throws Exception {
        // an exception someone wrote (for an unsigned package: none passes an invalid one) stays visible on the
        // lockfile's line, with its reason, its expiry and what it let through
        io.github.npmprovenance.policy.Policy policy = new io.github.npmprovenance.policy.PolicyReader().read(
                ".npm-provenance.yml", new java.io.StringReader("""
                        allow:
                          - package: vendored@1.0.0
                            reason: vendored copy, reviewed
                            expires: 2027-01-31
                        """));
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                result("ok", Outcome.PASS, 5), result("vendored", Outcome.ABSENT, 9)), policy,
                java.time.LocalDate.of(2026, 11, 28));

        assertThat(Annotations.of(report)).containsExactly(new Annotation("package-lock.json", 9,
                Annotation.Level.NOTICE, "vendored@1.0.0", "UNSIGNED: allowed until 2027-01-31: vendored copy, reviewed "
                        + "(UNSIGNED fails the run (fail-on: invalid,error,unsigned))"));
    }

    @Test
    void aPackagePinnedAtOneMoreLineNamesThatLineInTheSingular() {
        // a version pinned twice (a nested node_modules copy) reads "also pinned at line 40", not "at lines 40"
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                result("bad", Outcome.FAIL, 12, 40)), FailOn.DEFAULT);

        assertThat(Annotations.of(report)).extracting(Annotation::message)
                .containsExactly("INVALID: signature FAIL (also pinned at line 40)");
    }

    @Test
    void anInvalidPackageThatFailOnLetsThroughIsAWarningOnItsLine() {
        // fail-on error: a package that contradicts what the registry signed passes, but must not pass unmarked
        // while a merely unsigned one is marked
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                result("ok", Outcome.PASS, 5),
                result("tampered", Outcome.FAIL, 9),
                result("unsigned", Outcome.ABSENT, 14)), FailOn.parse("error"));

        List<Annotation> annotations = Annotations.of(report);

        assertThat(annotations).extracting(Annotation::title).containsExactly("tampered@1.0.0", "unsigned@1.0.0");
        assertThat(annotations.get(0)).isEqualTo(new Annotation("package-lock.json", 9, Annotation.Level.WARNING,
                "tampered@1.0.0", "INVALID: signature FAIL"));
    }

    @Test
    void titlesAndMessagesArePlainAsEveryLogLineIs() {
        // a version the lockfile pins is not checked before it is reported (ERROR: not an exact semantic version):
        // on the check run's annotation a right-to-left override showed this one as "evil@0.0.1"
        LockedPackage pkg = new LockedPackage("evil", "\u202e1.0.0\u001b[2K", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, List.of(new Location("package-lock.json", 3)));
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(PackageResult.of(pkg,
                List.of(CheckResult.of(CheckResult.SOURCE, Outcome.ERROR, "INVALID_VERSION",
                        "bad version \u202e1.0.0\u001b[2K")))), FailOn.DEFAULT);

        Annotation annotation = Annotations.of(report).get(0);

        assertThat(annotation.title()).isEqualTo("evil@?1.0.0?[2K");
        assertThat(annotation.message()).isEqualTo("ERROR: bad version ?1.0.0?[2K");
    }
}
