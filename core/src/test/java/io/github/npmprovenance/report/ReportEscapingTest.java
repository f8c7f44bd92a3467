package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Lockfile text is hostile: a package name must not be able to inject formatting, links, HTML or terminal codes. */
class ReportEscapingTest {
    private static final String HOSTILE = "evil|`x`<img src=x onerror=alert(1)>[click](https://evil.example)\n# "
            + "\u001b[31mred\u0007";

    private static Report report() {
        return report(HOSTILE);
    }

    private static Report report(String name) {
        LockedPackage pkg = new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false,
                List.of(new Location("web/package-lock.json", 12)));
        PackageResult result = PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.SOURCE, Outcome.ERROR,
                "INVALID_PACKAGE_NAME", "bad name " + name)));
        return Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(result), FailOn.DEFAULT);
    }

    @Test
    void markdownCarriesNoActiveSyntaxFromPackageNames() {
        String markdown = new MarkdownReportWriter().render(report());
        String row = markdown.lines().filter(l -> l.contains("evil")).findFirst().orElseThrow();

        assertThat(row).doesNotContain("<img", "](", "`x`", "\u001b").contains("&lt;img").contains("&#124;");
        // the table row keeps exactly its five cells
        assertThat(row.chars().filter(c -> c == '|').count()).isEqualTo(6);
        assertThat(markdown).doesNotContain("\n# ");
    }

    @Test
    void aLockfilePathCannotEndItsCodeSpan() {
        Report report = report().mapPaths(path -> "web\n\n<img src=x>\u202e/package-lock.json");

        String markdown = new MarkdownReportWriter().render(report);

        assertThat(markdown).contains("Lockfile `web??<img src=x>?/package-lock.json`, 1 package, fail-on");
    }

    @Test
    void markdownAsGitHubRendersItHasNoLinksMentionsOrReferences() {
        // a scoped name reads as a team mention, www. and https:// as links, #1 as an issue
        String[] hostile = {"@octocat/team", "www.evil.example", "https://evil.example/x", "WWW.Evil.example",
            "see #1 and @octocat", "http://evil.example", "octocat/hello-world#1", "GH-1", "gh-2", "café@admin"};
        var parser = org.commonmark.parser.Parser.builder().extensions(List.of(
                org.commonmark.ext.autolink.AutolinkExtension.create(),
                org.commonmark.ext.gfm.tables.TablesExtension.create())).build();
        var html = org.commonmark.renderer.html.HtmlRenderer.builder().extensions(List.of(
                org.commonmark.ext.autolink.AutolinkExtension.create(),
                org.commonmark.ext.gfm.tables.TablesExtension.create())).build();
        var text = org.commonmark.renderer.text.TextContentRenderer.builder().extensions(List.of(
                org.commonmark.ext.gfm.tables.TablesExtension.create())).build();

        for (String name : hostile) {
            String table = "| package |\n|---|\n| " + Escape.markdown(name) + " |\n";
            var document = parser.parse(table);
            String rendered = html.render(document);
            // what a reader sees, once entities are decoded: the same text, word joiners aside
            String seen = text.render(document);

            assertThat(rendered).as(name).doesNotContain("<a ");
            assertThat(seen.replace("\u2060", "")).as(name).contains(name);
            assertThat(seen).as(name).doesNotContainPattern("[@#][A-Za-z0-9]").doesNotContainPattern("(?i)gh-[0-9]")
                    .doesNotContain("www.", "://");
        }
        // a name@version copies as it reads; GitHub does not take it for an e-mail address with the @ an entity
        assertThat(Escape.markdown("nuxt@3.13.0")).isEqualTo("nuxt&#64;3.13.0");
    }

    @Test
    void markdownAddsNoWordJoinerWhereGitHubLinksNothing() {
        // a word joiner breaks www. and GH-1; in names that merely begin so, it would only be copied along
        for (String name : List.of("wwwhisper@1.0.0", "ghost@1.0.0", "highlight-gh@2.0.0", "WWW-x", "gh_pages")) {
            assertThat(Escape.markdown(name).replace("&#64;", "@").replace("&#95;", "_")).isEqualTo(name);
        }
    }

    @Test
    void markdownCarriesNoMathFromPackageNames() {
        // the name of an entry that pins a remote tarball is the lockfile's key, checked by no registry: GitHub renders
        // $…$ and $$…$$ as math, which sets it in a size and position of its own (found by fuzzing the reports)
        LockedPackage pkg = new LockedPackage("$x^2$$$y_{1}$$", "1.0.0", Optional.empty(),
                Optional.of("https://evil.example/x.tgz"), SourceKind.REMOTE_TARBALL, false, false, false,
                List.of(new Location("package-lock.json", 7)));
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(PackageResult.of(pkg,
                List.of(CheckResult.of(CheckResult.SOURCE, Outcome.SKIPPED, "", "installed from a remote tarball")))),
                FailOn.DEFAULT);

        String markdown = new MarkdownReportWriter().render(report);

        assertThat(markdown).doesNotContain("$").contains("&#36;x^2&#36;&#36;&#36;y&#95;{1}&#36;&#36;&#64;\u20601.0.0");
    }

    @Test
    void aSourceRepositoryNameIsTextNotMarkdown() {
        // GitHub's repository names may hold dots and underscores; a report read back from JSON (the Jenkins
        // controller reads the agent's) may name any such repository, with a commit that is no commit id
        ProvenanceFacts facts = new ProvenanceFacts("https://github.com/www.evil.example/_x_", "HEAD", "", "", "", "",
                "https://token.actions.githubusercontent.com", "", 7, "https://search.sigstore.dev/?logIndex=7");

        String cell = MarkdownReportWriter.source(facts);

        assertThat(cell).startsWith("www\u2060.evil.example/&#95;x&#95; ").doesNotContain("www.", "_x_");
    }

    @Test
    void aReportCutToALimitEndsInNoEntityOrCodeSpan() {
        // a row longer than half the limit is cut inside it: "&#35" (of "&#35;", the escaped #) then shows as #35,
        // a reference to issue 35, and a cut inside the lockfile's code span left it open, the rest read as Markdown
        LockedPackage pkg = new LockedPackage("#".repeat(300), "1.0.0", Optional.empty(),
                Optional.of("https://evil.example/x.tgz"), SourceKind.REMOTE_TARBALL, false, false, false,
                List.of(new Location("package-lock.json", 7)));
        Report report = Report.of("web/" + "@octocat/".repeat(40) + "package-lock.json", "https://registry.npmjs.org/",
                List.of(PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.SOURCE, Outcome.SKIPPED, "",
                        "installed from a remote tarball")))), FailOn.DEFAULT);
        String markdown = new MarkdownReportWriter().render(report);

        for (int limit = 200; limit < TextLimit.utf8Length(markdown); limit++) {
            // in bytes for a check run or job summary, in characters for a pull request comment
            String bytesCut = TextLimit.markdownUtf8Bytes(markdown, limit, "\n\n(truncated)");
            String charsCut = TextLimit.markdownUtf16Chars(markdown, limit, "\n\n(truncated)");

            assertThat(TextLimit.utf8Length(bytesCut)).isLessThanOrEqualTo(limit);
            assertThat(charsCut.length()).as("cut at %d", limit).isLessThanOrEqualTo(limit);
            for (String cut : List.of(bytesCut, charsCut)) {
                String kept = cut.substring(0, cut.length() - "\n\n(truncated)".length()).replace("\n\n</details>", "");
                assertThat(kept).as("cut at %d", limit).doesNotContainPattern("&[#0-9A-Za-z]*$");
                assertThat(kept.lines().filter(line -> line.chars().filter(c -> c == '`').count() % 2 == 1))
                        .as("cut at %d", limit).isEmpty();
            }
        }
    }

    @Test
    void markdownHasNoCommitReferences() {
        // GitHub links owner/repo@<7 to 40 hex digits> (and user@…) to that commit: a remote tarball entry's key
        // and version, which no registry checks, made such a package id
        String id = "octocat/hello-world@a5c3785ed8d6a35868bc169f07e40e889087fd2e";

        assertThat(Escape.markdown(id)).isEqualTo("octocat/hello-world&#64;\u2060a5c3785ed8d6a35868bc169f07e40e889087fd2e");
        assertThat(Escape.markdown("jlord@a5c3785 and x@deadbeef0")).contains("&#64;\u2060a5c3785", "&#64;\u2060deadbeef0");
        // a version is no commit: name@version still copies as it reads
        assertThat(Escape.markdown("nuxt@3.13.0")).isEqualTo("nuxt&#64;3.13.0");
        assertThat(Escape.markdown("x@1.2.3-abcdef0")).isEqualTo("x&#64;1.2.3-abcdef0");
    }

    @Test
    void sarifMessagesCarryNoEmbeddedLinksOrPlaceholders() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReportWriter("test").write(report(), out);
        String message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray())
                .path("runs").get(0).path("results").get(0).path("message").path("text").asText();

        // SARIF viewers (GitHub code scanning among them) render [text](target) as a link and {0} as an argument
        assertThat(message).contains("\\[click\\](https://evil.example)").doesNotContain("\u001b", "\n");
        assertThat(Escape.sarifText("{0} [a]{b}")).isEqualTo("{{0}} \\[a\\]{{b}}");
    }

    @Test
    void sarifBackslashesCannotUnescapeABracketIntoALink() {
        // a version string from the lockfile, written to close the escaping
        for (String hostile : List.of("\\[docs\\](https://evil.example)", "\\\\[x](1)", "a\\", "[a\\](2)")) {
            String message = Escape.sarifText(hostile);

            assertThat(embeddedLink(message)).as(message).isFalse();
            assertThat(unescapeSarif(message)).isEqualTo(hostile);
        }
    }

    /** Whether a SARIF plain text message holds an embedded link, read by SARIF 2.1.0 §3.11.6's grammar. */
    private static boolean embeddedLink(String message) {
        int open = -1;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\\' && i + 1 < message.length() && "\\[]".indexOf(message.charAt(i + 1)) >= 0) {
                i++;
            } else if (c == '[') {
                open = i;
            } else if (c == ']' && open >= 0 && i + 1 < message.length() && message.charAt(i + 1) == '(') {
                return true;
            }
        }
        return false;
    }

    private static String unescapeSarif(String message) {
        return message.replaceAll("\\\\([\\\\\\[\\]])", "$1").replace("{{", "{").replace("}}", "}");
    }

    @Test
    void textOutputCarriesNoTerminalControlCodesOrLineBreaks() {
        StringWriter out = new StringWriter();
        new TextReportWriter(false).write(report(), new PrintWriter(out));

        assertThat(out.toString()).doesNotContain("\u001b", "\u0007").contains("evil|`x`")
                .contains(": 1 package in web/package-lock.json: ");
        assertThat(out.toString().lines().filter(l -> l.startsWith("# "))).isEmpty();
    }

    @Test
    void aCommandHiddenByMarksTheRunnerIgnoresIsNotOneInTheLog() {
        // GitHub's runner finds "##[" with .NET's culture-aware IndexOf, which on Linux is ICU's search over the root
        // collation: it skips every completely ignorable character, not only the format characters. These are some
        // (ICU 72's usearch finds "##[" in "x#" + c + "#[a" for each): a Hebrew accent, the Arabic tatweel and tail
        // fragment, a Mongolian nirugu, an enclosing Cyrillic mark, a musical stem, and a Znamenny mark that Java
        // 17's Unicode 13 does not yet know
        String ignorable = "\u0591\u0640\uFE73\u180A\u0488" + Character.toString(0x1D165) + Character.toString(0x1CF00);
        ignorable.codePoints().forEach(c -> {
            String mark = Character.toString(c);
            for (String name : List.of("x#" + mark + "#[add-mask]y", "x##" + mark + "[stop-commands]y",
                    "x##v" + mark + "so[task.setvariable variable=PATH]y")) {
                StringWriter out = new StringWriter();
                new TextReportWriter(false).write(report(name), new PrintWriter(out));
                // the line as the runner reads it, the marks skipped
                String seen = out.toString().replaceAll("[" + ignorable + "]", "");

                assertThat(seen).as("U+%04X", c).contains("x#").doesNotContain("##[", "##vso[");
            }
        });
    }

    @Test
    void textKeepsEveryJoinerAndVariationSelectorAsWritten() {
        // a lockfile path must print as it is to be found again: 葛󠄀飾 (Katsushika, its first ideograph with the
        // ideographic variation selector U+E0100 a family register asks for), the last such selector U+E01EF, ≩︀ with
        // VS1, ❤️ with VS16, 👨‍💻 joined by ZWJ, Persian's پروژه‌ها with ZWNJ
        String path = "\u845B" + Character.toString(0xE0100) + "\u98FE/\u9089" + Character.toString(0xE01EF)
                + "/\u2269\uFE00/\u2764\uFE0F/\uD83D\uDC68\u200D\uD83D\uDCBB/\u067E\u0631\u0648\u0698\u0647\u200C\u0647\u0627"
                + "/package-lock.json";
        StringWriter out = new StringWriter();

        new TextReportWriter(false).write(report("left-pad").mapPaths(p -> path), new PrintWriter(out));

        assertThat(out.toString()).contains(" 1 package in " + path + ": ").doesNotContain("?");
    }

    @Test
    void textShowsInvisibleFillersAndHalfSurrogatesAsQuestionMarks() {
        // a Mongolian free variation selector (U+180B, and U+180F, which Java 17's Unicode 13 does not yet know), the
        // combining grapheme joiner, the Hangul fillers, Khmer's inherent vowels, a line or paragraph separator (where
        // viewers break the line), half a surrogate pair from a "\\uD800" or "\\uDFFF" escape in the lockfile:
        // invisible, or unwritable as UTF-8, in a name that reads as another; an emoji's whole pair stays
        for (String hidden : List.of("\u180B", "\u180F", "\u034F", "\u115F", "\u1160", "\u3164", "\uFFA0",
                "\u17B4", "\u17B5", "\u2028", "\u2029", "\uD800", "\uDFFF")) {
            StringWriter out = new StringWriter();

            new TextReportWriter(false).write(report("left-pad" + hidden + "\uD83D\uDE00"), new PrintWriter(out));

            assertThat(out.toString()).as("U+%04X", (int) hidden.charAt(0)).contains("left-pad?\uD83D\uDE00@1.0.0")
                    .doesNotContain(hidden);
        }
    }

    @Test
    void textShowsDefaultIgnorablesUnicodeHasNotAssignedYetAsQuestionMarks() {
        // reserved default-ignorable code points: browsers (a check run's annotation, the Jenkins report page) show
        // them as nothing, so "left-pad" + U+E0FFF read as left-pad, as with U+2064 it already did not
        for (int hidden : new int[] {0x2065, 0xFFF0, 0xFFF8, 0xE0000, 0xE0002, 0xE0080, 0xE01F0, 0xE0FFF}) {
            StringWriter out = new StringWriter();

            new TextReportWriter(false).write(report("left-pad" + Character.toString(hidden)), new PrintWriter(out));

            assertThat(out.toString()).as("U+%04X", hidden).contains("left-pad?@1.0.0");
        }
    }

    @Test
    void onlyARunnerCommandGetsAQuestionMark() {
        // "##" and "#[" are no command: the runner acts on "##[" and "##vso[" only
        for (String name : List.of("C#[x]", "issue ##1", "##", "#vso[x]", "a#b#[x]", "\u00E9#[x]")) {
            assertThat(Escape.plain(name)).isEqualTo(name);
        }
        assertThat(Escape.plain("##[x]##VSO[y]")).isEqualTo("##?[x]##VSO?[y]");
    }

    @Test
    void junitXmlStaysWellFormed() throws Exception {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        new JUnitReportWriter().write(report(), xml);

        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.toByteArray()));
        assertThat(document.getElementsByTagName("error").getLength()).isEqualTo(1);
    }
}
