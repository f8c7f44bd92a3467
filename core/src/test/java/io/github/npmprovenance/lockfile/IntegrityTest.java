package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegrityTest {
    private static final String SHA512 =
            "sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqYD0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==";
    private static final String SHA1 = "sha1-PHqLus+Z0Pl4J2vSm9lJEQBrcsc=";

    @Test
    void comparesTheStrongestCommonAlgorithm() {
        Integrity lockfile = Integrity.parse(SHA512 + " " + SHA1);
        Integrity registry = Integrity.parse(SHA512);

        assertThat(lockfile.strongestCommonAlgorithm(registry)).contains("sha512");
        assertThat(lockfile.matches(registry)).isTrue();
    }

    @Test
    void aMatchingWeakHashDoesNotRescueAMismatchingStrongOne() {
        Integrity tampered = Integrity.parse("sha512-AAAA" + SHA512.substring(11) + " " + SHA1);
        Integrity registry = Integrity.parse(SHA512 + " " + SHA1);

        assertThat(tampered.matches(registry)).isFalse();
    }

    @Test
    void oldLockfilesWithOnlySha1StillCompare() {
        assertThat(Integrity.parse(SHA1).matches(Integrity.parse(SHA512 + " " + SHA1))).isTrue();
        assertThat(Integrity.parse(SHA1).matches(Integrity.parse(SHA512))).isFalse();
    }

    @Test
    void ignoresUnknownAlgorithmsAndGarbage() {
        Integrity parsed = Integrity.parse("md5-abc sha999-xyz nonsense sha512-!!!");
        assertThat(parsed.isEmpty()).isTrue();
        assertThat(parsed.strongestAlgorithm()).isEmpty();
    }
}
