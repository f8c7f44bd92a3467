package io.github.npmprovenance.report;

import static io.github.npmprovenance.report.JUnitReportTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown report (the action's check summary and job summary) tells what the text report tells. */
class MarkdownReportTest {

    /** Package a, whose signature verifies, and the given one. */
    private static Report besideAVerifiedOne(PackageResult other, FailOn failOn) {
        return Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("a", 7, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified"), other),
                failOn);
    }

    @Test
    void anIncompleteRunShowsWhichPackagesItCouldNotVerify() {
        Report report = besideAVerifiedOne(
                result("b", 12, CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_TIMEOUT", "timed out"),
                FailOn.parse("invalid"));

        String markdown = new MarkdownReportWriter().render(report);

        assertThat(report.result()).isEqualTo(RunResult.INCOMPLETE);
        // outside the folded list of passing packages, as stdout lists them under "Not verified"
        String shown = markdown.substring(0, markdown.indexOf("<details>"));
        assertThat(shown).contains("### Not verified (passed: fail-on leaves out error)")
                .contains("| b&#64;1.0.0 | ERROR | web/package-lock.json&#58;12 | timed out |")
                .doesNotContain("a&#64;1.0.0");
        assertThat(markdown).contains("<details><summary>2 passing packages</summary>");
    }

    @Test
    void anInvalidPackageFailOnLetsThroughIsNamedNotOnlyCounted() {
        Report report = besideAVerifiedOne(
                result("b", 12, CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "integrity differs"),
                FailOn.parse("error"));
        java.io.StringWriter text = new java.io.StringWriter();
        new TextReportWriter(false).write(report, new java.io.PrintWriter(text));

        String markdown = new MarkdownReportWriter().render(report);

        assertThat(report.result()).isEqualTo(RunResult.PASSED);
        assertThat(markdown.substring(0, markdown.indexOf("<details>")))
                .contains("### Passed although invalid or unsigned (fail-on leaves their status out)")
                .contains("| b&#64;1.0.0 | INVALID | web/package-lock.json&#58;12 | integrity differs |")
                .doesNotContain("a&#64;1.0.0");
        assertThat(text.toString()).contains("Passed although invalid or unsigned (fail-on leaves their status out):")
                .contains("INVALID  b@1.0.0  web/package-lock.json:12").doesNotContain("a@1.0.0");
    }

    @Test
    void aChangedOnlyRunSaysWhatItLeftOut() {
        Report report = besideAVerifiedOne(
                result("b", 12, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified"),
                FailOn.DEFAULT).withChangedSince("origin/`main`\n\n# x", 40);

        assertThat(new MarkdownReportWriter().render(report)).contains("Lockfile `web/package-lock.json`, 2 packages "
                + "new or changed since `origin/'main'??# x` (of 40 in the lockfile; the others were not verified)");
        assertThat(TextReportWriter.summaryLine(report)).startsWith("PASSED: 2 packages new or changed since "
                + "origin/`main`??# x (of 40) in web/package-lock.json: ");
    }

    /** nuxt@3.13.0's provenance, its certificate issued by {@code issuer}: the "built from" column as HTML. */
    private static String builtFrom(String issuer) {
        io.github.npmprovenance.attestation.ProvenanceFacts facts = new io.github.npmprovenance.attestation.ProvenanceFacts(
                "https://github.com/nuxt/nuxt", "74ef96d096d0045fd00fccd880c1dbbfea51e22a", "refs/tags/v3.13.0",
                ".github/workflows/release.yml", "", "", issuer, "", 123884383,
                "https://search.sigstore.dev/?logIndex=123884383");
        return org.commonmark.renderer.html.HtmlRenderer.builder().build().render(
                org.commonmark.parser.Parser.builder().build().parse(MarkdownReportWriter.source(facts)));
    }

    @Test
    void verifiedProvenanceLinksItsCommitAndRekorEntry() {
        // what a reader clicks through to: the commit the package was built from, and the transparency log entry
        String html = builtFrom("https://token.actions.githubusercontent.com");

        assertThat(html).isEqualTo("<p><a href=\"https://github.com/nuxt/nuxt/commit/74ef96d096d0045fd00fccd880c1dbbfea51e22a\">"
                + "nuxt/nuxt@74ef96d096d0</a> (<a href=\"https://search.sigstore.dev/?logIndex=123884383\">Rekor 123884383</a>)</p>\n");
    }

    @Test
    void aRepositoryTheIssuerDoesNotSpeakForIsShownAsItsClaim() {
        // a CI service Fulcio trusts may take the repository's name from its users' settings: no link, and not
        // stated as where the package was built
        String html = builtFrom("https://oidc.ci.example");

        // the word joiners only keep GitHub from making links of the URLs
        assertThat(html.replace("\u2060", "")).startsWith("<p>https://github.com/nuxt/nuxt (as claimed by "
                + "https://oidc.ci.example, which does not speak for that host) (<a href=\"https://search.sigstore.dev/")
                .doesNotContain("href=\"https://github.com");
    }

    @Test
    void aReportShowsNoSectionItHasNothingFor() {
        Report passing = besideAVerifiedOne(
                result("b", 12, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified"),
                FailOn.DEFAULT);
        Report failing = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("b", 12, CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "integrity differs")),
                FailOn.DEFAULT);

        assertThat(new MarkdownReportWriter().render(passing)).doesNotContain("### ")
                .contains("<details><summary>2 passing packages</summary>");
        assertThat(new MarkdownReportWriter().render(failing)).contains("### Failing packages")
                .doesNotContain("<details>", "passing packages", "Passed although");
    }

    @Test
    void aReportCutInsideItsListOfPassingPackagesClosesTheListBeforeTheMarker() {
        // GitHub would show the marker, and whatever follows the report, folded away inside the open list
        List<PackageResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(result("p" + i, i + 1, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified"));
        }
        String markdown = new MarkdownReportWriter().render(Report.of("web/package-lock.json",
                "https://registry.npmjs.org/", results, FailOn.DEFAULT));
        int limit = markdown.indexOf("p30&#64;");

        for (String cut : List.of(TextLimit.markdownUtf8Bytes(markdown, limit, "\n\n(truncated)"),
                TextLimit.markdownUtf16Chars(markdown, limit, "\n\n(truncated)"))) {
            assertThat(cut).contains("<details>").endsWith("\n\n</details>\n\n(truncated)");
        }
    }

    @Test
    void aCompleteRunHasNoSuchSection() {
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("b", 12, CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_TIMEOUT", "timed out")),
                FailOn.DEFAULT);

        assertThat(new MarkdownReportWriter().render(report)).contains("### Failing packages")
                .doesNotContain("Not verified");
    }
}
