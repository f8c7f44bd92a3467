package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

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
        LockedPackage pkg = new LockedPackage(HOSTILE, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false,
                List.of(new Location("web/package-lock.json", 12)));
        PackageResult result = PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.SOURCE, Outcome.ERROR,
                "INVALID_PACKAGE_NAME", "bad name " + HOSTILE)));
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
    void textOutputCarriesNoTerminalControlCodesOrLineBreaks() {
        StringWriter out = new StringWriter();
        new TextReportWriter(false).write(report(), new PrintWriter(out));

        assertThat(out.toString()).doesNotContain("\u001b", "\u0007").contains("evil|`x`");
        assertThat(out.toString().lines().filter(l -> l.startsWith("# "))).isEmpty();
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
