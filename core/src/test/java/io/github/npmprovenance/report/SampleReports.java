package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.PolicyException;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reports for checking every report format against what reads it: real packages, and hostile text. */
final class SampleReports {
    private SampleReports() {
    }

    /**
     * Real registry data, verified: VERIFIED, SIGNED, INVALID (a tampered integrity) and ERROR (a package the
     * registry does not have) packages, under a policy that fails some by its rules and names an expired exception.
     */
    static Report realPackagesFailingEveryWay() throws PolicyException {
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("nuxt", "3.13.0").add("sigstore", "1.0.0")
                    .add("tuf-js", "1.0.0").addAlias("nuxt2", "nuxt", "2.17.3")
                    .add("no-such-package", "1.0.0", "sha512-" + "A".repeat(86) + "==");
            String integrity = lockfile.entry("nuxt").get("integrity").asText();
            lockfile.addAlias("tampered", "nuxt", "3.13.0").entry("tampered")
                    .put("integrity", integrity.replace("Ew3w", "Ew4w"));
            results = Verification.verify(lockfile, registry);
        }
        var policy = new PolicyReader().read(".npm-provenance.yml", new StringReader("""
                require-provenance: [nuxt]
                trusted-sources:
                  - package: sigstore
                    repositories: [https://github.com/someone-else/*]
                allow:
                  - package: tuf-js
                    reason: "[x](https://evil.example) {0}"
                    expires: 2020-01-01
                """));
        return Report.of("web/package-lock.json", "https://registry.npmjs.org/", results, policy,
                LocalDate.of(2026, 11, 27));
    }

    /** Names and messages from a lockfile and a registry, at paths under and outside {@code root}, one at many. */
    static Report hostile(Path root, int manyLocations) {
        String[] names = {"evil|`x`<img src=x onerror=alert(1)>[click](https://evil.example)\n# \u001b[31mred\u0007",
            "{0} {{1}} [a]{b} \\[c\\] ##[error]x", "caf\u00e9-\u202e\u2066\u0085\u2028\ud83d\udce6",
            "@scope/" + "x".repeat(200)};
        List<Location> many = new ArrayList<>();
        for (int line = 1; line <= manyLocations; line++) {
            many.add(new Location("package-lock.json", line));
        }
        List<PackageResult> results = new ArrayList<>();
        results.add(failing(names[0], List.of(new Location(root.resolve("my app/100%/#1/package-lock.json").toString(),
                12))));
        results.add(failing(names[1], List.of(new Location("/opt/other dir/package-lock.json", 3))));
        results.add(failing(names[2], List.of(new Location("C:\\work\\package-lock.json", 4),
                new Location("sub/../package-lock.json", 5))));
        results.add(failing(names[3], many));
        results.add(PackageResult.of(registryPackage("unsigned-one", List.of(new Location("package-lock.json", 9))),
                List.of(CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED", "no signature"))));
        results.add(PackageResult.of(registryPackage("broken-one", List.of(new Location("package-lock.json", 10))),
                List.of(CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_HTTP_ERROR",
                        "HTTP 500 from https://registry.npmjs.org/broken-one \u001b]8;;x\u0007"))));
        return Report.of("package-lock.json", "https://registry.npmjs.org/", results, FailOn.DEFAULT);
    }

    private static PackageResult failing(String name, List<Location> locations) {
        return PackageResult.of(registryPackage(name, locations), List.of(CheckResult.of(
                CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID", "signature of " + name + " fails")));
    }

    private static LockedPackage registryPackage(String name, List<Location> locations) {
        return new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")), Optional.empty(),
                SourceKind.REGISTRY, false, false, false, locations);
    }
}
