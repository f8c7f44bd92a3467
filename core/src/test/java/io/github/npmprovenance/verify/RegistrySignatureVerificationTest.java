package io.github.npmprovenance.verify;

import static io.github.npmprovenance.testing.Verification.result;
import static io.github.npmprovenance.testing.Verification.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForgedRegistryKey;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registry signature rules, each against real recorded registry data, and each with that data mutated. */
class RegistrySignatureVerificationTest {
    private final FixtureRegistry registry = FixtureRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private static TestLockfile realPackages() {
        return new TestLockfile()
                .add("sigstore", "1.0.0")
                .add("tuf-js", "1.0.0")
                .add("nuxt", "3.13.0")
                .addAlias("nuxt4", "nuxt", "4.1.2");
    }

    @Test
    void realSignaturesFromTheOldAndTheNewKeyVerify() {
        List<PackageResult> results = verify(realPackages(), registry);

        // all four also carry verified provenance
        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat(results).extracting(r -> signature(r).outcome()).containsOnly(Outcome.PASS);
        assertThat(result(results, "nuxt@4.1.2").checks()).extracting(CheckResult::message)
                .contains("registry signature verified (SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U)");
        assertThat(result(results, "sigstore@1.0.0").checks()).extracting(CheckResult::message)
                .contains("registry signature verified (SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA)");
    }

    @Test
    void everyRealSignatureInTheNuxtPackumentVerifies() {
        TestLockfile lockfile = new TestLockfile();
        var versions = registry.packument("nuxt").path("versions");
        versions.fieldNames().forEachRemaining(v -> {
            if (versions.path(v).path("dist").has("signatures")) {
                // aliases let one lockfile hold every version of one package
                lockfile.addAlias("nuxt-" + v, "nuxt", v);
            }
        });

        List<PackageResult> results = verify(lockfile, registry);

        assertThat(results).hasSize(377).extracting(r -> signature(r).outcome()).containsOnly(Outcome.PASS);
        assertThat(registry.requestCount("nuxt")).isEqualTo(1);
    }

    private static CheckResult signature(PackageResult result) {
        return result.checks().stream().filter(c -> c.name().equals(CheckResult.REGISTRY_SIGNATURE)).findFirst()
                .orElseThrow();
    }

    @Test
    void flippedSignatureByteIsInvalid() {
        ObjectNode signature = (ObjectNode) registry.version("nuxt", "3.13.0").path("dist").path("signatures").get(0);
        byte[] der = Base64.getDecoder().decode(signature.get("sig").asText());
        der[der.length - 5] ^= 0x01;
        signature.put("sig", Base64.getEncoder().encodeToString(der));

        List<PackageResult> results = verify(realPackages(), registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("SIGNATURE_INVALID");
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void everySignatureOfAVersionMustVerifyNotOnlyTheFirst() {
        // npm checks every entry of dist.signatures: nuxt@3.13.0's real one, then a copy with a flipped byte, or
        // one naming a key the registry does not serve
        var signatures = (com.fasterxml.jackson.databind.node.ArrayNode) registry.version("nuxt", "3.13.0")
                .path("dist").path("signatures");
        ObjectNode flipped = signatures.get(0).deepCopy();
        byte[] der = Base64.getDecoder().decode(flipped.get("sig").asText());
        der[der.length - 5] ^= 0x01;
        signatures.add(flipped.put("sig", Base64.getEncoder().encodeToString(der)));
        var unknown = (com.fasterxml.jackson.databind.node.ArrayNode) registry.version("sigstore", "1.0.0")
                .path("dist").path("signatures");
        unknown.add(((ObjectNode) unknown.get(0).deepCopy()).put("keyid", "SHA256:notARealKeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        List<PackageResult> results = verify(realPackages(), registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("SIGNATURE_INVALID");
        PackageResult sigstore = result(results, "sigstore@1.0.0");
        assertThat(sigstore.status()).isEqualTo(Status.INVALID);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("UNKNOWN_KEY");
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void anotherVersionsGenuineSignedDistServedForThisVersionIsInvalid() {
        // a mirror serving nuxt@3.12.4's real dist (integrity, signature by the same key, attestations) as 3.13.0, and
        // a lockfile pinning those bytes as 3.13.0: the integrities agree, but the registry signed 3.12.4, not 3.13.0
        ObjectNode older = (ObjectNode) registry.version("nuxt", "3.12.4").get("dist").deepCopy();
        registry.version("nuxt", "3.13.0").set("dist", older);
        TestLockfile lockfile = realPackages();
        lockfile.entry("nuxt").put("integrity", older.get("integrity").asText());

        List<PackageResult> results = verify(lockfile, registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.checks()).extracting(CheckResult::name, CheckResult::outcome, CheckResult::code).startsWith(
                org.assertj.core.groups.Tuple.tuple(CheckResult.INTEGRITY, Outcome.PASS, ""),
                org.assertj.core.groups.Tuple.tuple(CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID"));
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void signatureThatIsNotDerOrNotBase64IsMalformed() {
        // the real signature with another ASN.1 type in its first byte (a GraphicString), and one that is not base64
        ObjectNode nuxt = (ObjectNode) registry.version("nuxt", "3.13.0").path("dist").path("signatures").get(0);
        byte[] der = Base64.getDecoder().decode(nuxt.get("sig").asText());
        der[0] = 0x19;
        nuxt.put("sig", Base64.getEncoder().encodeToString(der));
        ((ObjectNode) registry.version("sigstore", "1.0.0").path("dist").path("signatures").get(0)).put("sig", "%%%");

        List<PackageResult> results = verify(realPackages(), registry);

        for (String id : List.of("nuxt@3.13.0", "sigstore@1.0.0")) {
            PackageResult result = result(results, id);
            assertThat(result.status()).as(id).isEqualTo(Status.INVALID);
            assertThat(result.decisiveCheck().orElseThrow().code()).as(id).isEqualTo("SIGNATURE_MALFORMED");
        }
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void signatureWithANegativeDerIntegerIsMalformedThoughTheJdkWouldAcceptIt() {
        // nuxt@3.13.0's real s is 0x00 0xeb...: without its leading zero it is negative in DER, which npm's OpenSSL
        // refuses and the JDK's verifier reads as the same unsigned number; the strict P-256 path must decide
        ObjectNode signature = (ObjectNode) registry.version("nuxt", "3.13.0").path("dist").path("signatures").get(0);
        byte[] der = Base64.getDecoder().decode(signature.get("sig").asText());
        assertThat(der[0x25]).as("s is 33 bytes").isEqualTo((byte) 0x21);
        assertThat(der[0x26]).isZero();
        byte[] unpadded = new byte[der.length - 1];
        System.arraycopy(der, 0, unpadded, 0, 0x26);
        unpadded[1] = (byte) (der[1] - 1);
        unpadded[0x25] = 0x20;
        System.arraycopy(der, 0x27, unpadded, 0x26, der.length - 0x27);
        signature.put("sig", Base64.getEncoder().encodeToString(unpadded));

        List<PackageResult> results = verify(realPackages(), registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("SIGNATURE_MALFORMED");
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aKeyOnAnotherCurveThanP256IsCheckedAsTheJdkChecksIt() throws Exception {
        // a registry of its own may serve any EC key, as npm takes any: the P-256 paths do not apply, the JDK's does
        ForgedRegistryKey p384 = new ForgedRegistryKey("secp384r1");
        p384.addTo(registry.keys());
        ObjectNode tufJs = (ObjectNode) registry.version("tuf-js", "1.0.0").path("dist");
        p384.signAs(tufJs, "tuf-js", "1.0.0", tufJs.get("integrity").asText());
        // and sigstore@1.0.0 signed by it as another version
        ObjectNode sigstore = (ObjectNode) registry.version("sigstore", "1.0.0").path("dist");
        p384.signAs(sigstore, "sigstore", "1.0.1", sigstore.get("integrity").asText());

        List<PackageResult> results = verify(realPackages(), registry);

        PackageResult tuf = result(results, "tuf-js@1.0.0");
        assertThat(tuf.status()).isEqualTo(Status.SIGNED);
        assertThat(tuf.reason()).isEqualTo("registry signature verified (" + p384.keyId() + ")");
        PackageResult other = result(results, "sigstore@1.0.0");
        assertThat(other.status()).isEqualTo(Status.INVALID);
        assertThat(other.decisiveCheck().orElseThrow().code()).isEqualTo("SIGNATURE_INVALID");
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void emptyOrMissingSignatureValueIsInvalid() {
        // npm: an entry whose sig is empty or absent does not verify (EINTEGRITYSIGNATURE)
        ((ObjectNode) registry.version("nuxt", "3.13.0").path("dist").path("signatures").get(0)).put("sig", "");
        ((ObjectNode) registry.version("sigstore", "1.0.0").path("dist").path("signatures").get(0)).remove("sig");

        List<PackageResult> results = verify(realPackages(), registry);

        for (String id : List.of("nuxt@3.13.0", "sigstore@1.0.0")) {
            PackageResult result = result(results, id);
            assertThat(result.status()).as(id).isEqualTo(Status.INVALID);
            assertThat(result.decisiveCheck().orElseThrow().name()).as(id).isEqualTo(CheckResult.REGISTRY_SIGNATURE);
        }
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void registryIntegrityChangedUnderItsSignatureIsInvalid() {
        TestLockfile lockfile = realPackages();
        String forged = "sha512-" + Base64.getEncoder().encodeToString(new byte[64]);
        ((ObjectNode) registry.version("tuf-js", "1.0.0").path("dist")).put("integrity", forged);
        lockfile.entry("tuf-js").put("integrity", forged);

        PackageResult tuf = result(verify(lockfile, registry), "tuf-js@1.0.0");

        // the lockfile agrees with the forged registry integrity, but the signature does not
        assertThat(tuf.status()).isEqualTo(Status.INVALID);
        assertThat(tuf.checks()).extracting(CheckResult::code).startsWith("", "SIGNATURE_INVALID");
        // and the provenance, which binds the real tarball, no longer matches what the lockfile pins
        assertThat(tuf.checks()).extracting(CheckResult::code).contains("SUBJECT_DIGEST_MISMATCH");
    }

    @Test
    void lockfileIntegrityDifferentFromTheRegistrysIsInvalid() {
        TestLockfile lockfile = realPackages();
        String original = lockfile.entry("sigstore").get("integrity").asText();
        lockfile.entry("sigstore").put("integrity", original.substring(0, 10) + "A" + original.substring(11));

        PackageResult sigstore = result(verify(lockfile, registry), "sigstore@1.0.0");

        assertThat(sigstore.status()).isEqualTo(Status.INVALID);
        assertThat(sigstore.reason()).isEqualTo("lockfile integrity differs from the registry's (sha512)");
    }

    @Test
    void aSecondPinOfOneVersionWithAnotherIntegrityIsVerifiedOnItsOwn() {
        // tuf-js@1.0.0 pinned twice, the second time (another folder, as an alias installs it) with one character of
        // its real integrity changed: verified once for both, the second would pass on the first's result
        TestLockfile lockfile = realPackages().addAlias("tuf-js-copy", "tuf-js", "1.0.0");
        String original = lockfile.entry("tuf-js-copy").get("integrity").asText();
        String tampered = original.substring(0, 10) + (original.charAt(10) == 'A' ? "B" : "A") + original.substring(11);
        lockfile.entry("tuf-js-copy").put("integrity", tampered);

        List<PackageResult> results = verify(lockfile, registry);

        assertThat(results).filteredOn(r -> r.pkg().id().equals("tuf-js@1.0.0"))
                .extracting(r -> r.pkg().integrity().orElseThrow().raw(), PackageResult::status,
                        r -> r.decisiveCheck().orElseThrow().code())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(original, Status.VERIFIED, ""),
                        org.assertj.core.groups.Tuple.tuple(tampered, Status.INVALID, "INTEGRITY_MISMATCH"));
    }

    @Test
    void signedVersionWithoutRegistryIntegrityCannotBeVerified() {
        // the signature is over name@version:integrity, and the registry no longer says which integrity (nor its
        // sha1 shasum, which npm would take in its place)
        ((ObjectNode) registry.version("nuxt", "3.13.0").path("dist")).remove(List.of("integrity", "shasum"));

        List<PackageResult> results = verify(realPackages(), registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.ERROR);
        assertThat(nuxt.checks()).filteredOn(c -> c.name().equals(CheckResult.INTEGRITY))
                .extracting(CheckResult::code).containsExactly("REGISTRY_INTEGRITY_MISSING");
        assertThat(signature(nuxt).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(signature(nuxt).code()).isEqualTo("REGISTRY_INTEGRITY_MISSING");
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void lockfileEntryWithNoIntegrityNpmReadsCannotBeVerified() {
        // npm's ssri ignores an entry with an upper-case algorithm: nothing pins what gets installed
        TestLockfile lockfile = realPackages();
        String original = lockfile.entry("sigstore").get("integrity").asText();
        lockfile.entry("sigstore").put("integrity", original.replace("sha512-", "SHA512-"));
        // and an entry with none at all
        lockfile.entry("tuf-js").remove("integrity");

        List<PackageResult> results = verify(lockfile, registry);

        for (String id : List.of("sigstore@1.0.0", "tuf-js@1.0.0")) {
            PackageResult result = result(results, id);
            assertThat(result.status()).as(id).isEqualTo(Status.ERROR);
            assertThat(result.checks()).as(id).extracting(CheckResult::code).contains("LOCKFILE_INTEGRITY_MISSING");
        }
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void lockfileListingAForeignDigestBesideTheRegistrysIsInvalid() {
        // npm would accept a download from the lockfile's resolved host matching either sha512
        TestLockfile lockfile = realPackages();
        String original = lockfile.entry("sigstore").get("integrity").asText();
        String foreign = original.substring(0, 10) + "A" + original.substring(11);
        lockfile.entry("sigstore").put("integrity", original + " " + foreign)
                .put("resolved", "https://evil.example/sigstore/-/sigstore-1.0.0.tgz");

        PackageResult sigstore = result(verify(lockfile, registry), "sigstore@1.0.0");

        assertThat(sigstore.status()).isEqualTo(Status.INVALID);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("INTEGRITY_MISMATCH");
        assertThat(sigstore.reason()).isEqualTo("lockfile integrity differs from the registry's (sha512): it lists 2"
                + " sha512 digests, not all of them the registry's, and npm accepts any one");
    }

    @Test
    void provenanceCannotVouchForALockfileThatPinsTwoTarballs() throws Exception {
        // A registry of the pull request's choosing (its .npmrc) serves nuxt@4.1.2 with a digest of its own tarball
        // beside the real one, signed by its own key, and the real attestations. npm installs a tarball matching
        // either digest the lockfile lists; the real provenance is about the real tarball only. Checked against
        // the first digest alone, this was VERIFIED, "built from github.com/nuxt/nuxt"
        ForgedRegistryKey own = new ForgedRegistryKey();
        own.addTo(registry.keys());
        ObjectNode dist = (ObjectNode) registry.version("nuxt", "4.1.2").path("dist");
        String real = dist.get("integrity").asText();
        String other = real.substring(0, 10) + (real.charAt(10) == 'A' ? "B" : "A") + real.substring(11);
        var attestations = dist.get("attestations");
        own.signAs(dist, "nuxt", "4.1.2", other + " " + real);
        dist.set("attestations", attestations);
        TestLockfile lockfile = realPackages();
        lockfile.entry("nuxt4").put("integrity", real + " " + other);

        PackageResult nuxt = result(verify(lockfile, registry), "nuxt@4.1.2");

        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.checks()).extracting(CheckResult::code).containsExactly("", "", "LOCKFILE_SHA512_AMBIGUOUS");
        assertThat(nuxt.reason()).isEqualTo("the lockfile pins 2 different sha512 digests, and npm installs a tarball"
                + " that matches any one of them: provenance is about one tarball, so it cannot vouch for them all");
        assertThat(nuxt.provenance()).isEmpty();
    }

    @Test
    void lockfileWhoseCheckedHashTheRegistryDoesNotPublishCannotBeVerified() {
        // npm ignores an upper-case SHA512 entry and checks the sha1, which could be any tarball's
        TestLockfile lockfile = realPackages();
        String original = lockfile.entry("sigstore").get("integrity").asText();
        lockfile.entry("sigstore").put("integrity", original.replace("sha512-", "SHA512-")
                + " sha1-PHqLus+Z0Pl4J2vSm9lJEQBrcsc=")
                .put("resolved", "https://evil.example/sigstore/-/sigstore-1.0.0.tgz");

        PackageResult sigstore = result(verify(lockfile, registry), "sigstore@1.0.0");

        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.checks()).extracting(CheckResult::code).contains("INTEGRITY_NO_COMMON_ALGORITHM");
    }

    @Test
    void lockfileWhoseStrongestHashTheRegistryDoesNotPublishIsNotBound() {
        // the registry's document for sigstore@2.0.0 without its dist.integrity, so that it publishes only its
        // real sha1 shasum; the lockfile pins the real sha512 and that sha1: npm checks the sha512, which nothing
        // the registry publishes vouches for
        ObjectNode dist = (ObjectNode) registry.version("sigstore", "2.0.0").path("dist");
        dist.remove("integrity");
        // and without its attestations (recorded without the publish attestation), whose failure would come first
        dist.remove("attestations");
        String sha1 = "sha1-" + Base64.getEncoder().encodeToString(
                java.util.HexFormat.of().parseHex(dist.get("shasum").asText()));
        TestLockfile lockfile = new TestLockfile().add("sigstore", "2.0.0");
        lockfile.entry("sigstore").put("integrity", lockfile.entry("sigstore").get("integrity").asText() + " " + sha1);

        PackageResult sigstore = result(verify(lockfile, registry), "sigstore@2.0.0");

        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.decisiveCheck().orElseThrow())
                .extracting(CheckResult::name, CheckResult::code)
                .containsExactly(CheckResult.INTEGRITY, "INTEGRITY_NOT_BOUND");
    }

    @Test
    void provenanceCannotBeBoundToALockfileThatPinsNoSha512() {
        // the lockfile pins sigstore@2.0.0 by its real sha1 alone, as lockfiles of old packages do: the provenance
        // names the tarball's sha512, and nothing in the lockfile says which bytes that must be
        TestLockfile lockfile = new TestLockfile().add("sigstore", "2.0.0");
        lockfile.entry("sigstore").put("integrity", "sha1-" + Base64.getEncoder().encodeToString(
                java.util.HexFormat.of().parseHex(registry.version("sigstore", "2.0.0").path("dist").path("shasum")
                        .asText())));

        PackageResult sigstore = result(verify(lockfile, registry), "sigstore@2.0.0");

        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.provenance()).isEmpty();
        assertThat(sigstore.checks()).filteredOn(c -> c.name().equals(CheckResult.PROVENANCE))
                .extracting(CheckResult::outcome, CheckResult::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.ERROR, "LOCKFILE_SHA512_MISSING"));
    }

    @Test
    void unknownKeyIdIsInvalid() {
        ((ObjectNode) registry.version("sigstore", "1.0.0").path("dist").path("signatures").get(0))
                .put("keyid", "SHA256:notARealKeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        PackageResult sigstore = result(verify(realPackages(), registry), "sigstore@1.0.0");

        assertThat(sigstore.status()).isEqualTo(Status.INVALID);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void keyThatExpiredBeforePublicationIsInvalid() {
        // nuxt 4.1.2 was published 2025-09-12 with the new key; pretend that key expired in 2025-01
        ((ObjectNode) registry.keys().path("keys").get(1)).put("expires", "2025-01-01T00:00:00.000Z");

        List<PackageResult> results = verify(realPackages(), registry);

        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.INVALID);
        assertThat(result(results, "nuxt@4.1.2").decisiveCheck().orElseThrow().code()).isEqualTo("KEY_EXPIRED");
        // the old key's real expiry (2025-01-29) is after these versions were published
        assertThat(result(results, "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void keyExpiringAtTheVeryMomentOfPublicationIsInvalid() {
        // npm: a key signs validly only for versions published strictly before it expires
        String published = registry.packument("nuxt").path("time").path("4.1.2").asText();
        ((ObjectNode) registry.keys().path("keys").get(1)).put("expires", published);

        PackageResult nuxt = result(verify(realPackages(), registry), "nuxt@4.1.2");

        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("KEY_EXPIRED");
    }

    @Test
    void keyExpiringWithinTheMillisecondOfPublicationIsInvalidAsNpmReadsIt() {
        // npm's Date.parse keeps milliseconds: "…35.3809Z" is 35.380, the very publish time, so the key had expired
        String published = registry.packument("nuxt").path("time").path("4.1.2").asText();
        assertThat(published).endsWith("Z").matches(".*\\.\\d{3}Z");
        ((ObjectNode) registry.keys().path("keys").get(1)).put("expires", published.replace("Z", "9Z"));

        PackageResult nuxt = result(verify(realPackages(), registry), "nuxt@4.1.2");

        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("KEY_EXPIRED");
    }

    @Test
    void servedKeysCannotDropTheEmbeddedCopysExpiry() {
        // the embedded copy of the old key says it expired mid-2023; the registry (or a snapshot) serves it
        // without any expiry
        String oldKey = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
        RegistryKeys embedded = new RegistryKeys(RegistryKeys.embeddedPublicNpm().keys().stream()
                .map(k -> !k.keyId().equals(oldKey) ? k : new io.github.npmprovenance.registry.RegistryKey(k.keyId(),
                        k.keyType(), k.scheme(), k.publicKey(), k.encoded(), k.usage(), k.validFrom(),
                        Optional.of(java.time.Instant.parse("2023-06-01T00:00:00Z"))))
                .toList());
        for (var key : registry.keys().path("keys")) {
            ((ObjectNode) key).remove("expires");
        }
        Registry fixture = new Registry(registry.url(), Optional.empty());

        List<PackageResult> results = Verification.verify(realPackages(), RegistryConfig.of(fixture),
                Verification.http(), Map.of(fixture.baseUri(), embedded));

        // nuxt 3.13.0 was published in 2024 with the old key; sigstore 1.0.0 in 2022
        assertThat(result(results, "nuxt@3.13.0").status()).isEqualTo(Status.INVALID);
        assertThat(result(results, "nuxt@3.13.0").decisiveCheck().orElseThrow().code()).isEqualTo("KEY_EXPIRED");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aServedExpiryEarlierThanTheEmbeddedCopysHolds() {
        // the embedded copy of the old key expires 2025-01-29; the registry says it expired when nuxt 3.13.0 was
        // published (a key withdrawn early): of the two, the earlier expiry holds
        String oldKey = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
        String published = registry.packument("nuxt").path("time").path("3.13.0").asText();
        for (var key : registry.keys().path("keys")) {
            if (key.path("keyid").asText().equals(oldKey)) {
                ((ObjectNode) key).put("expires", published);
            }
        }
        Registry fixture = new Registry(registry.url(), Optional.empty());

        List<PackageResult> results = Verification.verify(realPackages(), RegistryConfig.of(fixture),
                Verification.http(), Map.of(fixture.baseUri(), RegistryKeys.embeddedPublicNpm()));

        assertThat(result(results, "nuxt@3.13.0").status()).isEqualTo(Status.INVALID);
        assertThat(result(results, "nuxt@3.13.0").decisiveCheck().orElseThrow().code()).isEqualTo("KEY_EXPIRED");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void keyWithExpiryButNoPublishTimeCannotBeVerified() {
        ((ObjectNode) registry.packument("nuxt").path("time")).remove("3.13.0");

        PackageResult nuxt = result(verify(realPackages(), registry), "nuxt@3.13.0");

        assertThat(nuxt.status()).isEqualTo(Status.ERROR);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("PUBLISH_TIME_UNKNOWN");
    }

    @Test
    void versionWithoutSignatureFromASigningRegistryIsUnsigned() {
        // the recorded sigstore@2.3.1 document carries no dist.signatures
        PackageResult result = verify(new TestLockfile().add("sigstore", "2.3.1"), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.UNSIGNED);
        assertThat(result.reason()).contains("has no signature for this version");
    }

    @Test
    void registryWithoutKeysSkipsAVersionItDoesNotSign() {
        registry.removeKeys();

        // the recorded sigstore@2.0.0 carries no registry signature and only keyless (Fulcio) provenance
        PackageResult result = verify(new TestLockfile().add("sigstore", "2.0.0"), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).isEqualTo("registry publishes no signing keys");
    }

    @Test
    void aRegistryAnsweringBadRequestForItsKeysPublishesNone() {
        // Sonatype Nexus answers 400, not 404, for /-/npm/v1/keys; npm audit signatures takes E400 as "no keys" too
        // (npm/cli#5479), rather than failing every package of the registry
        registry.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.BAD_REQUEST, 100);

        assertTheRegistryPublishesNoKeys();
    }

    /** An unsigned version is skipped; a signed one still cannot be checked without keys, as with a 404. */
    private void assertTheRegistryPublishesNoKeys() {
        List<PackageResult> results = verify(new TestLockfile().add("sigstore", "2.0.0").add("tuf-js", "1.0.0"),
                registry);

        assertThat(result(results, "sigstore@2.0.0").status()).isEqualTo(Status.SKIPPED);
        assertThat(result(results, "sigstore@2.0.0").reason()).isEqualTo("registry publishes no signing keys");
        assertThat(signature(result(results, "tuf-js@1.0.0")).code()).isEqualTo("REGISTRY_KEYS_MISSING");
    }

    @Test
    void aRegistryAnsweringGoneForItsKeysCouldNotBeAskedAsNpmHasIt() {
        // npm audit signatures takes only E404 and E400 for "no keys" and fails on any other answer: a 410 from a
        // proxy or mirror must not make an unsigned version SKIPPED, which passes by default
        registry.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.GONE, 100);

        PackageResult result = verify(new TestLockfile().add("sigstore", "2.0.0"), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(signature(result).code()).isEqualTo("REGISTRY_HTTP_ERROR");
        assertThat(result.reason()).contains("HTTP 410");
    }

    @Test
    void signatureFromARegistryServingNoKeysIsNotSkipped() {
        // npm audit signatures fails it: EMISSINGSIGNATUREKEY "has a registry signature with keyid: ... but no
        // corresponding public key can be found"; here it could not be verified, as for a registry known to sign
        registry.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.NOT_FOUND, 100);

        List<PackageResult> results = verify(realPackages(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results).extracting(r -> signature(r).code()).containsOnly("REGISTRY_KEYS_MISSING");
        assertThat(signature(result(results, "tuf-js@1.0.0")).message()).isEqualTo("signed with key "
                + "\"SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA\", but the registry publishes no signing keys"
                + " to check it with");
    }

    @Test
    void registryKnownToSignButServingNoKeysIsAnError() {
        registry.removeKeys();
        Registry fixture = new Registry(registry.url(), Optional.empty());

        List<PackageResult> results = Verification.verify(realPackages(), RegistryConfig.of(fixture),
                Verification.http(), Map.of(fixture.baseUri(), RegistryKeys.embeddedPublicNpm()));

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results.get(0).decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_KEYS_MISSING");
        // registry.npmjs.org serves them: where they are missing, what is in between (a corporate mirror answering
        // for it, a proxy) does not pass that request on, and the message says where to look
        assertThat(results.get(0).decisiveCheck().orElseThrow().message()).isEqualTo(fixture.baseUri() + " is known to sign its packages "
                + "but serves no keys at /-/npm/v1/keys (a mirror or proxy answering in its place that does not "
                + "pass this request on?)");
    }

    @ParameterizedTest(name = "{0}")
    // a fully qualified name, its root's empty label written out, is the same host: the same known registry
    @ValueSource(strings = {"https://registry.npmjs.org/", "https://registry.npmjs.org./",
        "https://Registry.NPMJS.org./", "http://registry.npmjs.org./"})
    void thePublicRegistryByAnyNameOfItsHostIsKnownToSign(String url) {
        // the fixtures answer for it, serving no keys; the recorded sigstore@2.0.0 carries no registry signature
        registry.removeKeys();
        RegistrySource answering = new ForwardingRegistrySource(Verification.http(),
                Optional.of(new Registry(registry.url(), Optional.empty())));

        PackageResult result = Verification.verify(new TestLockfile().add("sigstore", "2.0.0"),
                RegistryConfig.of(Registry.of(url)), answering,
                Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm())).get(0);

        // before, for a name ending in a dot: SKIPPED "registry publishes no signing keys", passing
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(signature(result).code()).isEqualTo("REGISTRY_KEYS_MISSING");
    }

    @Test
    void servedKeyContradictingTheEmbeddedCopyIsAnError() {
        String otherKey = registry.keys().path("keys").get(1).get("key").asText();
        ((ObjectNode) registry.keys().path("keys").get(0)).put("key", otherKey);
        Registry fixture = new Registry(registry.url(), Optional.empty());

        List<PackageResult> results = Verification.verify(realPackages(), RegistryConfig.of(fixture),
                Verification.http(), Map.of(fixture.baseUri(), RegistryKeys.embeddedPublicNpm()));

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results.get(0).decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_KEYS_MISMATCH");
    }

    private static String tamperedIntegrity() throws Exception {
        return "sha512-" + Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-512")
                .digest("tampered".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private List<PackageResult> verifyAsThePublicRegistry(TestLockfile lockfile) {
        // https://registry.npmjs.org/ as a run has it, answered by the fixtures: as a TLS interception the JVM trusts
        // would answer, or the registry itself if compromised
        RegistrySource answering = new ForwardingRegistrySource(Verification.http(),
                Optional.of(new Registry(registry.url(), Optional.empty())));
        return Verification.verify(lockfile, RegistryConfig.of(Registry.of("https://registry.npmjs.org/")), answering,
                Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm()));
    }

    @Test
    void aKeyThePublicRegistryServesBesideItsKnownOnesSignsNothing() throws Exception {
        ForgedRegistryKey added = new ForgedRegistryKey();
        added.addTo(registry.keys());
        String tampered = tamperedIntegrity();
        added.signAs((ObjectNode) registry.version("tuf-js", "1.0.0").path("dist"), "tuf-js", "1.0.0", tampered);

        List<PackageResult> results = verifyAsThePublicRegistry(new TestLockfile().add("sigstore", "1.0.0")
                .add("tuf-js", "1.0.0", tampered));

        // before, over https: SIGNED, "registry signature verified" by the added key
        PackageResult tufJs = result(results, "tuf-js@1.0.0");
        assertThat(tufJs.status()).isEqualTo(Status.INVALID);
        assertThat(signature(tufJs).code()).isEqualTo("UNKNOWN_KEY");
        assertThat(signature(tufJs).message()).isEqualTo("signed with key \"" + added.keyId() + "\", which the "
                + "registry serves but is not among the keys it is known to sign with (those embedded in this tool, "
                + "or given to the run in their place): a new key of the registry's needs those updated");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aRegistryKnownToSignSignsWithItsOwnKnownKeysNotAnotherKnownRegistrys() {
        String currentKey = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";
        RegistryKeys withoutCurrent = new RegistryKeys(RegistryKeys.embeddedPublicNpm().keys().stream()
                .filter(k -> !k.keyId().equals(currentKey)).toList());
        Registry fixture = new Registry(registry.url(), Optional.empty());

        List<PackageResult> results = Verification.verify(realPackages(), RegistryConfig.of(fixture),
                Verification.http(), Map.of(fixture.hostUri(), withoutCurrent,
                        Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm()));

        // nuxt 4.1.2 is signed with the current key, which only the public registry is known to sign with
        assertThat(signature(result(results, "nuxt@4.1.2")).code()).isEqualTo("UNKNOWN_KEY");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    /**
     * The rotated-out key's real material served under another id, without expiry, and the signature naming it; the
     * material written as {@code written} makes it.
     */
    private void serveTheOldKeyAsANewOne(java.util.function.UnaryOperator<String> written) {
        String oldKey = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
        var keys = (com.fasterxml.jackson.databind.node.ArrayNode) registry.keys().path("keys");
        ObjectNode old = null;
        for (var key : keys) {
            if (key.path("keyid").asText().equals(oldKey)) {
                old = (ObjectNode) key;
            }
        }
        keys.add(old.deepCopy().put("keyid", "SHA256:alias").put("key", written.apply(old.path("key").asText()))
                .putNull("expires"));
        ((ObjectNode) registry.version("sigstore", "1.0.0").path("dist").path("signatures").get(0))
                .put("keyid", "SHA256:alias");
        // published after the embedded copy's expiry, 2025-01-29
        ((ObjectNode) registry.packument("sigstore").path("time")).put("1.0.0", "2026-01-01T00:00:00.000Z");
    }

    @Test
    void theRotatedOutKeyServedUnderAnotherIdKeepsItsExpiryOnAnyRegistry() {
        serveTheOldKeyAsANewOne(key -> key);

        List<PackageResult> mirror = Verification.verify(new TestLockfile().add("sigstore", "1.0.0"),
                RegistryConfig.of(new Registry(registry.url(), Optional.empty())), Verification.http(),
                Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm()));
        List<PackageResult> publicRegistry = verifyAsThePublicRegistry(new TestLockfile().add("sigstore", "1.0.0"));

        // before, over https: VERIFIED, the key signing again with no expiry at all
        assertThat(signature(mirror.get(0)).code()).isEqualTo("KEY_EXPIRED");
        assertThat(mirror.get(0).status()).isEqualTo(Status.INVALID);
        assertThat(signature(publicRegistry.get(0)).code()).isEqualTo("UNKNOWN_KEY");
        assertThat(publicRegistry.get(0).status()).isEqualTo(Status.INVALID);
    }

    @Test
    void theRotatedOutKeyWrittenWithoutItsBase64PaddingSignsNothing() {
        // the same key, which compared as text passed for another, without the embedded expiry; Node refuses it
        serveTheOldKeyAsANewOne(key -> key.replaceAll("=+$", ""));

        PackageResult sigstore = Verification.verify(new TestLockfile().add("sigstore", "1.0.0"),
                RegistryConfig.of(new Registry(registry.url(), Optional.empty())), Verification.http(),
                Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm())).get(0);

        // before: VERIFIED, "registry signature verified (SHA256:alias)"
        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(signature(sigstore).code()).isEqualTo("SIGNATURE_UNCHECKABLE");
    }

    /** The rotated-out key's real DER written otherwise, as {@code der} makes it: the JDK and Node read it alike. */
    private static java.util.function.UnaryOperator<String> rewrittenDer(java.util.function.UnaryOperator<byte[]> der) {
        return key -> Base64.getEncoder().encodeToString(der.apply(Base64.getDecoder().decode(key)));
    }

    private PackageResult sigstoreOnAMirror(Map<java.net.URI, RegistryKeys> known) {
        return Verification.verify(new TestLockfile().add("sigstore", "1.0.0"),
                RegistryConfig.of(new Registry(registry.url(), Optional.empty())), Verification.http(), known).get(0);
    }

    @Test
    void theRotatedOutKeyWithBytesAfterItsDerSignsNothing() {
        serveTheOldKeyAsANewOne(rewrittenDer(der -> java.util.Arrays.copyOf(der, der.length + 2)));

        PackageResult sigstore = sigstoreOnAMirror(Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm()));

        // before: VERIFIED, "registry signature verified (SHA256:alias)"
        assertThat(signature(sigstore).code()).isEqualTo("SIGNATURE_UNCHECKABLE");
        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
    }

    @Test
    void theRotatedOutKeyWithALongFormLengthSignsNothing() {
        // its BIT STRING's length 0x42 written 81 42 (BER, not DER), the outer length one more
        serveTheOldKeyAsANewOne(rewrittenDer(der -> {
            byte[] longer = new byte[der.length + 1];
            System.arraycopy(der, 0, longer, 0, 24);
            longer[1] = (byte) (der[1] + 1);
            longer[24] = (byte) 0x81;
            System.arraycopy(der, 24, longer, 25, der.length - 24);
            assertThat(longer[23]).isEqualTo((byte) 0x03);
            return longer;
        }));

        PackageResult sigstore = sigstoreOnAMirror(Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm()));

        // before: VERIFIED
        assertThat(signature(sigstore).code()).isEqualTo("SIGNATURE_UNCHECKABLE");
    }

    @Test
    void theRotatedOutKeyWithABitStringClaimingAnUnusedBitSignsNothing() {
        // the point's last bit is 0, so an unused-bits count of 1 (03 42 01 04 …) leaves the same key, which the JDK
        // writes back as read
        serveTheOldKeyAsANewOne(rewrittenDer(der -> {
            byte[] claimed = der.clone();
            assertThat(claimed[25]).isZero();
            assertThat(claimed[claimed.length - 1] & 1).isZero();
            claimed[25] = 1;
            return claimed;
        }));

        PackageResult sigstore = sigstoreOnAMirror(Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm()));

        // before: VERIFIED
        assertThat(signature(sigstore).code()).isEqualTo("SIGNATURE_UNCHECKABLE");
    }

    /** The embedded keys file, changed by {@code change}, as --registry-keys would give it. */
    private static RegistryKeys keysFile(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ArrayNode>
            change) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        ObjectNode file = (ObjectNode) mapper.readTree(RegistryKeys.class.getResourceAsStream(
                "npm-registry-keys.json"));
        change.accept((com.fasterxml.jackson.databind.node.ArrayNode) file.path("keys"));
        return RegistryKeys.parseTrusted(mapper.writeValueAsBytes(file));
    }

    private static ObjectNode withoutEnd(com.fasterxml.jackson.databind.JsonNode entry) {
        ObjectNode copy = entry.deepCopy();
        ((ObjectNode) copy.path("publicKey").path("validFor")).remove("end");
        return copy;
    }

    @Test
    void theEarliestExpiryOfAKnownKeysCopiesHoldsForItsMaterialOnAMirror() throws Exception {
        // the old key's attestations copy first, without an end; its signatures copy ends 2025-01-29
        RegistryKeys known = keysFile(keys -> keys.insert(0, withoutEnd(keys.remove(1))));
        serveTheOldKeyAsANewOne(key -> key);

        // before: PASS, the first copy found deciding
        assertThat(signature(sigstoreOnAMirror(Map.of(Registry.PUBLIC_NPM, known))).code()).isEqualTo("KEY_EXPIRED");
    }

    @Test
    void aKeysFileListingOneKeyTwiceForOneUseIsRefused() {
        // which copy held would depend on their order: twice for signatures, or once for any use (as
        // /-/npm/v1/keys lists it) and once for signatures
        var oldKey = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
        List<java.util.function.Consumer<com.fasterxml.jackson.databind.node.ArrayNode>> twice = List.of(
                keys -> keys.insert(0, withoutEnd(keys.get(0))),
                keys -> keys.insert(0, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("keyid", oldKey).put("key", keys.get(0).path("publicKey").path("rawBytes").asText())
                        .putNull("expires")));
        for (var change : twice) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> keysFile(change))
                    .isInstanceOf(io.github.npmprovenance.registry.RegistryException.class)
                    .hasMessage("the key " + oldKey + " is listed twice for one use");
        }
    }

    @Test
    void aMirrorServingThePublicRegistrysKeyIdWithOtherMaterialIsAnError() throws Exception {
        // a key id is the hash of its material, and a mirror passes the public registry's keys on unchanged
        String currentKey = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";
        ForgedRegistryKey forged = new ForgedRegistryKey();
        var keys = (com.fasterxml.jackson.databind.node.ArrayNode) registry.keys().path("keys");
        forged.addTo(registry.keys());
        String material = keys.remove(keys.size() - 1).path("key").asText();
        for (var key : keys) {
            if (key.path("keyid").asText().equals(currentKey)) {
                ((ObjectNode) key).put("key", material);
            }
        }
        String tampered = tamperedIntegrity();
        ObjectNode dist = (ObjectNode) registry.version("tuf-js", "1.0.0").path("dist");
        forged.signAs(dist, "tuf-js", "1.0.0", tampered);
        ((ObjectNode) dist.path("signatures").get(0)).put("keyid", currentKey);

        PackageResult tufJs = Verification.verify(new TestLockfile().add("tuf-js", "1.0.0", tampered),
                RegistryConfig.of(new Registry(registry.url(), Optional.empty())), Verification.http(),
                Map.of(Registry.PUBLIC_NPM, RegistryKeys.embeddedPublicNpm())).get(0);

        // before: SIGNED, "registry signature verified (SHA256:DhQ8wR5…)", the public registry's key named
        assertThat(tufJs.status()).isEqualTo(Status.ERROR);
        assertThat(signature(tufJs).code()).isEqualTo("REGISTRY_KEYS_MISMATCH");
    }

    @Test
    void anEmptyListOfKeysIsNoKeysAsNpmHasIt() {
        // npm audits a registry's packages only where it serves at least one key
        registry.keys().putArray("keys");

        // before: UNSIGNED, "the registry publishes signing keys but has no signature for this version"
        assertTheRegistryPublishesNoKeys();
    }

    @Test
    void thePublicRegistryServingAnEmptyListOfKeysServesNone() {
        registry.keys().putArray("keys");

        List<PackageResult> results = verifyAsThePublicRegistry(realPackages());

        // before: INVALID, "not among the registry's signing keys", as if the packages had been tampered with
        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results).extracting(r -> signature(r).code()).containsOnly("REGISTRY_KEYS_MISSING");
    }

    /** nuxt@3.13.0, every served key's {@code expires} being the JSON given. */
    private PackageResult nuxtWithEveryKeyExpiring(String expires) throws Exception {
        var value = new com.fasterxml.jackson.databind.ObjectMapper().readTree(expires);
        for (var key : registry.keys().path("keys")) {
            ((ObjectNode) key).set("expires", value);
        }
        return result(verify(realPackages(), registry), "nuxt@3.13.0");
    }

    @ParameterizedTest(name = "expires: {0}")
    @ValueSource(strings = {"\"\"", "0", "false", "null"})
    void anExpiryNpmTakesForFalseIsNoExpiry(String expires) throws Exception {
        PackageResult nuxt = nuxtWithEveryKeyExpiring(expires);

        // npm tests !publicKey.expires first; before: INVALID, "expired on 1970-01-01T00:00:00Z", in both checks
        assertThat(nuxt.status()).isEqualTo(Status.VERIFIED);
    }

    @ParameterizedTest(name = "expires: {0}")
    @ValueSource(strings = {"true", "1"})
    void anExpiryNpmTakesForTrueButCannotReadHasPassed(String expires) throws Exception {
        // no false value: npm passes !publicKey.expires, and Date.parse of it is no date after any publication
        // (EEXPIREDSIGNATUREKEY); read as no expiry, the key would sign for ever
        PackageResult nuxt = nuxtWithEveryKeyExpiring(expires);

        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(signature(nuxt).code()).isEqualTo("KEY_EXPIRED");
        assertThat(signature(nuxt).message()).contains("expired on 1970-01-01T00:00:00Z");
    }

    @Test
    void unpublishedVersionAndUnknownPackageAreErrorsForThemAlone() {
        TestLockfile lockfile = realPackages()
                .add("left-pad", "1.3.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
        lockfile.entry("nuxt").put("version", "99.0.0");

        List<PackageResult> results = verify(lockfile, registry);

        assertThat(result(results, "nuxt@99.0.0").decisiveCheck().orElseThrow().code()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(result(results, "left-pad@1.3.0").decisiveCheck().orElseThrow().code())
                .isEqualTo("REGISTRY_NOT_FOUND");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aLegalNameWithTwoDotsIsAskedForLikeAnyOther() {
        TestLockfile lockfile = realPackages()
                .add("a..b", "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));

        List<PackageResult> results = verify(lockfile, registry);

        // the fixture registry does not have it: a plain not-found, not an internal error
        assertThat(result(results, "a..b@1.0.0").decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_NOT_FOUND");
        assertThat(registry.requests()).anyMatch(r -> r.path().equals("/a..b"));
    }

    @Test
    void scopedNamesStartingWithAnUnderscoreAreAskedForLikeAnyOther() {
        // only an unscoped name may not start with _: npm publishes @scope/_private, and a scope may be _user's
        TestLockfile lockfile = realPackages();
        for (String name : List.of("@scope/_private", "@_user/pkg")) {
            lockfile.add(name, "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
        }

        List<PackageResult> results = verify(lockfile, registry);

        assertThat(result(results, "@scope/_private@1.0.0").decisiveCheck().orElseThrow().code())
                .isEqualTo("REGISTRY_NOT_FOUND");
        assertThat(result(results, "@_user/pkg@1.0.0").decisiveCheck().orElseThrow().code())
                .isEqualTo("REGISTRY_NOT_FOUND");
        assertThat(registry.requests()).anyMatch(r -> r.path().equals("/@scope%2f_private"));
        assertThat(registry.requests()).anyMatch(r -> r.path().equals("/@_user%2fpkg"));
    }

    @Test
    void versionsWithLongNumbersAreAskedForAsSemverReadsThem() {
        // a date-stamped patch (10 digits) is a version npm installs; 17 digits is past Number.MAX_SAFE_INTEGER
        TestLockfile lockfile = realPackages();
        for (String version : List.of("3.13.1698765432", "3.13.12345678901234567")) {
            // installed under another folder name (an alias), since node_modules/nuxt holds 3.13.0
            String folder = "nuxt-" + version;
            lockfile.add(folder, version, "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
            lockfile.entry(folder).put("name", "nuxt")
                    .put("resolved", "https://registry.npmjs.org/nuxt/-/nuxt-" + version + ".tgz");
        }

        List<PackageResult> results = verify(lockfile, registry);

        assertThat(result(results, "nuxt@3.13.1698765432").decisiveCheck().orElseThrow().code())
                .isEqualTo("VERSION_NOT_FOUND");
        assertThat(result(results, "nuxt@3.13.12345678901234567").decisiveCheck().orElseThrow().code())
                .isEqualTo("INVALID_VERSION");
        assertThat(result(results, "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void hostileNamesNeverReachTheRegistry() {
        // as the entry's "name": a key like node_modules/../../etc/passwd is refused with the lockfile
        TestLockfile lockfile = realPackages();
        lockfile.add("evil", "1.0.0", "sha512-" + Base64.getEncoder().encodeToString(new byte[64]));
        lockfile.entry("evil").put("name", "../../etc/passwd").remove("resolved");

        List<PackageResult> results = verify(lockfile, registry);

        assertThat(result(results, "../../etc/passwd@1.0.0").decisiveCheck().orElseThrow().code())
                .isEqualTo("INVALID_PACKAGE_NAME");
        assertThat(registry.requests()).noneMatch(r -> r.path().contains("passwd"));
    }
}
