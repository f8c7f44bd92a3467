package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void readsEntriesAsSsriDoes() {
        // ssri takes lower-case algorithm names only, keeps any digest up to a '?', and ignores the rest
        Integrity parsed = Integrity.parse("md5-abc SHA512-xyz nonsense -x sha999-q sha512-!!!?opts");

        assertThat(parsed.digests("sha512")).containsExactly("!!!");
        assertThat(parsed.digests("md5")).containsExactly("abc");
        assertThat(parsed.strongestAlgorithm()).contains("sha512");
        assertThat(Integrity.parse("nonsense SHA1-x").isEmpty()).isTrue();
    }

    @Test
    void anUpperCaseAlgorithmIsNotWhatNpmChecks() {
        // npm ignores the SHA512 entry and checks the sha1, which the registry does not publish here
        Integrity lockfile = Integrity.parse(SHA512.replace("sha512-", "SHA512-") + " " + OTHER_SHA1);

        assertThat(lockfile.strongestAlgorithm()).contains("sha1");
        assertThat(lockfile.bindingTo(Integrity.parse(SHA512))).isEqualTo(Integrity.Binding.NO_COMMON_ALGORITHM);
    }

    @Test
    void unicodeWhitespaceSeparatesEntriesAsInJavaScript() {
        Integrity lockfile = Integrity.parse(SHA512 + "\u00A0" + OTHER_SHA512 + "\u2003");

        assertThat(lockfile.digests("sha512")).hasSize(2);
        assertThat(lockfile.bindingTo(Integrity.parse(SHA512))).isEqualTo(Integrity.Binding.DIFFERENT);
    }

    @Test
    void aNextLineCharacterDoesNotHideTheEntriesAroundIt() {
        // U+0085 is no whitespace to JavaScript, so ssri keeps both sha512 digests of this value
        Integrity lockfile = Integrity.parse(SHA512 + " " + OTHER_SHA512 + "?\u0085");

        assertThat(lockfile.digests("sha512")).hasSize(2);
        assertThat(lockfile.bindingTo(Integrity.parse(SHA512))).isEqualTo(Integrity.Binding.DIFFERENT);
    }

    @Test
    void npmRanksSha224AboveSha1() {
        Integrity lockfile = Integrity.parse("sha224-AAAA " + SHA1);

        assertThat(lockfile.strongestAlgorithm()).contains("sha224");
        assertThat(lockfile.bindingTo(Integrity.parse(SHA1))).isEqualTo(Integrity.Binding.UNBOUND);
    }

    @Test
    void digestsCompareAsWrittenAsNpmComparesThem() {
        Integrity unpadded = Integrity.parse(SHA512.substring(0, SHA512.length() - 2));

        assertThat(unpadded.bindingTo(Integrity.parse(SHA512))).isEqualTo(Integrity.Binding.DIFFERENT);
    }

    /** ssri's own reading, as regular expressions: the hand-written scanner must agree with it on any string. */
    @Test
    void readsEveryStringAsSsriDoes() {
        Pattern whitespace = Pattern.compile(
                "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+");
        Pattern entry = Pattern.compile("([a-z0-9]+)-([^?]+)(\\?.*)?", Pattern.DOTALL);
        // the ends of each range: a, z, 0, 9 in algorithm names, U+2000 and U+200A among the spaces
        String[] pieces = {"sha512", "sha1", "md5", "a", "z", "Z", "0", "9", "-", "--", "?", "?x", "=", "/", "+", " ",
            "\t", "\u000B", "\u00A0", "\u2000", "\u2003", "\u200A", "\u200B", "\u2028", "\u3000", "\uFEFF", "\u0085",
            "\u0001", "é"};
        Random random = new Random(20261127);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (String part : whitespace.split(value)) {
                Matcher matcher = entry.matcher(part);
                if (matcher.matches()) {
                    expected.computeIfAbsent(matcher.group(1), a -> new ArrayList<>()).add(matcher.group(2));
                }
            }

            Integrity parsed = Integrity.parse(value.toString());

            assertThat(parsed.digestsByAlgorithm()).as("%s", value).isEqualTo(expected);
            assertThat(List.copyOf(parsed.digestsByAlgorithm().keySet())).as("%s", value)
                    .isEqualTo(List.copyOf(expected.keySet()));
        }
    }

    /**
     * A lockfile comes from the pull request under review: a value of many entries (a million here, 3 MB, well within
     * a JSON string's 20 M characters) must take time in proportion to its length, as ssri's expressions do, not to
     * its square (a search for each entry's '?' through the rest of the value took half a minute on this one).
     */
    @Test
    void aLongValueOfManyEntriesTakesLinearTime() {
        String value = "a- ".repeat(1_000_000) + "sha512-x?y";

        Integrity parsed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Integrity.parse(value));

        assertThat(parsed.digestsByAlgorithm()).isEqualTo(Map.of("sha512", List.of("x")));
    }
}
