package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegrityTest {
    private static final String SHA512 =
            "sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqYD0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==";
    private static final String SHA1 = "sha1-PHqLus+Z0Pl4J2vSm9lJEQBrcsc=";

    /** Another well-formed sha512 digest: a tarball that is not the registry's. */
    private static final String OTHER_SHA512 = "sha512-AAAA" + SHA512.substring(11);
    private static final String OTHER_SHA1 = "sha1-AAAA" + SHA1.substring(9);

    @Test
    void bindsOnTheAlgorithmNpmChecks() {
        Integrity lockfile = Integrity.parse(SHA512 + " " + SHA1);

        assertThat(lockfile.bindingTo(Integrity.parse(SHA512))).isEqualTo(Integrity.Binding.BOUND);
        assertThat(lockfile.bindingTo(Integrity.parse(SHA512 + " " + SHA1))).isEqualTo(Integrity.Binding.BOUND);
        assertThat(lockfile.strongestCommonAlgorithm(Integrity.parse(SHA512))).contains("sha512");
    }

    @Test
    void aMatchingWeakHashDoesNotRescueAMismatchingStrongOne() {
        Integrity tampered = Integrity.parse(OTHER_SHA512 + " " + SHA1);

        assertThat(tampered.bindingTo(Integrity.parse(SHA512 + " " + SHA1))).isEqualTo(Integrity.Binding.DIFFERENT);
        assertThat(tampered.differingAlgorithm(Integrity.parse(SHA512 + " " + SHA1))).contains("sha512");
    }

    @Test
    void aForeignDigestListedBesideTheRegistrysIsNotBound() {
        // npm accepts a download matching any listed sha512, so the second one would let other bytes in
        Integrity lockfile = Integrity.parse(SHA512 + " " + OTHER_SHA512);

        assertThat(lockfile.bindingTo(Integrity.parse(SHA512))).isEqualTo(Integrity.Binding.DIFFERENT);
        assertThat(Integrity.parse(OTHER_SHA512 + " " + SHA512).bindingTo(Integrity.parse(SHA512)))
                .isEqualTo(Integrity.Binding.DIFFERENT);
    }

    @Test
    void aWeakerHashThatContradictsTheRegistryIsNotBound() {
        assertThat(Integrity.parse(SHA512 + " " + OTHER_SHA1).bindingTo(Integrity.parse(SHA512 + " " + SHA1)))
                .isEqualTo(Integrity.Binding.DIFFERENT);
    }

    @Test
    void aMatchingSha1BesideASha512TheRegistryDoesNotPublishIsUnbound() {
        // npm checks the sha512, which nothing ties to the registry; the matching sha1 proves nothing about it
        assertThat(Integrity.parse(OTHER_SHA512 + " " + SHA1).bindingTo(Integrity.parse(SHA1)))
                .isEqualTo(Integrity.Binding.UNBOUND);
    }

    @Test
    void oldLockfilesWithOnlySha1StillCompare() {
        assertThat(Integrity.parse(SHA1).bindingTo(Integrity.parse(SHA512 + " " + SHA1)))
                .isEqualTo(Integrity.Binding.BOUND);
        assertThat(Integrity.parse(SHA1).bindingTo(Integrity.parse(SHA512)))
                .isEqualTo(Integrity.Binding.NO_COMMON_ALGORITHM);
    }

    @Test
    void ignoresUnknownAlgorithmsAndGarbage() {
        Integrity parsed = Integrity.parse("md5-abc sha999-xyz nonsense sha512-!!!");
        assertThat(parsed.isEmpty()).isTrue();
        assertThat(parsed.strongestAlgorithm()).isEmpty();
    }
}
