package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Snapshot file names: one file per name or version, on every file system, whatever the text. */
class StoreNamesTest {

    @Test
    void commonNamesAndVersionsStayReadable() {
        assertThat(StoreNames.fileName("nuxt")).isEqualTo("nuxt");
        assertThat(StoreNames.fileName("@sigstore/tuf")).isEqualTo("@sigstore%2ftuf");
        assertThat(StoreNames.fileName("lodash.merge")).isEqualTo("lodash.merge");
        assertThat(StoreNames.fileName("3.13.0")).isEqualTo("3.13.0");
        assertThat(StoreNames.fileName("1.0.0-rc.1+build_5")).isEqualTo("1.0.0-rc.1+build_5");
    }

    @Test
    void upperCaseIsWrittenSoThatCaseInsensitiveFileSystemsKeepEveryName() {
        assertThat(StoreNames.fileName("JSONStream")).isEqualTo("!j!s!o!n!stream");
        assertThat(StoreNames.fileName("1.0.0-RC1")).isEqualTo("1.0.0-!r!c1");
        assertThat(StoreNames.fileName("@Scope/Name")).isEqualTo("@!scope%2f!name");
        // the ends of each range, and their neighbours outside it: a snapshot written by one release is read by
        // the next under these very names
        assertThat(StoreNames.fileName("AZaz09")).isEqualTo("!a!zaz09");
        assertThat(StoreNames.fileName("@[`{/:")).isEqualTo("@%5b%60%7b%2f%3a");
    }

    /** Characters Windows refuses in a name ({@code *}), 8.3 short names' {@code ~}, and the escapes themselves. */
    @Test
    void charactersNotSafeEverywhereAreEscaped() {
        assertThat(StoreNames.fileName("~x")).isEqualTo("%7ex");
        assertThat(StoreNames.fileName("a*b")).isEqualTo("a%2ab");
        assertThat(StoreNames.fileName("a!b%c")).isEqualTo("a%21b%25c");
        assertThat(StoreNames.fileName("a:b\\c d")).isEqualTo("a%3ab%5cc%20d");
        assertThat(StoreNames.fileName("é")).isEqualTo("%c3%a9");
    }

    @Test
    void windowsDeviceNamesAndEdgeDotsAreEscaped() {
        assertThat(StoreNames.fileName("con")).isEqualTo("%63on");
        assertThat(StoreNames.fileName("nul.js")).isEqualTo("%6eul.js");
        assertThat(StoreNames.fileName("com1")).isEqualTo("%63om1");
        assertThat(StoreNames.fileName("console")).isEqualTo("console");
        assertThat(StoreNames.fileName("CON")).isEqualTo("!c!o!n");
        assertThat(StoreNames.fileName("a.")).isEqualTo("a%2e");
        assertThat(StoreNames.fileName(".")).isEqualTo("%2e");
        assertThat(StoreNames.fileName("..")).isEqualTo("%2e%2e");
    }

    @Test
    void differentTextsNeverShareAFileEvenIgnoringCase() {
        List<String> texts = List.of("JSONStream", "jsonstream", "JsonStream", "!jsonstream", "%21jsonstream",
                "1.0.0-RC1", "1.0.0-rc1", "1.0.0-Rc1", "a/b", "a%2fb", "a%2Fb", "con", "%63on", "Con", "a.", "a%2e",
                "a~1", "a%7e1", ".", "%2e", "..", "%2e.", ".%2e", "é", "%c3%a9");
        Set<String> folded = new HashSet<>();
        for (String text : texts) {
            String name = StoreNames.fileName(text);
            assertThat(name).as(text).matches("[a-z0-9._@+!%-]+").doesNotEndWith(".").doesNotStartWith(".")
                    .isEqualTo(name.toLowerCase(Locale.ROOT));
            assertThat(folded.add(name)).as("%s → %s is another text's name", text, name).isTrue();
        }
    }

    /** A version may have 256 characters, and escaping may triple a name: cut to what a file system takes. */
    @Test
    void namesTooLongForAFileSystemAreCutShortAndStayApart() {
        String longest = "1.0.0-" + "a".repeat(250);
        List<String> texts = List.of(longest, longest.substring(0, 255) + "b", "1.0.0-" + "A".repeat(250),
                "1.0.0-" + "a".repeat(244), "@" + "S".repeat(100) + "/" + "N".repeat(112));
        Set<String> names = new HashSet<>();
        for (String text : texts) {
            String name = StoreNames.fileName(text, ".json");
            assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(text).hasSizeLessThanOrEqualTo(255);
            assertThat(name).as(text).matches("[a-z0-9._@+!%-]+").doesNotStartWith(".").endsWith(".json");
            assertThat(names.add(name)).as(text).isTrue();
        }
        // a name that fits is written as before, so snapshots already recorded are read as they were
        assertThat(StoreNames.fileName("1.0.0-" + "a".repeat(244), ".json")).isEqualTo("1.0.0-" + "a".repeat(244) + ".json");
        assertThat(StoreNames.fileName(longest, ".json")).startsWith("1.0.0-aaaa").contains("%%");
    }
}
