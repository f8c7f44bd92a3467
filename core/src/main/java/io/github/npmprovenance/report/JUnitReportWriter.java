package io.github.npmprovenance.report;

import io.github.npmprovenance.verify.Status;
import java.io.OutputStream;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML: one test case per package. A package that fails the policy is a failure, or an error when it is ERROR
 * (so what {@code fail-on} lets through passes, and a SIGNED one that require-provenance fails is a failure); a
 * passing SKIPPED package is skipped. Every suite and case has a {@code time}: nothing is timed per package, but the
 * JUnit schema requires it, and readers compute with it (GitHub's dorny/test-reporter shows "NaNms" without it).
 * A case is named {@code name@version}; when the report holds that version more than once (pinned with different
 * integrities, as an alias can be), each is named by its first lockfile line too, since Jenkins keys a suite's cases
 * by class name and name, and would read one's history and status (fixed, regression) as the other's.
 *
 * <p>Readers split a class name at its last dot: Jenkins into package and class, GitHub test reporters
 * (mikepenz/action-junit-report) into the file to annotate. A lockfile's path as class name came out as package
 * {@code web/package-lock} and class {@code json}. So the class name is {@code npm-provenance.} and the path without
 * its {@code ./} segments and {@code .json} and with no other dot, which Jenkins lists apart from the project's own
 * tests, and each case carries the lockfile's real path and its line as {@code file} and {@code line}, as pytest
 * writes them and GitHub test reporters read them.
 */
public final class JUnitReportWriter {

    public void write(Report report, OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        long failures = report.packages().stream().filter(p -> !p.passed() && p.status() != Status.ERROR).count();
        long errors = report.packages().stream().filter(p -> !p.passed() && p.status() == Status.ERROR).count();
        long skipped = report.packages().stream().filter(p -> p.passed() && p.status() == Status.SKIPPED).count();
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "npm-provenance " + xmlSafe(report.lockfile()));
        xml.writeAttribute("tests", Integer.toString(report.packages().size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", Long.toString(skipped));
        xml.writeAttribute("time", "0");
        xml.writeCharacters("\n");
        // a ./ segment (the current directory, as `verify` with no argument names the lockfile) is no folder: its
        // dot as _ would list ./package-lock.json as class _/package-lock, apart from package-lock.json
        String className = "npm-provenance." + xmlSafe(report.lockfile()).replaceAll("(^|/)(\\./)+", "$1")
                .replaceFirst("\\.json$", "").replace('.', '_');
        java.util.Map<String, Long> pins = report.packages().stream()
                .collect(Collectors.groupingBy(PackageReport::id, Collectors.counting()));
        for (PackageReport p : report.packages()) {
            xml.writeCharacters("  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", className);
            xml.writeAttribute("name", xmlSafe(p.id()) + (pins.get(p.id()) > 1 && !p.locations().isEmpty()
                    ? " (line " + p.locations().get(0).line() + ")" : ""));
            xml.writeAttribute("time", "0");
            if (!p.locations().isEmpty()) {
                xml.writeAttribute("file", xmlSafe(p.locations().get(0).path()));
                xml.writeAttribute("line", Integer.toString(p.locations().get(0).line()));
            }
            String details = xmlSafe(p.status() + ": " + p.explanation()) + "\nat " + p.locations().stream()
                    .map(l -> xmlSafe(l.path()) + ":" + l.line()).collect(Collectors.joining(", "));
            if (!p.passed()) {
                xml.writeStartElement(p.status() == Status.ERROR ? "error" : "failure");
                xml.writeAttribute("type", p.status().name());
                xml.writeAttribute("message", xmlSafe(p.explanation()));
                xml.writeCharacters(details);
                xml.writeEndElement();
            } else if (p.status() == Status.SKIPPED) {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", xmlSafe(p.reason()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
    }

    /**
     * One line of hostile text, as {@link Escape#plain} makes it for logs: test names and messages are shown by
     * Jenkins and turned into check-run annotations by GitHub test reporters, where a bidirectional override would
     * make one package's name read as another's. And XML 1.0 cannot carry most control characters even escaped, nor
     * half a surrogate pair, which a lockfile's JSON can put in a string as an escape: the JDK's writer pairs the
     * half with the next character, even an attribute's closing quote, and the file no longer parses; nor U+FFFE
     * and U+FFFF.
     */
    private static String xmlSafe(String text) {
        return Escape.plain(text).codePoints()
                .map(c -> c >= 0x20 && c < Character.MIN_SURROGATE
                        || c > Character.MAX_SURROGATE && c != 0xFFFE && c != 0xFFFF ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
