package io.github.npmprovenance.policy;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.TextReportWriter;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Policy rules over real verification results: nuxt@3.13.0 VERIFIED from github.com/nuxt/nuxt, nuxt@2.17.3 SIGNED. */
class PolicyEvaluationTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static List<PackageResult> results;

    @BeforeAll
    static void verifyRealPackages() {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("nuxt", "3.13.0").addAlias("nuxt2", "nuxt", "2.17.3")
                    .add("sigstore", "2.3.1");
            String integrity = lockfile.entry("nuxt").get("integrity").asText();
            lockfile.addAlias("tampered", "nuxt", "3.13.0").entry("tampered")
                    .put("integrity", integrity.replace("Ew3w", "Ew4w"));
            // nuxt@4.1.2 with one byte of its registry signature flipped: INVALID, its provenance still verified
            ObjectNode signature = (ObjectNode) registry.version("nuxt", "4.1.2").path("dist").path("signatures").get(0);
            byte[] der = Base64.getDecoder().decode(signature.get("sig").asText());
            der[der.length - 5] ^= 0x01;
            signature.put("sig", Base64.getEncoder().encodeToString(der));
            lockfile.addAlias("nuxt4", "nuxt", "4.1.2");
            results = Verification.verify(lockfile, registry);
        }
        assertThat(result("nuxt@4.1.2").status()).isEqualTo(Status.INVALID);
        assertThat(result("nuxt@4.1.2").provenance()).isPresent();
        assertThat(result("nuxt@2.17.3").status()).isEqualTo(Status.SIGNED);
        assertThat(result("sigstore@2.3.1").status()).isEqualTo(Status.UNSIGNED);
    }

    @AfterAll
    static void forget() {
        results = null;
    }

    private static PackageResult result(String id) {
        return Verification.result(results, id);
    }

    private static PackageResult tampered() {
        return results.stream().filter(r -> r.pkg().id().equals("nuxt@3.13.0") && r.status() == Status.INVALID)
                .findFirst().orElseThrow();
    }

    private static PackageResult verifiedNuxt() {
        return results.stream().filter(r -> r.pkg().id().equals("nuxt@3.13.0") && r.status() == Status.VERIFIED)
                .findFirst().orElseThrow();
    }

    private static Policy policy(String yaml) throws PolicyException {
        return new PolicyReader().read("policy.yml", new StringReader(yaml));
    }

    @Test
    void aWorkspaceOfTheProjectIsNotHeldToProvenanceRulesForItsScope() throws Exception {
        // a monorepo's own @myorg/ui is linked from its folder, not published: there is no provenance to require
        List<PackageResult> monorepo;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            monorepo = Verification.verify(new TestLockfile().addWorkspace("packages/ui", "@myorg/ui", "1.0.0")
                    .addAlias("@myorg/nuxt", "nuxt", "2.17.3"), registry);
        }
        Policy policy = policy("""
                require-provenance: ["@myorg/*"]
                trusted-sources:
                  - package: "@myorg/*"
                    repositories: [https://github.com/myorg/*]
                """);

        PolicyDecision workspace = policy.evaluate(Verification.result(monorepo, "@myorg/ui@1.0.0"), TODAY);
        PolicyDecision published = policy.evaluate(Verification.result(monorepo, "nuxt@2.17.3"), TODAY);

        assertThat(Verification.result(monorepo, "@myorg/ui@1.0.0").status()).isEqualTo(Status.SKIPPED);
        assertThat(workspace.passed()).isTrue();
        // what the registry serves under the scope still is, an alias included
        assertThat(published.passed()).isFalse();
        assertThat(published.rule()).isEqualTo(PolicyRule.REQUIRE_PROVENANCE);
        // and a linked package still fails a fail-on that names SKIPPED
        assertThat(policy("fail-on: [invalid, error, unsigned, skipped]\nrequire-provenance: [\"@myorg/*\"]")
                .evaluate(Verification.result(monorepo, "@myorg/ui@1.0.0"), TODAY).passed()).isFalse();
    }

    @Test
    void aLinkToAFetchedPackageIsStillHeldToTheRulesForTheNameItIsImportedBy() throws Exception {
        // @myorg/ui linked to node_modules/nuxt: the code imports @myorg/ui and runs what the registry served as
        // nuxt, which no rule for @myorg/* would see if the link were taken for a folder of the project
        List<PackageResult> linked;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            linked = Verification.verify(new TestLockfile().add("nuxt", "2.17.3")
                    .addLink("@myorg/ui", "node_modules/nuxt"), registry);
        }
        PackageResult link = linked.stream().filter(r -> r.pkg().name().equals("@myorg/ui")).findFirst()
                .orElseThrow();

        PolicyDecision decision = policy("require-provenance: [\"@myorg/*\"]").evaluate(link, TODAY);

        assertThat(link.status()).isEqualTo(Status.SKIPPED);
        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.REQUIRE_PROVENANCE);
    }

    @Test
    void aLinkToAFetchedPackageIsHeldToTheRulesHoweverTheFolderIsWritten() throws Exception {
        // on macOS and Windows, Node_Modules/nuxt and NODE_MODULES\nuxt are the node_modules folder npm fetched into
        List<PackageResult> linked;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            linked = Verification.verify(new TestLockfile().add("nuxt", "2.17.3")
                    .addLink("@myorg/ui", "Node_Modules/nuxt").addLink("@myorg/lib", "file:NODE_MODULES\\nuxt")
                    // and Windows takes trailing dots and spaces off a path's names: node_modules. is node_modules
                    .addLink("@myorg/dot", "node_modules./nuxt").addLink("@myorg/space", "node_modules .\\nuxt"),
                    registry);
        }
        Policy policy = policy("require-provenance: [\"@myorg/*\"]");

        for (String name : List.of("@myorg/ui", "@myorg/lib", "@myorg/dot", "@myorg/space")) {
            PackageResult link = linked.stream().filter(r -> r.pkg().name().equals(name)).findFirst().orElseThrow();
            assertThat(policy.evaluate(link, TODAY).passed()).as(name).isFalse();
        }
    }

    @Test
    void aPatternsStarMatchesLineBreaksToo() throws Exception {
        // the lockfile reader takes a folder name holding a line break (or U+2028) as it is, and so does npm's
        // (npm ls --package-lock-only lists it); "*" matched no such name, so require-provenance: ["*"] passed it
        List<PackageResult> odd;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().addLink("@myorg/evil\u2028", "x");
            lockfile.entry("@myorg/evil\u2028").removeAll().put("version", "1.0.0")
                    .put("resolved", "git+ssh://git@github.com/evil/evil.git#0123456789abcdef0123456789abcdef01234567");
            odd = Verification.verify(lockfile, registry);
        }
        PackageResult evil = odd.stream().filter(r -> r.pkg().name().startsWith("@myorg/evil")).findFirst()
                .orElseThrow();

        assertThat(evil.status()).isEqualTo(Status.SKIPPED);
        assertThat(policy("require-provenance: [\"*\"]").evaluate(evil, TODAY).passed()).isFalse();
        assertThat(policy("require-provenance: [\"@myorg/*\"]").evaluate(evil, TODAY).passed()).isFalse();
        assertThat(PackagePattern.of("@myorg/*").matches("@myorg/a\nb\r\u0085\u2029")).isTrue();
    }

    @Test
    void requiredProvenanceFailsAPackageThatIsOnlySigned() throws Exception {
        Policy policy = policy("require-provenance: [nuxt]");

        PolicyDecision signed = policy.evaluate(result("nuxt@2.17.3"), TODAY);
        PolicyDecision verified = policy.evaluate(verifiedNuxt(), TODAY);

        assertThat(signed.passed()).isFalse();
        assertThat(signed.rule()).isEqualTo(PolicyRule.REQUIRE_PROVENANCE);
        assertThat(signed.message()).isEqualTo("verified provenance is required for nuxt, but this package is SIGNED");
        assertThat(verified.passed()).isTrue();
        // the JSON report's policy names the rule that decided, for a pass too
        assertThat(verified.rule()).isEqualTo(PolicyRule.REQUIRE_PROVENANCE);
        assertThat(Policy.defaults(FailOn.DEFAULT).evaluate(result("nuxt@2.17.3"), TODAY).passed()).isTrue();
    }

    @Test
    void aRequirementWrittenInAnotherCaseHoldsThePackageButAnExceptionDoesNotWaiveIt() throws Exception {
        // npm names are lower case (but for some old ones): "Nuxt" meant nuxt, and must not silently hold nothing
        assertThat(policy("require-provenance: [Nuxt]").evaluate(result("nuxt@2.17.3"), TODAY).passed()).isFalse();
        assertThat(policy("trusted-sources:\n  - package: NUXT\n    repositories: [https://github.com/other/*]\n")
                .evaluate(verifiedNuxt(), TODAY).passed()).isFalse();
        // an exception waives, so it keeps to the exact name
        assertThat(policy("require-provenance: [nuxt]\nallow:\n  - package: Nuxt\n    reason: r\n"
                + "    expires: 2027-01-31\n").evaluate(result("nuxt@2.17.3"), TODAY).passed()).isFalse();
    }

    @Test
    void aVerifiedPackageFromAnotherRepositoryFails() throws Exception {
        Policy wrong = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt-fork/*]
                """);
        Policy right = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                    workflows: [.github/workflows/release.yml]
                    refs: [refs/tags/v3.*]
                """);
        Policy wrongRef = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                    refs: [refs/heads/main]
                """);

        PolicyDecision decision = wrong.evaluate(verifiedNuxt(), TODAY);

        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.TRUSTED_SOURCES);
        assertThat(decision.message()).startsWith("built from https://github.com/nuxt/nuxt by .github/workflows/release.yml"
                + " at refs/tags/v3.13.0, but nuxt may only be built from https://github.com/nuxt-fork/*");
        assertThat(right.evaluate(verifiedNuxt(), TODAY).passed()).isTrue();
        assertThat(wrongRef.evaluate(verifiedNuxt(), TODAY).passed()).isFalse();
        // a trusted-sources rule cannot be bypassed by publishing without provenance
        assertThat(right.evaluate(result("nuxt@2.17.3"), TODAY).passed()).isFalse();
    }

    @Test
    void signerWorkflowsPassTheWorkflowThatSignedAndAreNamedWhenThereIsNoProvenance() throws Exception {
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                    signer-workflows: [https://github.com/nuxt/nuxt/.github/workflows/release.yml]
                """);

        PolicyDecision signed = policy.evaluate(result("nuxt@2.17.3"), TODAY);

        assertThat(verifiedNuxt().provenance().orElseThrow().signerWorkflow())
                .isEqualTo("https://github.com/nuxt/nuxt/.github/workflows/release.yml");
        assertThat(policy.evaluate(verifiedNuxt(), TODAY).passed()).isTrue();
        assertThat(signed.passed()).isFalse();
        assertThat(signed.message()).isEqualTo("nuxt must be built from https://github.com/nuxt/nuxt and signed by "
                + "https://github.com/nuxt/nuxt/.github/workflows/release.yml, but this package is SIGNED and has no "
                + "verified provenance");
    }

    @Test
    void aRepositoryNamedByAnIssuerThatDoesNotSpeakForItsHostIsNotTrusted() throws Exception {
        // a CI service trusted by Fulcio that takes the repository URL from its users' settings could have a
        // certificate name github.com/nuxt/nuxt; only GitHub's issuer vouches for a github.com repository
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                """);
        PackageResult real = verifiedNuxt();
        ProvenanceFacts facts = real.provenance().orElseThrow();
        assertThat(facts.oidcIssuer()).isEqualTo("https://token.actions.githubusercontent.com");
        PackageResult otherIssuer = new PackageResult(real.pkg(), real.status(), real.checks(), Optional.of(
                new ProvenanceFacts(facts.sourceRepository(), facts.commit(), facts.ref(), facts.workflowPath(),
                        facts.buildTrigger(), facts.runnerEnvironment(), "https://oauth2.sigstore.dev/auth",
                        facts.signerIdentity(), facts.rekorLogIndex(), facts.rekorUrl())));

        PolicyDecision decision = policy.evaluate(otherIssuer, TODAY);

        assertThat(policy.evaluate(real, TODAY).passed()).isTrue();
        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.TRUSTED_SOURCES);
        assertThat(decision.message()).startsWith("the provenance names https://github.com/nuxt/nuxt, but its "
                + "certificate was issued by https://oauth2.sigstore.dev/auth, which does not speak for that host");
        // nor is the repository shown as a link in reports
        assertThat(facts.sourceUrl()).contains("https://github.com/nuxt/nuxt");
        assertThat(otherIssuer.provenance().orElseThrow().sourceUrl()).isEmpty();
    }

    @Test
    void anExceptionPassesUntilItExpiresAndThenSaysSo() throws Exception {
        Policy policy = policy("""
                allow:
                  - package: sigstore@2.3.1
                    reason: the private mirror strips signatures
                    expires: 2026-11-27
                """);

        PolicyDecision current = policy.evaluate(result("sigstore@2.3.1"), TODAY);
        PolicyDecision expired = policy.evaluate(result("sigstore@2.3.1"), TODAY.plusDays(1));

        assertThat(current.passed()).isTrue();
        assertThat(current.rule()).isEqualTo(PolicyRule.ALLOW);
        assertThat(current.message()).startsWith("allowed until 2026-11-27: the private mirror strips signatures");
        assertThat(expired.passed()).isFalse();
        assertThat(expired.rule()).isEqualTo(PolicyRule.FAIL_ON);
        assertThat(expired.message()).endsWith("(the exception for sigstore@2.3.1 expired on 2026-11-27)");
    }

    /**
     * Without an integrity in the lockfile nothing says which bytes npm installs: it downloads the resolved URL,
     * which may be anyone's, and checks nothing. A pull request that dropped the integrity of the excepted release
     * and pointed its resolved at a tarball of its own (ERROR, LOCKFILE_INTEGRITY_MISSING) was passed by an
     * exception written for the release the registry publishes.
     */
    @Test
    void anExceptionForAVersionDoesNotPassAnEntryThatPinsNoBytes() throws Exception {
        List<PackageResult> unpinned;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().addAlias("legacy-nuxt", "nuxt", "2.17.3")
                    .addAlias("legacy-nuxt-too", "nuxt", "2.17.3");
            lockfile.entry("legacy-nuxt").put("resolved", "https://evil.example/nuxt/-/nuxt-2.17.3.tgz")
                    .remove("integrity");
            // an integrity npm reads no digest from pins nothing either
            lockfile.entry("legacy-nuxt-too").put("resolved", "https://evil.example/nuxt/-/nuxt-2.17.3.tgz")
                    .put("integrity", "none");
            unpinned = Verification.verify(lockfile, registry);
        }
        assertThat(unpinned).hasSize(2);
        for (PackageResult entry : unpinned) {
            Policy policy = policy("""
                    allow:
                      - package: nuxt@2.17.3
                        reason: published before provenance; this release reviewed
                        expires: 2099-01-01
                    """);
            PolicyDecision decision = policy.evaluate(entry, TODAY);

            assertThat(entry.status()).isEqualTo(Status.ERROR);
            assertThat(entry.decisiveCheck().orElseThrow().code()).isEqualTo("LOCKFILE_INTEGRITY_MISSING");
            assertThat(decision.passed()).as(entry.pkg().aliases().toString()).isFalse();
            assertThat(decision.rule()).isEqualTo(PolicyRule.FAIL_ON);
            // an exception by name alone names, as for git, what the code imports it as: the entry's name is a claim
            // its URL on another host does not back, and npm downloads from that host
            assertThat(policy("""
                    allow:
                      - package: nuxt
                        reason: any nuxt, wherever it comes from
                        expires: 2099-01-01
                    """).evaluate(entry, TODAY).passed()).isFalse();
            assertThat(policy("""
                    allow:
                      - package: legacy-nuxt*
                        reason: our legacy copies, reviewed
                        expires: 2099-01-01
                    """).evaluate(entry, TODAY).passed()).isTrue();
        }
    }

    /** Provenance required for nuxt, with an exception for its 2.17.3 release as the registry publishes it. */
    private static Policy nuxtReleaseExcepted() throws Exception {
        return policy("""
                require-provenance: [nuxt]
                allow:
                  - package: nuxt@2.17.3
                    reason: published before provenance; this release reviewed
                    expires: 2099-01-01
                """);
    }

    @Test
    void anExceptionForAVersionDoesNotPassAPackageOfThatVersionFromElsewhere() throws Exception {
        // nuxt@2.17.3 excepted as the registry publishes it: a git fork (or a tarball anywhere) whose lockfile entry
        // says 2.17.3 is other code, which the exception's reason never covered
        List<PackageResult> fork;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().addAlias("legacy-nuxt", "nuxt", "2.17.3");
            lockfile.entry("legacy-nuxt").put("resolved",
                    "git+ssh://git@github.com/evil/nuxt.git#0123456789abcdef0123456789abcdef01234567")
                    .remove("integrity");
            fork = Verification.verify(lockfile, registry);
        }
        PackageResult fromGit = Verification.result(fork, "nuxt@2.17.3");
        Policy policy = nuxtReleaseExcepted();

        PolicyDecision decision = policy.evaluate(fromGit, TODAY);

        assertThat(fromGit.status()).isEqualTo(Status.SKIPPED);
        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.REQUIRE_PROVENANCE);
        // the registry's own nuxt@2.17.3 is still excepted; an exception by name alone covers any source, by the
        // name the code imports it as ("nuxt" is only what the git entry claims to be)
        assertThat(policy.evaluate(result("nuxt@2.17.3"), TODAY).passed()).isTrue();
        assertThat(policy("""
                require-provenance: [nuxt]
                allow:
                  - package: nuxt
                    reason: any nuxt, wherever it comes from
                    expires: 2099-01-01
                """).evaluate(fromGit, TODAY).passed()).isFalse();
        assertThat(policy("""
                require-provenance: [nuxt]
                allow:
                  - package: legacy-nuxt
                    reason: our fork, imported as legacy-nuxt
                    expires: 2099-01-01
                """).evaluate(fromGit, TODAY).passed()).isTrue();
    }

    @Test
    void anExceptionForAVersionDoesNotPassAnEntryWhoseIntegrityIsNotTheRegistrys() throws Exception {
        // nuxt@2.17.3 pinned by a sha384 the registry does not publish, downloaded from anywhere: npm installs
        // whatever matches it; the exception covers the release as the registry publishes it, which this is not
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("nuxt", "2.17.3", "sha384-" + "A".repeat(64));
            lockfile.entry("nuxt").put("resolved", "https://evil.example/nuxt/-/nuxt-2.17.3.tgz");
            results = Verification.verify(lockfile, registry);
        }
        PackageResult unbound = Verification.result(results, "nuxt@2.17.3");
        Policy policy = nuxtReleaseExcepted();

        PolicyDecision decision = policy.evaluate(unbound, TODAY);

        assertThat(unbound.status()).isEqualTo(Status.ERROR);
        assertThat(unbound.decisiveCheck().orElseThrow().code()).isEqualTo("INTEGRITY_NO_COMMON_ALGORITHM");
        assertThat(decision.passed()).isFalse();
        assertThat(policy.evaluate(result("nuxt@2.17.3"), TODAY).passed()).isTrue();
    }

    @Test
    void anExceptionByNameDoesNotFollowWhatAnEntryFromElsewhereClaimsToBe() throws Exception {
        // a tarball from anywhere, installed as @myorg/ui, whose entry says it is left-pad: an exception written for
        // left-pad turned off the @myorg/* rules for it
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("@myorg/ui", "1.0.0", "sha512-" + "A".repeat(86) + "==");
            lockfile.entry("@myorg/ui").put("name", "left-pad").put("resolved", "https://evil.example/payload.tgz");
            results = Verification.verify(lockfile, registry);
        }
        PackageResult planted = results.get(0);
        Policy policy = policy("""
                require-provenance: ["@myorg/*"]
                allow:
                  - package: left-pad
                    reason: unsigned on our mirror
                    expires: 2099-01-01
                """);

        PolicyDecision decision = policy.evaluate(planted, TODAY);

        assertThat(planted.pkg().name()).isEqualTo("left-pad");
        assertThat(planted.status()).isEqualTo(Status.SKIPPED);
        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.REQUIRE_PROVENANCE);
    }

    @Test
    void theTextReportSaysWhenAnExpiredExceptionNoLongerPassesAFailingStatus() throws Exception {
        // fail-on decides, so the text shows the status's reason: the expired exception must still be named there,
        // or whoever wrote it sees no reason why it did not apply
        Policy policy = policy("""
                allow:
                  - package: sigstore@2.3.1
                    reason: the private mirror strips signatures
                    expires: 2026-11-27
                """);
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/",
                List.of(result("sigstore@2.3.1")), policy, TODAY.plusDays(1));
        java.io.StringWriter text = new java.io.StringWriter();

        new TextReportWriter(false).write(report, new java.io.PrintWriter(text));

        assertThat(report.failing()).hasSize(1);
        assertThat(text.toString()).contains("UNSIGNED sigstore@2.3.1")
                .contains("(the exception for sigstore@2.3.1 expired on 2026-11-27)");
    }

    @Test
    void noExceptionWaivesAnInvalidPackage() throws Exception {
        Policy policy = policy("""
                allow:
                  - package: nuxt
                    reason: trust me
                    expires: 2099-01-01
                """);

        assertThat(policy.evaluate(tampered(), TODAY).passed()).isFalse();
        assertThat(policy.evaluate(result("nuxt@2.17.3"), TODAY).passed()).isTrue();
    }

    @Test
    void failOnDecidesByStatus() throws Exception {
        assertThat(policy("fail-on: [invalid]").evaluate(result("sigstore@2.3.1"), TODAY).passed()).isTrue();
        assertThat(policy("fail-on: none").evaluate(tampered(), TODAY).passed()).isTrue();
        assertThat(policy("{}").evaluate(result("sigstore@2.3.1"), TODAY).rule()).isEqualTo(PolicyRule.FAIL_ON);
    }

    @Test
    void anAliasDoesNotTakeAPackageOutFromUnderARuleForTheNameItIsInstalledAs() throws Exception {
        // nuxt@2.17.3 is installed as nuxt2: code that imports nuxt2 runs it, so rules for nuxt2 apply to it
        PackageResult aliased = result("nuxt@2.17.3");
        assertThat(aliased.pkg().aliases()).containsExactly("nuxt2");

        PolicyDecision required = policy("require-provenance: [nuxt2]").evaluate(aliased, TODAY);
        PolicyDecision trusted = policy("""
                trusted-sources:
                  - package: "nuxt*"
                    repositories: [https://github.com/nuxt/*]
                """).evaluate(aliased, TODAY);
        PolicyDecision excepted = policy("""
                require-provenance: [nuxt2]
                allow:
                  - package: nuxt2
                    reason: an exception names the package, not what it is installed as
                    expires: 2099-01-01
                """).evaluate(aliased, TODAY);

        assertThat(required.passed()).isFalse();
        assertThat(required.message()).isEqualTo(
                "verified provenance is required for nuxt2, but this package (installed as nuxt2) is SIGNED");
        assertThat(trusted.passed()).isFalse();
        assertThat(trusted.rule()).isEqualTo(PolicyRule.TRUSTED_SOURCES);
        assertThat(excepted.passed()).isFalse();
    }

    @Test
    void anInvalidPackageIsNotTrustedForItsVerifiedProvenanceWhenFailOnLetsInvalidThrough() throws Exception {
        // nuxt@4.1.2's provenance verifies, but its registry signature does not: a trusted source must be VERIFIED
        Policy policy = policy("""
                fail-on: [error]
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                """);

        PolicyDecision decision = policy.evaluate(result("nuxt@4.1.2"), TODAY);

        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.TRUSTED_SOURCES);
        // its provenance did verify: the message must not say it has none
        assertThat(decision.message()).isEqualTo("nuxt must be built from https://github.com/nuxt/nuxt, but this package"
                + " is INVALID");
        assertThat(policy.evaluate(verifiedNuxt(), TODAY).passed()).isTrue();
    }

    @Test
    void rulesHoldOnlyThePackagesTheyName() throws Exception {
        Policy policy = policy("""
                require-provenance: ["@myorg/*"]
                trusted-sources:
                  - package: "@myorg/*"
                    repositories: [https://github.com/myorg/*]
                """);

        PolicyDecision signed = policy.evaluate(result("nuxt@2.17.3"), TODAY);
        PolicyDecision verified = policy.evaluate(verifiedNuxt(), TODAY);

        assertThat(signed.passed()).isTrue();
        assertThat(signed.rule()).isEqualTo(PolicyRule.FAIL_ON);
        assertThat(verified.passed()).isTrue();
        assertThat(verified.rule()).isEqualTo(PolicyRule.FAIL_ON);
    }

    @Test
    void anExceptionByNameDoesNotPassAnUnpinnedEntryInstalledUnderANameItRequiresProvenanceFor() throws Exception {
        // a registry-shaped URL on any host, no integrity: npm installs whatever that host serves, as @myorg/ui
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("@myorg/ui", "2.3.1", "sha512-x");
            lockfile.entry("@myorg/ui").put("name", "sigstore")
                    .put("resolved", "https://evil.example/sigstore/-/sigstore-2.3.1.tgz").remove("integrity");
            results = Verification.verify(lockfile, registry);
        }
        Policy policy = policy("""
                require-provenance: ["@myorg/*"]
                allow:
                  - package: sigstore
                    reason: the private mirror strips signatures
                    expires: 2099-01-01
                """);

        PolicyDecision decision = policy.evaluate(results.get(0), TODAY);

        assertThat(results.get(0).pkg().aliases()).containsExactly("@myorg/ui");
        assertThat(decision.passed()).isFalse();
    }

    @Test
    void anExceptionForOneFolderOfAPinDoesNotPassItWhereItIsInstalledUnderItsOwnName() throws Exception {
        // one git pin, installed as @myorg/ui (its own name) and as @myorg/legacy: verified once, both names kept
        String git = "git+ssh://git@github.com/evil/payload.git#0123456789abcdef0123456789abcdef01234567";
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("@myorg/ui", "1.0.0", "sha512-x")
                    .add("@myorg/legacy", "1.0.0", "sha512-x");
            lockfile.entry("@myorg/ui").put("resolved", git).remove("integrity");
            lockfile.entry("@myorg/legacy").put("name", "@myorg/ui").put("resolved", git).remove("integrity");
            results = Verification.verify(lockfile, registry);
        }
        Policy legacyOnly = policy("""
                require-provenance: ["@myorg/*"]
                allow:
                  - package: "@myorg/legacy"
                    reason: our old fork, installed from git, reviewed
                    expires: 2099-01-01
                """);

        assertThat(results).hasSize(1);
        assertThat(results.get(0).pkg().aliases()).containsExactlyInAnyOrder("@myorg/ui", "@myorg/legacy");
        assertThat(legacyOnly.evaluate(results.get(0), TODAY).passed()).isFalse();
        assertThat(policy("""
                require-provenance: ["@myorg/*"]
                allow:
                  - package: "@myorg/*"
                    reason: our own packages from git, reviewed
                    expires: 2099-01-01
                """).evaluate(results.get(0), TODAY).passed()).isTrue();
    }

    @Test
    void anExceptionDoesNotPassAnEntryForAReleaseTheRegistrySaysItDoesNotHave() throws Exception {
        // the registry answered: no such version, no such package. Nothing binds the bytes npm downloads from the
        // entry's own URL and checks against its own integrity
        String integrity = "sha512-" + "A".repeat(86) + "==";
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("@myorg/ui", "2.3.1", "sha512-x")
                    .add("@myorg/tool", "1.0.0", "sha512-x");
            lockfile.entry("@myorg/ui").put("name", "sigstore").put("version", "99.0.0")
                    .put("resolved", "https://evil.example/sigstore/-/sigstore-99.0.0.tgz").put("integrity", integrity);
            lockfile.entry("@myorg/tool").put("name", "internal-tool").put("version", "1.0.0")
                    .put("resolved", "https://evil.example/internal-tool/-/internal-tool-1.0.0.tgz")
                    .put("integrity", integrity);
            results = Verification.verify(lockfile, registry);
        }
        PackageResult missingVersion = Verification.result(results, "sigstore@99.0.0");
        PackageResult missingPackage = Verification.result(results, "internal-tool@1.0.0");
        assertThat(missingVersion.decisiveCheck().orElseThrow().code()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(missingPackage.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_NOT_FOUND");

        for (String allowed : List.of("sigstore", "sigstore@99.0.0", "internal-tool", "internal-tool@1.0.0")) {
            Policy policy = policy("require-provenance: [\"@myorg/*\"]\nallow:\n  - package: " + allowed
                    + "\n    reason: published to the private registry only\n    expires: 2099-01-01\n");
            assertThat(policy.evaluate(missingVersion, TODAY).passed()).as(allowed).isFalse();
            assertThat(policy.evaluate(missingPackage, TODAY).passed()).as(allowed).isFalse();
        }
    }

    @Test
    void anExceptionForAReleaseStillPassesItWhenTheRegistryCannotBeAsked() throws Exception {
        // an outage is what such exceptions are often written for: nothing said the pin is not the registry's
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            registry.fault("nuxt", FixtureRegistry.Fault.SERVER_ERROR, 100);
            results = Verification.verify(new TestLockfile().addAlias("legacy-nuxt", "nuxt", "2.17.3"), registry);
        }
        PackageResult entry = results.get(0);
        assertThat(entry.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_HTTP_ERROR");

        assertThat(nuxtReleaseExcepted().evaluate(entry, TODAY).passed()).isTrue();
    }

    @Test
    void aLinkThroughAWindowsNameForNodeModulesIsHeldToTheRules() throws Exception {
        // Windows reaches node_modules by its 8.3 short name and as a stream of it too
        List<PackageResult> linked;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            linked = Verification.verify(new TestLockfile().add("nuxt", "2.17.3")
                    .addLink("@myorg/short", "NODE_M~1/nuxt")
                    .addLink("@myorg/stream", "node_modules::$INDEX_ALLOCATION\\nuxt")
                    .addLink("@myorg/ws", "packages/ws"), registry);
        }
        Policy policy = policy("require-provenance: [\"@myorg/*\"]");

        for (String name : List.of("@myorg/short", "@myorg/stream")) {
            PackageResult link = linked.stream().filter(r -> r.pkg().name().equals(name)).findFirst().orElseThrow();
            assertThat(policy.evaluate(link, TODAY).passed()).as(name).isFalse();
        }
        PackageResult workspace = linked.stream().filter(r -> r.pkg().name().equals("@myorg/ws")).findFirst()
                .orElseThrow();
        assertThat(policy.evaluate(workspace, TODAY).passed()).isTrue();
    }

    @Test
    void anExceptionByNamePassesAFailingReleaseOfThatPackageAsTheRegistryPublishesIt() throws Exception {
        // sigstore@2.3.1 is UNSIGNED, its integrity the registry's: an exception naming the package, for any of its
        // versions, waives it, as an exception naming the release does
        PackageResult unsigned = result("sigstore@2.3.1");
        assertThat(unsigned.checks()).filteredOn(c -> c.name().equals(CheckResult.INTEGRITY))
                .extracting(CheckResult::outcome).containsExactly(Outcome.PASS);
        Policy policy = policy("""
                allow:
                  - package: sigstore
                    reason: the private mirror strips signatures
                    expires: 2099-01-01
                """);

        PolicyDecision decision = policy.evaluate(unsigned, TODAY);

        assertThat(decision.passed()).isTrue();
        assertThat(decision.rule()).isEqualTo(PolicyRule.ALLOW);
        assertThat(decision.message()).startsWith("allowed until 2099-01-01: the private mirror strips signatures");
    }

    @Test
    void anExceptionForAReleaseDoesNotPassAnEntryThatPinsNoBytesWhenTheRegistryCannotBeAsked() throws Exception {
        // an outage leaves no integrity check to say the pin is not the registry's; an integrity npm reads no digest
        // from still pins nothing, and npm downloads the entry's own URL unchecked
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            registry.fault("nuxt", FixtureRegistry.Fault.SERVER_ERROR, 100);
            TestLockfile lockfile = new TestLockfile().addAlias("legacy-nuxt", "nuxt", "2.17.3");
            lockfile.entry("legacy-nuxt").put("resolved", "https://evil.example/nuxt/-/nuxt-2.17.3.tgz")
                    .put("integrity", "none");
            results = Verification.verify(lockfile, registry);
        }
        PackageResult entry = results.get(0);
        assertThat(entry.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_HTTP_ERROR");

        PolicyDecision decision = nuxtReleaseExcepted().evaluate(entry, TODAY);

        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.FAIL_ON);
    }
}
