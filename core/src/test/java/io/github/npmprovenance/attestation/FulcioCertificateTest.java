package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.policy.Policy;
import io.github.npmprovenance.policy.PolicyDecision;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.policy.PolicyRule;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.RecordedAttestations;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a Fulcio certificate is read as. The certificates are real ones from recorded bundles with one extension
 * replaced, re-signed by a throwaway key: reading the build identity does not depend on the chain, which
 * {@link SigstoreBundleVerifier} checks before it reads anything.
 */
class FulcioCertificateTest {
    private static final String ARC = "1.3.6.1.4.1.57264.1.";

    /** The leaf certificate of a recorded package's provenance bundle. */
    static X509Certificate realLeaf(String key) throws Exception {
        for (JsonNode attestation : RecordedAttestations.response(key).path("attestations")) {
            if (PredicateTypes.isProvenance(attestation.path("predicateType").asText())) {
                JsonNode material = attestation.path("bundle").path("verificationMaterial");
                JsonNode raw = material.has("certificate") ? material.path("certificate").path("rawBytes")
                        : material.path("x509CertificateChain").path("certificates").get(0).path("rawBytes");
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(raw.asText())));
            }
        }
        throw new AssertionError("no provenance for " + key);
    }

    /**
     * The certificate with some extensions replaced: a key {@code "san"} sets the URI subject alternative name,
     * a number n the Fulcio extension 1.3.6.1.4.1.57264.1.n, raw for 1 to 6 and a DER UTF8String from 8 on.
     */
    static X509Certificate edited(X509Certificate real, Map<String, String> replacements) throws Exception {
        return edited(real, replacements, java.util.Set.of());
    }

    /** As {@link #edited(X509Certificate, Map)}, without the extensions named in {@code removed}. */
    static X509Certificate edited(X509Certificate real, Map<String, String> replacements,
            java.util.Set<String> removed) throws Exception {
        X509CertificateHolder holder = new X509CertificateHolder(real.getEncoded());
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(holder.getIssuer(), BigInteger.ONE,
                holder.getNotBefore(), holder.getNotAfter(), holder.getSubject(), holder.getSubjectPublicKeyInfo());
        for (ASN1ObjectIdentifier oid : holder.getExtensions().getExtensionOIDs()) {
            String name = oid.equals(Extension.subjectAlternativeName) ? "san"
                    : oid.getId().startsWith(ARC) ? oid.getId().substring(ARC.length()) : "";
            if (!replacements.containsKey(name) && !removed.contains(name)
                    && !(name.equals("san") && replacements.containsKey("email"))) {
                builder.addExtension(holder.getExtension(oid));
            }
        }
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (replacement.getKey().equals("san") || replacement.getKey().equals("email")) {
                builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(
                        new GeneralName(replacement.getKey().equals("san") ? GeneralName.uniformResourceIdentifier
                                : GeneralName.rfc822Name, replacement.getValue())));
            } else {
                int field = Integer.parseInt(replacement.getKey());
                ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(ARC + field);
                byte[] value = field < 8 ? replacement.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : new DERUTF8String(replacement.getValue()).getEncoded();
                builder.addExtension(new Extension(oid, false, value));
            }
        }
        X509CertificateHolder signed = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(signed);
    }

    @Test
    void theEditedCertificateReadsAsTheRealOneWhereNotEdited() throws Exception {
        X509Certificate real = realLeaf("sigstore@1.3.0");

        assertThat(FulcioCertificate.facts(edited(real, Map.of()), 1)).isEqualTo(FulcioCertificate.facts(real, 1));
    }

    static Stream<Arguments> signersThatNameNoBuild() {
        return Stream.of(
                // a person: Fulcio certifies an e-mail address an OIDC provider vouches for, and names no repository
                Arguments.of(Map.of("email", "mallory@example.com", "1", "https://accounts.google.com", "8",
                        "https://accounts.google.com"), java.util.Set.of("5", "12"), "no workflow URI"),
                Arguments.of(Map.of("email", "mallory@example.com"), java.util.Set.of(), "no workflow URI"),
                // a workload identity that is no build of a repository
                Arguments.of(Map.of("san", "https://example.com/service-account"), java.util.Set.of("5", "12"),
                        "no source repository"));
    }

    @ParameterizedTest
    @MethodSource("signersThatNameNoBuild")
    void provenanceSignedByAnIdentityThatNamesNoBuildIsRefused(Map<String, String> replaced,
            java.util.Set<String> removed, String why) throws Exception {
        // before: VERIFIED "built from " (nothing), every claim of the predicate unchecked against the certificate
        X509Certificate certificate = edited(realLeaf("nuxt@4.1.2"), replaced, removed);

        assertThatThrownBy(() -> FulcioCertificate.facts(certificate, 1))
                .isInstanceOf(AttestationException.class)
                .hasMessageContaining("signed by an identity that names no CI build (" + why)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("PROVENANCE_SIGNER_NOT_A_BUILD");
    }

    @Test
    void aRepositoryNamedByAnIssuerThatDoesNotSpeakForItsHostIsNotReportedAsWhereThePackageWasBuilt()
            throws Exception {
        // nuxt@4.1.2's certificate as a CI service Fulcio trusts, which takes the repository URL from its users'
        // settings, could issue it: policy does not trust the repository, and the VERIFIED reason must not state it
        X509Certificate real = realLeaf("nuxt@4.1.2");
        ProvenanceFacts github = FulcioCertificate.facts(real, 1);
        ProvenanceFacts other = FulcioCertificate.facts(edited(real, Map.of(
                "1", "https://oidc.ci.example", "8", "https://oidc.ci.example")), 1);

        assertThat(github.summary()).startsWith("built from https://github.com/nuxt/nuxt @ ");
        assertThat(other.sourceRepository()).isEqualTo(github.sourceRepository());
        assertThat(other.sourceVouchedForByIssuer()).isFalse();
        assertThat(other.summary()).startsWith("built from https://github.com/nuxt/nuxt (as claimed by "
                + "https://oidc.ci.example, which does not speak for that host) @ ");
    }

    @Test
    void aReusableWorkflowInAnotherRepositoryIsNotTakenForAWorkflowOfTheSourceRepository() throws Exception {
        // a 2023 certificate carries no build config URI (1.18): its only workflow is the subject alternative name,
        // the job's workflow, which for a reusable workflow lies in the repository that published it
        X509Certificate caller = edited(realLeaf("sigstore@1.0.0"), Map.of("san",
                "https://github.com/sigstore-release/workflows/.github/workflows/publish.yml@refs/heads/main"));

        ProvenanceFacts facts = FulcioCertificate.facts(caller, 1);

        assertThat(facts.sourceRepository()).isEqualTo("https://github.com/sigstore/sigstore-js");
        assertThat(facts.workflowPath()).isEmpty();
        assertThat(facts.summary()).doesNotContain(" by ");
        // the real certificate's own workflow is in the source repository and is still read
        assertThat(FulcioCertificate.facts(realLeaf("sigstore@1.0.0"), 1).workflowPath())
                .isEqualTo(".github/workflows/publish.yml");
    }

    @Test
    void aPolicyNamingTheSourceRepositorysWorkflowRejectsABuildByAnotherRepositorysWorkflowOfThatName()
            throws Exception {
        Policy policy = policy("""
                trusted-sources:
                  - package: sigstore
                    repositories: [https://github.com/sigstore/sigstore-js]
                    workflows: [.github/workflows/publish.yml]
                """);
        PackageResult real = verifiedWith("sigstore", "1.0.0", realLeaf("sigstore@1.0.0"));
        PackageResult reusable = verifiedWith("sigstore", "1.0.0", edited(realLeaf("sigstore@1.0.0"), Map.of("san",
                "https://github.com/sigstore-release/workflows/.github/workflows/publish.yml@refs/heads/main")));

        PolicyDecision decision = policy.evaluate(reusable, TODAY);

        assertThat(policy.evaluate(real, TODAY).passed()).isTrue();
        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.TRUSTED_SOURCES);
        assertThat(decision.message()).isEqualTo("built from https://github.com/sigstore/sigstore-js by a workflow "
                + "outside that repository at refs/tags/v1.0.0, but sigstore may only be built from "
                + "https://github.com/sigstore/sigstore-js by .github/workflows/publish.yml");
    }

    /** A VERIFIED result of the recorded package whose provenance is read from the given certificate instead. */
    static PackageResult verifiedWith(String name, String version, X509Certificate certificate) throws Exception {
        PackageResult real;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            real = Verification.verify(new TestLockfile().add(name, version), registry).get(0);
        }
        assertThat(real.status()).isEqualTo(Status.VERIFIED);
        return new PackageResult(real.pkg(), real.status(), real.checks(), Optional.of(
                FulcioCertificate.facts(certificate, real.provenance().orElseThrow().rekorLogIndex())));
    }

    /** nuxt@4.1.2's certificate as GitLab's issuer would write it for a pipeline of gitlab.com/group/project. */
    static X509Certificate gitlab(String configUri) throws Exception {
        return edited(realLeaf("nuxt@4.1.2"), Map.of("1", "https://gitlab.com", "8", "https://gitlab.com",
                "5", "group/project", "12", "https://gitlab.com/group/project", "18", configUri, "9", configUri,
                "san", configUri));
    }

    @Test
    void aGitLabPipelinesConfigFileIsAPathInTheProjectAsAGitHubWorkflowIs() throws Exception {
        // GitLab's ci_config_ref_uri separates project and file with "//": the path read "/.gitlab-ci.yml"
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://gitlab.com/group/project]
                    workflows: [.gitlab-ci.yml]
                """);
        PackageResult gitlab = verifiedWith("nuxt", "4.1.2",
                gitlab("https://gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main"));

        PolicyDecision decision = policy.evaluate(gitlab, TODAY);

        assertThat(gitlab.provenance().orElseThrow().workflowPath()).isEqualTo(".gitlab-ci.yml");
        assertThat(decision.passed()).as(decision.message()).isTrue();
        assertThat(FulcioCertificate.facts(gitlab("https://gitlab.com/group/project//ci/release.yml@refs/heads/main"),
                1).workflowPath()).isEqualTo("ci/release.yml");
    }

    @Test
    void aWorkflowFileWhoseNameHoldsAnAtIsNotTheFileBeforeIt() throws Exception {
        // git allows "release.yml@other.yml", another file beside release.yml, which anyone who can push may add
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                    workflows: [.github/workflows/release.yml]
                    signer-workflows: [https://github.com/nuxt/nuxt/.github/workflows/release.yml]
                """);
        X509Certificate real = realLeaf("nuxt@4.1.2");
        String ref = FulcioCertificate.facts(real, 1).ref();
        String other = "https://github.com/nuxt/nuxt/.github/workflows/release.yml@other.yml@" + ref;
        PackageResult built = verifiedWith("nuxt", "4.1.2", edited(real, Map.of("18", other, "9", other, "san", other)));

        ProvenanceFacts facts = built.provenance().orElseThrow();
        assertThat(facts.workflowPath()).isEqualTo(".github/workflows/release.yml@other.yml");
        assertThat(facts.signerWorkflow()).isEqualTo("https://github.com/nuxt/nuxt/.github/workflows/release.yml@other.yml");
        assertThat(policy.evaluate(built, TODAY).passed()).isFalse();
        assertThat(policy.evaluate(verifiedWith("nuxt", "4.1.2", real), TODAY).passed()).isTrue();
        // a signer at a ref of its own: with two @ in it, no workflow can be told from it
        String reusable = "https://github.com/nuxt/nuxt/.github/workflows/release.yml@other.yml@refs/heads/x";
        assertThat(FulcioCertificate.facts(edited(real, Map.of("san", reusable, "9", reusable)), 1).signerWorkflow())
                .isEmpty();
    }

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static Policy policy(String yaml) throws Exception {
        return new PolicyReader().read("policy.yml", new StringReader(yaml));
    }

    /** nuxt@4.1.2's certificate, its caller's workflow unchanged, signed by the given (reusable) workflow. */
    static X509Certificate signedBy(String signer) throws Exception {
        return edited(realLeaf("nuxt@4.1.2"), Map.of("san", signer, "9", signer));
    }

    static Stream<String> recordedProvenance() {
        return Stream.of("sigstore@0.4.0", "sigstore@1.0.0", "sigstore@1.3.0", "sigstore@2.0.0", "sigstore@2.3.1",
                "tuf-js@1.0.0", "nuxt@3.13.0", "nuxt@4.1.2", "@playwright%2fcli@0.1.1",
                "@laurentsimon%2fprovenance-npm-test@1.0.0", "@laurentsimon%2fprovenance-npm-test@1.0.3");
    }

    @ParameterizedTest
    @MethodSource("recordedProvenance")
    void everyRecordedPackageWasSignedByAWorkflowOfItsOwnRepository(String key) throws Exception {
        ProvenanceFacts facts = FulcioCertificate.facts(realLeaf(key), 1);

        assertThat(facts.signerWorkflow()).startsWith(facts.sourceRepository() + "/.github/workflows/")
                .doesNotContain("@");
    }

    @Test
    void aPackageSignedByAReusableWorkflowOfAnUntrustedRepositoryFails() throws Exception {
        // the caller's repository, workflow and ref are all trusted; the code that built and signed is evil/wf's
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/*]
                    workflows: [.github/workflows/release.yml]
                """);
        PackageResult real = verifiedWith("nuxt", "4.1.2", realLeaf("nuxt@4.1.2"));
        PackageResult reusable = verifiedWith("nuxt", "4.1.2",
                signedBy("https://github.com/evil/wf/.github/workflows/x.yml@refs/heads/main"));

        PolicyDecision decision = policy.evaluate(reusable, TODAY);

        assertThat(policy.evaluate(real, TODAY).passed()).isTrue();
        assertThat(reusable.provenance().orElseThrow().workflowPath()).isEqualTo(".github/workflows/release.yml");
        assertThat(decision.passed()).isFalse();
        assertThat(decision.rule()).isEqualTo(PolicyRule.TRUSTED_SOURCES);
        assertThat(decision.message()).isEqualTo("built from https://github.com/nuxt/nuxt by "
                + ".github/workflows/release.yml at refs/heads/main and signed by "
                + "https://github.com/evil/wf/.github/workflows/x.yml, but nuxt may only be signed by a workflow in "
                + "https://github.com/nuxt/*");
        // a reusable workflow of a repository the policy trusts signs, as gh attestation verify --owner nuxt accepts
        assertThat(policy.evaluate(verifiedWith("nuxt", "4.1.2",
                signedBy("https://github.com/nuxt/workflows/.github/workflows/publish.yml@refs/tags/v1")), TODAY)
                .passed()).isTrue();
    }

    @Test
    void aSignerRepositoryWhoseNameOnlyBeginsWithATrustedOneIsNotInIt() throws Exception {
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                """);

        PolicyDecision decision = policy.evaluate(verifiedWith("nuxt", "4.1.2",
                signedBy("https://github.com/nuxt/nuxt-evil/.github/workflows/x.yml@refs/heads/main")), TODAY);

        assertThat(decision.passed()).isFalse();
        assertThat(decision.message()).endsWith("and signed by https://github.com/nuxt/nuxt-evil/.github/workflows/x.yml,"
                + " but nuxt may only be signed by a workflow in https://github.com/nuxt/nuxt");
    }

    @Test
    void anOlderCertificateIsCheckedForItsSignerToo() throws Exception {
        // before 2023 the subject alternative name was the only workflow a certificate named; with no workflows:
        // in the policy nothing looked at it
        Policy policy = policy("""
                trusted-sources:
                  - package: sigstore
                    repositories: [https://github.com/sigstore/sigstore-js]
                """);
        PackageResult reusable = verifiedWith("sigstore", "1.0.0", edited(realLeaf("sigstore@1.0.0"), Map.of("san",
                "https://github.com/sigstore-release/workflows/.github/workflows/publish.yml@refs/heads/main")));

        PolicyDecision decision = policy.evaluate(reusable, TODAY);

        assertThat(policy.evaluate(verifiedWith("sigstore", "1.0.0", realLeaf("sigstore@1.0.0")), TODAY).passed())
                .isTrue();
        assertThat(decision.passed()).isFalse();
        assertThat(decision.message()).isEqualTo("built from https://github.com/sigstore/sigstore-js by a workflow "
                + "outside that repository at refs/tags/v1.0.0 and signed by "
                + "https://github.com/sigstore-release/workflows/.github/workflows/publish.yml, but sigstore may only "
                + "be signed by a workflow in https://github.com/sigstore/sigstore-js");
    }

    @Test
    void signerWorkflowsNameTheWorkflowsThatMaySignInsteadOfTheRepositories() throws Exception {
        String builder = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                + "builder_nodejs_slsa3.yml";
        Policy policy = policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                    signer-workflows: [%s]
                """.formatted(builder));
        PackageResult byBuilder = verifiedWith("nuxt", "4.1.2", signedBy(builder + "@refs/tags/v2.0.0"));
        PackageResult byOther = verifiedWith("nuxt", "4.1.2", signedBy(
                "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"
                        + "@refs/tags/v2.0.0"));

        PolicyDecision other = policy.evaluate(byOther, TODAY);
        // the named workflows replace the default: the source repository's own workflow no longer signs
        PolicyDecision own = policy.evaluate(verifiedWith("nuxt", "4.1.2", realLeaf("nuxt@4.1.2")), TODAY);

        assertThat(policy.evaluate(byBuilder, TODAY).passed()).isTrue();
        assertThat(other.passed()).isFalse();
        assertThat(other.message()).endsWith("and signed by https://github.com/slsa-framework/slsa-github-generator/"
                + ".github/workflows/generator_generic_slsa3.yml, but nuxt may only be signed by " + builder);
        assertThat(own.passed()).isFalse();
        assertThat(own.message()).endsWith("and signed by https://github.com/nuxt/nuxt/.github/workflows/release.yml,"
                + " but nuxt may only be signed by " + builder);
        // a pattern can trust a repository's workflows, as gh attestation verify --signer-repo does
        assertThat(policy("""
                trusted-sources:
                  - package: nuxt
                    repositories: [https://github.com/nuxt/nuxt]
                    signer-workflows: [https://github.com/slsa-framework/slsa-github-generator/*]
                """).evaluate(byOther, TODAY).passed()).isTrue();
    }

    static Stream<Arguments> disagreeingExtensions() {
        return Stream.of(
                Arguments.of("1", "https://oauth2.sigstore.dev/auth", "OIDC issuer"),
                Arguments.of("8", "https://oauth2.sigstore.dev/auth", "OIDC issuer"),
                Arguments.of("2", "workflow_dispatch", "build trigger"),
                Arguments.of("20", "workflow_dispatch", "build trigger"),
                Arguments.of("3", "0".repeat(40), "source repository digest"),
                Arguments.of("13", "0".repeat(40), "source repository digest"),
                Arguments.of("5", "sigstore/sigstore-js-fork", "source repository"),
                Arguments.of("5", "sigstore-js", "source repository"),
                Arguments.of("12", "https://github.com/sigstore/sigstore-js-fork", "source repository"),
                Arguments.of("6", "refs/heads/evil", "source repository ref"),
                Arguments.of("14", "refs/heads/evil", "source repository ref"));
    }

    @ParameterizedTest(name = "1.{0} = {1}")
    @MethodSource("disagreeingExtensions")
    void aCertificateWhoseDeprecatedAndNewExtensionsDisagreeIsRefused(String field, String value, String what)
            throws Exception {
        // Fulcio writes both from the same token claim; slsa-verifier refuses a certificate where they differ
        // rather than believe one of them
        X509Certificate contradictory = edited(realLeaf("sigstore@1.3.0"), Map.of(field, value));

        assertThatThrownBy(() -> FulcioCertificate.facts(contradictory, 1))
                .isInstanceOf(AttestationException.class)
                .satisfies(e -> assertThat(((AttestationException) e).code()).isEqualTo("CERTIFICATE_CLAIMS_DISAGREE"))
                .hasMessageStartingWith("the signing certificate contradicts itself: its " + what + " is ")
                .hasMessageContaining("\"" + value + "\"");
    }

    @Test
    void anOlderCertificateIsReadFromTheDeprecatedExtensionsAlone() throws Exception {
        ProvenanceFacts facts = FulcioCertificate.facts(realLeaf("sigstore@1.0.0"), 1);

        assertThat(facts.sourceRepository()).isEqualTo("https://github.com/sigstore/sigstore-js");
        assertThat(facts.ref()).isEqualTo("refs/tags/v1.0.0");
        assertThat(facts.buildTrigger()).isEqualTo("release");
        assertThat(facts.oidcIssuer()).isEqualTo("https://token.actions.githubusercontent.com");
    }

    @Test
    void claimsLongerThanAShortDerLengthAreReadWhole() throws Exception {
        // a branch name of 200 characters: its extensions (and their OCTET STRING wrappers) need DER's long length
        // form, one length byte for the ref, two for the build config URI; misread, the workflow would be lost
        String ref = "refs/heads/" + "release-branch-".repeat(13) + "x".repeat(4);
        String config = "https://github.com/nuxt/nuxt/.github/workflows/release.yml@" + ref + "/" + "y".repeat(60);
        assertThat(ref.length()).isBetween(200, 255);
        assertThat(config.length()).isGreaterThan(255);
        // signed by a reusable workflow elsewhere, so that only the build config URI names the caller's workflow
        String signer = "https://github.com/nuxt/shared/.github/workflows/publish.yml@refs/heads/main";
        X509Certificate longClaims = edited(realLeaf("nuxt@4.1.2"),
                Map.of("14", ref, "6", ref, "18", config, "san", signer, "9", signer));

        ProvenanceFacts facts = FulcioCertificate.facts(longClaims, 1);

        assertThat(facts.ref()).isEqualTo(ref);
        assertThat(facts.workflowPath()).isEqualTo(".github/workflows/release.yml");
        assertThat(facts.sourceRepository()).isEqualTo("https://github.com/nuxt/nuxt");
    }

    @Test
    void aClaimOfTheLongestShortDerLengthIsReadWhole() throws Exception {
        // 127 bytes is the longest length DER writes in one byte (0x7F): the deprecated 1.6 ref is an OCTET STRING
        // of that length, the 1.14 one a UTF8String of it; misread as a long-form length, both would be lost, and
        // with them the ref the predicate is compared with and a policy's refs: match
        String ref = "refs/heads/" + "r".repeat(116);
        assertThat(ref).hasSize(0x7F);
        X509Certificate longest = edited(realLeaf("nuxt@4.1.2"), Map.of("14", ref, "6", ref));

        ProvenanceFacts facts = FulcioCertificate.facts(longest, 1);

        assertThat(facts.ref()).isEqualTo(ref);
        assertThat(FulcioCertificate.derValue(new DERUTF8String(ref).getEncoded(), 0x0C))
                .isEqualTo(ref.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
