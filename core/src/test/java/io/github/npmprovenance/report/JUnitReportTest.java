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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit report as test report readers (Jenkins' junit step, GitHub test reporters) read it. */
class JUnitReportTest {

    private static PackageResult result(String name, String checkName, Outcome outcome, String code, String message) {
        return result(name, 12, checkName, outcome, code, message);
    }

    /** One package of web/package-lock.json, pinned at {@code line}, with one check. */
    static PackageResult result(String name, int line, String checkName, Outcome outcome, String code,
            String message) {
        LockedPackage pkg = new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false,
                List.of(new Location("web/package-lock.json", line)));
        return PackageResult.of(pkg, List.of(CheckResult.of(checkName, outcome, code, message)));
    }

    static Document junit(Report report) throws Exception {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        new JUnitReportWriter().write(report, xml);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.toByteArray()));
    }

    @Test
    void everySuiteAndCaseHasATime() throws Exception {
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("a", CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID", "bad signature"),
                result("b", CheckResult.SOURCE, Outcome.SKIPPED, "NOT_FROM_REGISTRY", "from git")), FailOn.DEFAULT);

        Document document = junit(report);

        // the JUnit schema requires it, and readers that add times up show NaN without it
        for (String element : List.of("testsuite", "testcase")) {
            NodeList nodes = document.getElementsByTagName(element);
            assertThat(nodes.getLength()).isPositive();
            for (int i = 0; i < nodes.getLength(); i++) {
                assertThat(Double.parseDouble(((Element) nodes.item(i)).getAttribute("time"))).isNotNaN();
            }
        }
    }

    @Test
    void theSuiteCountsWhatItsCasesShowAndEachCaseIsOneOfItsChildren() throws Exception {
        // Jenkins and GitHub test reporters show the suite's counts and each case's outcome: what fails the run a
        // failure, or an error when it could not be verified; a skipped package that passed skipped; the rest passed
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("ok", 5, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified"),
                result("tampered", 9, CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "integrity differs"),
                result("slow", 14, CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_TIMEOUT", "timed out"),
                result("unsigned", 20, CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED", "no signature"),
                result("git", 30, CheckResult.SOURCE, Outcome.SKIPPED, "NOT_FROM_REGISTRY", "installed from git"),
                result("also-ok", 40, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified")),
                FailOn.DEFAULT);

        Element suite = junit(report).getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("npm-provenance web/package-lock.json");
        assertThat(List.of("tests", "failures", "errors", "skipped")).extracting(suite::getAttribute)
                .containsExactly("6", "2", "1", "1");
        java.util.Map<String, String> cases = new java.util.HashMap<>();
        for (Element testcase : children(suite)) {
            assertThat(testcase.getTagName()).isEqualTo("testcase");
            assertThat(testcase.getAttribute("classname")).isEqualTo("npm-provenance.web/package-lock");
            List<Element> outcome = children(testcase);
            assertThat(outcome).hasSizeLessThanOrEqualTo(1);
            cases.put(testcase.getAttribute("name"), outcome.isEmpty() ? "passed" : outcome.get(0).getTagName() + " "
                    + outcome.get(0).getAttribute("type") + ": " + outcome.get(0).getAttribute("message"));
        }
        assertThat(cases).containsOnly(java.util.Map.entry("ok@1.0.0", "passed"), java.util.Map.entry("also-ok@1.0.0", "passed"),
                java.util.Map.entry("tampered@1.0.0", "failure INVALID: integrity differs"),
                java.util.Map.entry("slow@1.0.0", "error ERROR: timed out"),
                java.util.Map.entry("unsigned@1.0.0", "failure UNSIGNED: no signature"),
                java.util.Map.entry("git@1.0.0", "skipped : installed from git"));
    }

    @Test
    void readersThatSplitTheClassNameAtItsLastDotFindTheLockfileAndTheLine() throws Exception {
        // Jenkins lists a case under the package and class its class name splits into at the last dot, and GitHub
        // test reporters annotate the file named by "file", else by what follows that dot: a lockfile path as class
        // name gave package "apps/web.v2/package-lock", class "json", and annotations on a file named "json"
        Report report = Report.of("apps/web.v2/package-lock.json", "https://registry.npmjs.org/", List.of(
                PackageResult.of(new LockedPackage("tampered", "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                        Optional.empty(), SourceKind.REGISTRY, false, false, false,
                        List.of(new Location("apps/web.v2/package-lock.json", 9))),
                        List.of(CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "differs")))),
                FailOn.DEFAULT);

        Element testcase = children(junit(report).getDocumentElement()).get(0);

        String className = testcase.getAttribute("classname");
        assertThat(className.substring(0, className.lastIndexOf('.'))).isEqualTo("npm-provenance");
        assertThat(className.substring(className.lastIndexOf('.') + 1)).isEqualTo("apps/web_v2/package-lock");
        assertThat(testcase.getAttribute("file")).isEqualTo("apps/web.v2/package-lock.json");
        assertThat(testcase.getAttribute("line")).isEqualTo("9");
    }

    @Test
    void theCurrentDirectoryGivesNoFolderToTheClassName() throws Exception {
        // `npm-provenance verify` with no argument (or `verify .`, `verify ./web`) reports the lockfile as
        // ./package-lock.json: its dot made Jenkins list the class "_/package-lock", apart from the same lockfile
        // verified as package-lock.json or web
        for (String lockfile : List.of("./package-lock.json", "package-lock.json")) {
            Report report = Report.of(lockfile, "https://registry.npmjs.org/",
                    List.of(result("a", CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "differs")),
                    FailOn.DEFAULT);
            assertThat(children(junit(report).getDocumentElement()).get(0).getAttribute("classname")).as(lockfile)
                    .isEqualTo("npm-provenance.package-lock");
        }
        Report nested = Report.of("./web/./package-lock.json", "https://registry.npmjs.org/",
                List.of(result("a", CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "differs")),
                FailOn.DEFAULT);
        assertThat(children(junit(nested).getDocumentElement()).get(0).getAttribute("classname"))
                .isEqualTo("npm-provenance.web/package-lock");
    }

    @Test
    void whatFailOnLetsThroughPassesAndWhatItFailsIsAFailure() throws Exception {
        // fail-on invalid,skipped: a registry that timed out and an unsigned version pass, as the run passes them, and
        // a package installed from git fails, though skipped; the counts say so too
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("slow", 14, CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_TIMEOUT", "timed out"),
                result("unsigned", 20, CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED", "no signature"),
                result("git", 30, CheckResult.SOURCE, Outcome.SKIPPED, "NOT_FROM_REGISTRY", "installed from git")),
                FailOn.parse("invalid,skipped"));

        Element suite = junit(report).getDocumentElement();

        assertThat(List.of("tests", "failures", "errors", "skipped")).extracting(suite::getAttribute)
                .containsExactly("3", "1", "0", "0");
        assertThat(children(suite)).extracting(testcase -> testcase.getAttribute("name") + " "
                + children(testcase).stream().map(e -> e.getTagName() + " " + e.getAttribute("type")).toList())
                .containsExactlyInAnyOrder("slow@1.0.0 []", "unsigned@1.0.0 []", "git@1.0.0 [failure SKIPPED]");
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new java.util.ArrayList<>();
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    @Test
    void aNameHoldingNoncharactersStaysReadableXml() throws Exception {
        // "\uFFFE" and "\uFFFF" escapes in a lockfile's JSON: XML 1.0 cannot carry them, even escaped, and Jenkins
        // would reject the whole file; a character beyond them, such as an emoji, is written as it is
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("x\uFFFE\uFFFF\uD83D\uDE00", CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID",
                        "bad signature")), FailOn.DEFAULT);

        Element testcase = (Element) junit(report).getElementsByTagName("testcase").item(0);

        assertThat(testcase.getAttribute("name")).isEqualTo("x??\uD83D\uDE00@1.0.0");
    }

    @Test
    void namesAndMessagesCarryNoBidirectionalOrInvisibleCharacters() throws Exception {
        // U+202E shows "left-pad" for a name stored as "dap-tfel"; the message tries to add a location line of its own
        String name = "\u202edap-tfel\u200b";
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result(name, CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID",
                        "bad signature\nat web/package-lock.json:1")), FailOn.DEFAULT);

        Element testcase = (Element) junit(report).getElementsByTagName("testcase").item(0);
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);

        assertThat(testcase.getAttribute("name")).isEqualTo("?dap-tfel?@1.0.0");
        assertThat(failure.getAttribute("message")).isEqualTo("bad signature?at web/package-lock.json:1");
        assertThat(failure.getTextContent()).isEqualTo(
                "INVALID: bad signature?at web/package-lock.json:1\nat web/package-lock.json:12");
    }

    @Test
    void oneVersionPinnedTwiceWithDifferentIntegritiesIsTwoTestCasesOfDifferentNames() throws Exception {
        // an alias pinning nuxt@3.13.0 with another integrity, as in examples/demo: one passes, one fails. Jenkins
        // keys a suite's cases by classname and name, so two of one name read as one: the passing case's history
        // and status ("fixed", "regression") would be taken from the failing one's
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", List.of(
                result("a", 28, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified"),
                result("a", 43, CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", "integrity differs"),
                result("b", 50, CheckResult.REGISTRY_SIGNATURE, Outcome.PASS, "", "registry signature verified")),
                FailOn.DEFAULT);

        NodeList testcases = junit(report).getElementsByTagName("testcase");

        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < testcases.getLength(); i++) {
            names.add(((Element) testcases.item(i)).getAttribute("name"));
        }
        assertThat(names).containsExactlyInAnyOrder("a@1.0.0 (line 28)", "a@1.0.0 (line 43)", "b@1.0.0");
    }
}
