package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.FixtureRegistry.Fault;
import io.github.npmprovenance.testing.TestLockfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

class VerifyCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final FixtureRegistry registry = FixtureRegistry.start();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        registry.close();
    }

    private CliRun verify(TestLockfile lockfile, String... extra) {
        Path project = dir.resolve("project");
        lockfile.writeTo(project);
        // npm's own wait before a retry is 10 s
        Path userNpmrc = dir.resolve("user.npmrc");
        try {
            Files.writeString(userNpmrc, "fetch-retry-mintimeout=20\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("verify", project.toString(), "--registry", registry.url().toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--userconfig", userNpmrc.toString(),
                "--timeout", "2", "--retries", "1"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static TestLockfile signed() {
        return new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0");
    }

    /** sigstore and tuf-js, and nuxt with its integrity tampered with. */
    static TestLockfile oneTampered() {
        TestLockfile lockfile = signed().add("nuxt", "3.13.0");
        String integrity = lockfile.entry("nuxt").get("integrity").asText();
        lockfile.entry("nuxt").put("integrity", integrity.replace("NZlPGlMav18", "NZlPGlMav19"));
        return lockfile;
    }

    @Test
    void allSignedExitsZeroWithASummaryLine() {
        CliRun run = verify(signed());

        assertThat(run.exitCode()).isZero();
        // both also carry provenance that verifies
        assertThat(run.out()).startsWith("PASSED: 2 packages in ").contains("2 verified, 0 signed, 0 unsigned, 0 invalid");
    }

    @Test
    void tamperedEntryExitsOneAndNamesPackageLineAndCause() throws Exception {
        CliRun run = verify(oneTampered());

        assertThat(run.exitCode()).isEqualTo(1);
        int line = lineOf(dir.resolve("project/package-lock.json"), "\"node_modules/nuxt\"");
        assertThat(run.out()).contains("FAILED: 3 packages").contains("1 invalid")
                .contains("INVALID  nuxt@3.13.0  " + dir.resolve("project/package-lock.json") + ":" + line)
                .contains("lockfile integrity differs from the registry's (sha512)")
                .doesNotContain("sigstore@1.0.0");
        assertThat(verify(oneTampered(), "--verbose").out()).contains("VERIFIED sigstore@1.0.0");
    }

    @Test
    void unsignedFailsByDefaultAndPassesWhenFailOnExcludesIt() {
        TestLockfile lockfile = new TestLockfile().add("tuf-js", "1.0.0").add("sigstore", "2.3.1");

        assertThat(verify(lockfile).exitCode()).isEqualTo(1);
        assertThat(verify(lockfile, "--fail-on", "invalid").exitCode()).isZero();
        assertThat(verify(lockfile, "--fail-on", "none").exitCode()).isZero();
    }

    @Test
    void errorsThatAreToldNotToFailExitThreeSoScriptsCanTellUnknownFromBad() {
        registry.fault("tuf-js", Fault.SERVER_ERROR, 100);

        CliRun defaults = verify(signed());
        CliRun lenient = verify(signed(), "--fail-on", "invalid,unsigned");

        assertThat(defaults.exitCode()).isEqualTo(1);
        assertThat(lenient.exitCode()).isEqualTo(3);
        assertThat(lenient.out()).startsWith("INCOMPLETE:").contains("1 error")
                .doesNotContain("Failing packages");
    }

    @Test
    void anIncompleteRunNamesThePackagesItCouldNotVerify() {
        // "1 error" alone leaves the user to rerun with --verbose and search for it
        registry.fault("tuf-js", Fault.SERVER_ERROR, 100);

        CliRun lenient = verify(signed(), "--fail-on", "invalid,unsigned");

        assertThat(lenient.exitCode()).isEqualTo(3);
        assertThat(lenient.out()).contains("Not verified (passed: fail-on leaves out error):")
                .contains("ERROR    tuf-js@1.0.0");
    }

    @Test
    void aTamperedPackageThatFailOnLetsThroughIsStillNamed() throws Exception {
        CliRun lenient = verify(oneTampered(), "--fail-on", "error");

        assertThat(lenient.exitCode()).isZero();
        int line = lineOf(dir.resolve("project/package-lock.json"), "\"node_modules/nuxt\"");
        assertThat(lenient.out()).startsWith("PASSED: 3 packages").contains("1 invalid")
                .contains("Passed although invalid or unsigned (fail-on leaves their status out):")
                .contains("INVALID  nuxt@3.13.0  " + dir.resolve("project/package-lock.json") + ":" + line)
                .doesNotContain("sigstore@1.0.0");
    }

    @Test
    void registryWithoutKeysSkipsAndPassesWhatItDoesNotSign() {
        registry.removeKeys();

        // sigstore@2.0.0: no registry signature, keyless provenance only
        CliRun run = verify(new TestLockfile().add("sigstore", "2.0.0"), "--verbose");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1 skipped").contains("registry publishes no signing keys");
    }

    @Test
    void registryWithoutKeysFailsWhatItSigned() {
        registry.removeKeys();

        CliRun run = verify(signed());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("2 error").contains("but the registry publishes no signing keys");
    }

    @Test
    void aTokenWithAControlCharacterIsAnErrorThatNeverShowsTheToken() throws Exception {
        // .npmrc lines are trimmed, so the control character sits inside the token, as a pasted one might
        String token = "npm_SECRET\u0007token0123456789";
        Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project/.npmrc"), "//" + registry.url().getAuthority() + "/:_authToken="
                + token + "\n");

        CliRun text = verify(signed(), "--verbose");
        CliRun json = verify(signed(), "--json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("2 error,").contains("the token configured for " + registry.url());
        assertThat(json.out()).contains("REGISTRY_INVALID_REQUEST");
        for (CliRun run : List.of(text, json)) {
            assertThat(run.out() + run.err()).doesNotContain("npm_SECRET").doesNotContain("token0123456789");
        }
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void thePackageJsonBesideTheLockfileIsNamedAsNoLockfile() throws Exception {
        // the first file a new user points at; read as a lockfile it gave 'dependency "vite" must be a JSON object'
        Path manifest = Files.writeString(Files.createDirectories(dir.resolve("app")).resolve("package.json"),
                "{\"name\": \"app\", \"dependencies\": {\"vite\": \"^5.0.0\"}}");

        CliRun run = CliRun.of("verify", manifest.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(manifest + ": the project's manifest, not a lockfile: name its "
                + "package-lock.json or npm-shrinkwrap.json, or the directory holding it");
    }

    @Test
    void aNetworkLimitOutOfRangeIsAUsageErrorNamingTheOptionAndValue() {
        Path project = dir.resolve("none-needed");

        assertThat(CliRun.of("verify", project.toString(), "--concurrency", "0").err())
                .contains("npm-provenance: --concurrency must be at least 1, not 0");
        assertThat(CliRun.of("verify", project.toString(), "--timeout", "-3").err())
                .contains("npm-provenance: --timeout must be at least 1 (second), not -3");
        CliRun retries = CliRun.of("verify", project.toString(), "--retries", "-1");
        assertThat(retries.err()).contains("npm-provenance: --retries must be at least 0, not -1");
        assertThat(retries.exitCode()).isEqualTo(2);
    }

    @Test
    void malformedLockfileExitsTwoNamingFileAndLine() throws Exception {
        Path project = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(project.resolve("package-lock.json"), "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/x\": {\"version\": \"1.0.0\",}\n  }\n}\n");

        // the registry's keys are asked for while the lockfile is read: a closed local port keeps this test
        // off the network
        CliRun run = CliRun.of("verify", project.toString(), "--no-cache", "--registry", "http://127.0.0.1:9/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(project.resolve("package-lock.json") + ":4: malformed JSON");
    }

    @Test
    void aMalformedProxySettingExitsTwoNamingTheSettingWithoutItsValue() throws Exception {
        Path npmrc = dir.resolve("project/.npmrc");
        Files.createDirectories(npmrc.getParent());
        // a scope on a registry the proxy would be used for (one on loopback is always reached directly)
        Files.writeString(npmrc, "https-proxy=corp-proxy:S3CRET\n@corp:registry=https://npm.corp.example/\n");

        CliRun run = verify(signed());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad proxy configuration: " + npmrc + ":1: https-proxy: not a proxy URL")
                .doesNotContain("S3CRET");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void hostileLockfileTextInAnErrorCannotStartALineOnStderr() throws Exception {
        // a GitHub Actions runner executes any output line that starts with "::" as a workflow command
        Path project = Files.createDirectories(dir.resolve("hostile"));
        Files.writeString(project.resolve("package-lock.json"),
                "{\"lockfileVersion\":1,\"dependencies\":{\"x\":{\"version\":\"npm:\\n::warning file=a::injected\\n\"}}}");

        CliRun verify = CliRun.of("verify", project.toString(), "--no-cache", "--registry", "http://127.0.0.1:9/");
        CliRun snapshot = CliRun.of("snapshot", project.toString(), "--to", dir.resolve("snap").toString(),
                "--no-cache", "--registry", "http://127.0.0.1:9/");

        for (CliRun run : List.of(verify, snapshot)) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("injected");
            assertThat(run.err().lines()).allSatisfy(line -> assertThat(line).startsWith("npm-provenance: "));
            assertThat(run.err()).doesNotContain("\r");
        }
    }

    @Test
    void lockfileTextCannotCarryACommandThatCiRunnersFindAnywhereInALine() {
        // GitHub's runner acts on "##[command]" anywhere in a line of output (Azure Pipelines on "##vso["), and
        // finds it with .NET's culture-aware search, which skips invisible characters such as a soft hyphen
        TestLockfile lockfile = signed().add("mask##[add-mask]FAILED", "1.0.0", "sha512-AAAA")
                .add("soft#\u00AD#[stop-commands]x", "1.0.0", "sha512-AAAA")
                .add("azure##vso[task.setvariable variable=PATH]/tmp", "1.0.0", "sha512-AAAA");

        CliRun run = verify(lockfile, "--verbose");

        assertThat(run.out()).contains("mask##?[add-mask]FAILED@1.0.0", "soft#?#[stop-commands]x@1.0.0",
                "azure##vso?[task.setvariable variable=PATH]/tmp@1.0.0");
        assertThat(run.out() + run.err()).doesNotContain("##[", "##vso[", "\u00AD");
    }

    /**
     * Joiners and variation selectors are part of how text is written (Persian's zero-width non-joiner, an emoji's
     * VS16 or ZWJ sequence): a lockfile's path holding them must be printed as it is, to be found again, while
     * such a character between the two '#' of a command still leaves no command.
     */
    @Test
    void textOutputKeepsJoinersAndVariationSelectorsButNotTheCommandsTheyCouldHide() {
        Path project = dir.resolve("\u067E\u0631\u0648\u0698\u0647\u200C\u0647\u0627 \u2764\uFE0F \uD83D\uDC68\u200D\uD83D\uDCBB");
        signed().add("zwj#\u200D#[add-mask]x", "1.0.0", "sha512-AAAA").writeTo(project);

        CliRun run = CliRun.of("verify", project.toString(), "--registry", registry.url().toString(), "--no-cache",
                "--userconfig", dir.resolve("no-npmrc").toString(), "--timeout", "2", "--retries", "1", "--verbose");

        assertThat(run.out()).contains(" packages in " + project.resolve("package-lock.json") + ": ")
                .contains("zwj#\u200D#?[add-mask]x@1.0.0").doesNotContain("##[");
    }

    @Test
    void unexpectedFailuresAreReportedOnOneEscapedLine() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.getExecutionExceptionHandler().handleExecutionException(
                new IllegalStateException("bad entry \"x\r\n::error::owned\u001b[2J\""), commandLine, null);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("npm-provenance: bad entry").contains("owned").doesNotContain("\u001b");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of("verify", "--fail-on", "bogus").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("verify", "--fail-on", "bogus").err()).contains("unknown status \"bogus\"")
                .contains("(expected some of invalid, error, unsigned, skipped, or none)");
        assertThat(CliRun.of("verify", "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("verify", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void aUsageErrorIsNotBuriedUnderTheWholeHelp() {
        // the full help after it (70 lines on stderr) scrolled the one line that says what was wrong off a terminal
        for (List<String> args : List.of(List.of("verify", "--fail-on", "bogus"), List.of("verify", "--json", "--json"),
                List.of("snapshot", "."))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as("%s", args).isEqualTo(2);
            assertThat(run.err().lines()).as("%s", args).hasSizeLessThan(4);
            assertThat(run.err()).as("%s", args).startsWith("npm-provenance: ")
                    .contains("npm-provenance " + args.get(0) + " --help").doesNotContain("Usage:");
        }
        CliRun typo = CliRun.of("verify", "--jsn");
        assertThat(typo.err()).startsWith("npm-provenance: Unknown option: '--jsn'").contains("--json");
    }

    @Test
    void anEmptyFailOnIsAUsageErrorNotNone() {
        // `--fail-on "$FAIL_ON"` with the variable unset must not silently stop every package from failing
        for (String empty : List.of("", " ", ",")) {
            CliRun run = verify(oneTampered(), "--fail-on", empty);

            assertThat(run.exitCode()).as("--fail-on '%s'", empty).isEqualTo(2);
            assertThat(run.err()).contains("no status given").contains("or none");
        }
        assertThat(verify(oneTampered(), "--fail-on", "invalid").exitCode()).isEqualTo(1);
    }

    @Test
    void anEmptyPathIsAUsageErrorNotTheCurrentDirectory() throws Exception {
        // `--cache-dir "$CACHE"` with the variable unset would read and write the cache in the directory the run
        // started in, a checkout whose files a pull request controls; `snapshot --to "$DIR"` would record into it
        for (String option : List.of("--cache-dir", "--offline", "--policy", "--base-lockfile", "--userconfig",
                "--trusted-root", "--registry-keys")) {
            oneTampered().writeTo(dir.resolve("project"));
            List<String> args = new ArrayList<>(List.of("verify", dir.resolve("project").toString(), "--registry",
                    registry.url().toString(), option, ""));
            if (!option.equals("--cache-dir")) {
                args.add("--no-cache");
            }
            if (!option.equals("--userconfig")) {
                args.addAll(List.of("--userconfig", dir.resolve("no-npmrc").toString()));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(option).isEqualTo(2);
            assertThat(run.err()).as(option).contains(option).contains("needs a file name, not an empty value");
        }
        CliRun snapshot = CliRun.of("snapshot", dir.resolve("project").toString(), "--registry",
                registry.url().toString(), "--to", "");
        assertThat(snapshot.exitCode()).isEqualTo(2);
        assertThat(snapshot.err()).contains("--to").contains("needs a file name, not an empty value");
        assertThat(Path.of("registry")).doesNotExist();
        assertThat(Path.of("snapshot.json")).doesNotExist();
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("verify", "snapshot")) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: npm-provenance " + command).contains("--registry");
        }
        assertThat(CliRun.of("verify", "--help").out()).contains("--fail-on").contains("--report-sarif")
                .contains("--cache-dir").contains("--changed-since=REV").contains("--base-lockfile=FILE")
                .contains("--offline=DIR").contains("Exit codes:");
        assertThat(CliRun.of("--help").out()).contains("verify").contains("snapshot");
        // picocli wraps at 80 columns, also inside a word: a default given in help must stay whole to be copied
        assertThat(CliRun.of("verify", "--help").out()).contains("~/.cache/npm-provenance")
                .contains("$XDG_CACHE_HOME/npm-provenance").contains("invalid,unsigned,error");
    }

    @Test
    void jsonReportOnStdoutFollowsTheDocumentedSchema() throws Exception {
        CliRun run = verify(oneTampered(), "--json");

        JsonNode report = MAPPER.readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.path("registry").asText()).isEqualTo(registry.url().toString());
        assertThat(report.path("summary").path("total").asInt()).isEqualTo(3);
        assertThat(report.path("summary").path("verified").asInt()).isEqualTo(2);
        assertThat(report.path("summary").path("invalid").asInt()).isEqualTo(1);
        assertThat(report.path("summary").path("passed").asInt()).isEqualTo(2);
        assertThat(report.path("result").asText()).isEqualTo("FAILED");
        JsonNode nuxt = report.path("packages").get(2);
        assertThat(nuxt.path("name").asText()).isEqualTo("nuxt");
        assertThat(nuxt.path("status").asText()).isEqualTo("INVALID");
        assertThat(nuxt.path("passed").asBoolean()).isFalse();
        assertThat(nuxt.path("locations").get(0).path("line").asInt()).isPositive();
        assertThat(nuxt.path("checks").get(0).path("code").asText()).isEqualTo("INTEGRITY_MISMATCH");
        assertThat(nuxt.path("checks").get(0).path("outcome").asText()).isEqualTo("FAIL");
    }

    @Test
    void writesJsonSarifJunitAndMarkdownReportsInOneRun() throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = verify(oneTampered(), "--report-json", reports.resolve("r.json").toString(),
                "--report-sarif", reports.resolve("r.sarif").toString(),
                "--report-junit", reports.resolve("junit.xml").toString(),
                "--report-markdown", reports.resolve("r.md").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(MAPPER.readTree(reports.resolve("r.json").toFile()).path("summary").path("invalid").asInt())
                .isEqualTo(1);

        JsonNode sarif = MAPPER.readTree(reports.resolve("r.sarif").toFile());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode results = sarif.path("runs").get(0).path("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("ruleId").asText()).isEqualTo("INTEGRITY_MISMATCH");
        assertThat(results.get(0).path("level").asText()).isEqualTo("error");
        JsonNode location = results.get(0).path("locations").get(0).path("physicalLocation");
        assertThat(location.path("region").path("startLine").asInt())
                .isEqualTo(lineOf(dir.resolve("project/package-lock.json"), "\"node_modules/nuxt\""));
        assertThat(sarif.path("runs").get(0).path("tool").path("driver").path("rules").get(0).path("id").asText())
                .isEqualTo("INTEGRITY_MISMATCH");

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("junit.xml").toFile());
        assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("1");

        assertThat(Files.readString(reports.resolve("r.md"))).contains("## npm provenance: failed")
                .contains("| nuxt&#64;3.13.0 | INVALID |");
    }

    @Test
    void aLoneSurrogateFromTheLockfileLeavesTheJunitReportWellFormed() throws Exception {
        // JSON lets a string escape half a surrogate pair, and the lockfile reader takes it as it is; the JDK's XML
        // writer pairs such a half with whatever follows it, here the attribute's closing quote
        TestLockfile lockfile = signed().add("lone", "1.0.0", "sha512-AAAA").add("tail", "1.0.0", "sha512-AAAA");
        lockfile.entry("lone").put("name", "lone\uD800x");
        lockfile.entry("tail").put("version", "1.0.0\uDFFF");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("package-lock.json"),
                lockfile.json().replace("\uD800", "\\uD800").replace("\uDFFF", "\\uDFFF"));
        Path junitFile = dir.resolve("reports/junit.xml");

        CliRun run = CliRun.of("verify", project.toString(), "--registry", registry.url().toString(), "--no-cache",
                "--userconfig", dir.resolve("no-npmrc").toString(), "--report-junit", junitFile.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junitFile.toFile());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < junit.getElementsByTagName("testcase").getLength(); i++) {
            names.add(((org.w3c.dom.Element) junit.getElementsByTagName("testcase").item(i)).getAttribute("name"));
        }
        // the half is shown as control characters are, and the character after it is kept
        assertThat(names).containsExactly("sigstore@1.0.0", "tuf-js@1.0.0", "lone?x@1.0.0", "tail@1.0.0?");
    }

    @Test
    void aReportPathThatIsASymbolicLinkIsReplacedNotWrittenThrough() throws Exception {
        // a pull request can commit npm-provenance.sarif as a link to any file the CI user may write
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
        Path reports = Files.createDirectories(dir.resolve("reports"));
        List<String> options = List.of("--report-json", "--report-sarif", "--report-junit", "--report-markdown");
        List<String> args = new ArrayList<>();
        for (String option : options) {
            Path link = Files.createSymbolicLink(reports.resolve(option.substring(2)), victim);
            args.addAll(List.of(option, link.toString()));
        }

        CliRun run = verify(oneTampered(), args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
        for (String option : options) {
            Path report = reports.resolve(option.substring(2));
            assertThat(Files.isSymbolicLink(report)).as(option).isFalse();
            assertThat(Files.readString(report)).as(option).contains("nuxt");
        }
    }

    @Test
    void aReportIsNotWrittenThroughADirectoryTheCheckoutLinksElsewhere() throws Exception {
        // a pull request can commit reports/ as a link to any directory the CI user may write; a report there was
        // written through it, replacing the file of that name
        Path victims = Files.createDirectories(dir.resolve("victims"));
        Path victim = Files.writeString(victims.resolve("out.json"), "keep me\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createSymbolicLink(project.resolve("reports"), victims);
        Path sarif = project.resolve("ok/out.sarif");

        CliRun run = verify(oneTampered(), "--report-json", project.resolve("reports/out.json").toString(),
                "--report-markdown", project.resolve("reports/deep/out.md").toString(),
                "--report-sarif", sarif.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
        assertThat(victims.resolve("deep")).doesNotExist();
        assertThat(run.err()).contains("npm-provenance: cannot write the JSON report " + project.resolve("reports/out.json")
                + ": reports leads out of the checkout through a symbolic link")
                .contains("cannot write the Markdown report");
        assertThat(MAPPER.readTree(sarif.toFile()).path("runs").get(0).path("results")).hasSize(1);
    }

    @Test
    void aReportThatCannotBeWrittenIsNamedWithItsCauseAndTheOthersAreStillWritten() throws Exception {
        // a file where the report's directory should be
        Path notADirectory = Files.writeString(dir.resolve("reports"), "");
        Path sarif = dir.resolve("out/r.sarif");

        CliRun run = verify(oneTampered(), "--report-json", notADirectory.resolve("r.json").toString(),
                "--report-sarif", sarif.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("npm-provenance: cannot write the JSON report " + notADirectory.resolve("r.json")
                + ": " + notADirectory + ": exists and is not a directory");
        assertThat(MAPPER.readTree(sarif.toFile()).path("runs").get(0).path("results")).hasSize(1);
    }

    @Test
    void twoReportsAtOnePathOrAnEmptyReportPathAreUsageErrors() throws Exception {
        Path same = dir.resolve("reports/r.out");

        CliRun twice = verify(oneTampered(), "--report-json", same.toString(), "--report-sarif",
                dir.resolve("reports/../reports/r.out").toString());
        CliRun empty = verify(oneTampered(), "--report-junit", "");

        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--report-json and --report-sarif name the same file");
        assertThat(same).doesNotExist();
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("'--report-junit': needs a file name");
    }

    @Test
    void aReportPathThatIsADirectoryIsAUsageErrorBeforeTheRun() throws Exception {
        // `--report-sarif reports/`: said only after the whole run (minutes, online), its verdicts on stdout
        Path reports = Files.createDirectories(dir.resolve("reports"));

        CliRun run = verify(oneTampered(), "--report-sarif", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--report-sarif names a directory, " + reports + ": give a file name");
    }

    @Test
    void aReportPathInTheOfflineSnapshotIsAUsageErrorAndTheSnapshotIsKept() throws Exception {
        // what the offline run reads: --report-json snapshot/snapshot.json replaced the snapshot's own index
        Path snapshot = dir.resolve("snapshot");
        oneTampered().writeTo(dir.resolve("project"));
        CliRun recorded = CliRun.of("snapshot", dir.resolve("project").toString(), "--to", snapshot.toString(),
                "--registry", registry.url().toString(), "--userconfig", dir.resolve("no-npmrc").toString());
        String index = Files.readString(snapshot.resolve("snapshot.json"));

        CliRun run = CliRun.of("verify", dir.resolve("project").toString(), "--offline", snapshot.toString(),
                "--registry", registry.url().toString(), "--userconfig", dir.resolve("no-npmrc").toString(),
                "--report-json", snapshot.resolve("snapshot.json").toString());

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--report-json names a file in the --offline snapshot");
        assertThat(snapshot.resolve("snapshot.json")).hasContent(index);

        // the same snapshot named through a linked directory
        Path link = Files.createSymbolicLink(dir.resolve("snapshot-link"), snapshot);
        CliRun throughLink = CliRun.of("verify", dir.resolve("project").toString(), "--offline", snapshot.toString(),
                "--registry", registry.url().toString(), "--userconfig", dir.resolve("no-npmrc").toString(),
                "--report-json", link.resolve("snapshot.json").toString());
        assertThat(throughLink.exitCode()).isEqualTo(2);
        assertThat(throughLink.err()).contains("--report-json names a file in the --offline snapshot");
        assertThat(snapshot.resolve("snapshot.json")).hasContent(index);
    }

    @Test
    void aReportOverTheLockfileInABaseLockfilesDirectoryIsAUsageError() throws Exception {
        // --base-lockfile takes a directory too, and reads the lockfile in it
        Path base = Files.createDirectories(dir.resolve("base"));
        signed().writeTo(base);

        CliRun run = verify(oneTampered(), "--base-lockfile", base.toString(), "--report-json",
                base.resolve("package-lock.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--report-json names the base lockfile");
        assertThat(base.resolve("package-lock.json")).hasContent(signed().json());
    }

    @Test
    void aJsonReportThatCannotReachStandardOutputIsNoPassingRun() {
        // verify --json > report.json on a full disk: the JSON was cut off, and the run exited 0 saying nothing
        signed().writeTo(dir.resolve("project"));
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        }, java.nio.charset.StandardCharsets.UTF_8), true));
        commandLine.setErr(new java.io.PrintWriter(err, true));

        int exitCode = commandLine.execute("verify", dir.resolve("project").toString(), "--registry",
                registry.url().toString(), "--userconfig", dir.resolve("no-npmrc").toString(), "--no-cache", "--json");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("cannot write to standard output");
    }

    @Test
    void aReportPathEndingInASlashIsADirectoryEvenBeforeItExists() throws Exception {
        // `--report-sarif reports/` in a fresh checkout, where reports/ is made later (by the upload step's path):
        // the trailing slash was dropped and the SARIF report written to a file named reports
        CliRun run = verify(oneTampered(), "--report-sarif", dir.resolve("reports") + "/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--report-sarif names a directory, " + dir.resolve("reports") + "/: give a "
                + "file name");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aDashAsReportPathIsAUsageErrorNotAFileNamedDash() {
        // `--report-json -` reads as stdout, as elsewhere; it wrote a file named "-" into the current directory
        CliRun run = verify(oneTampered(), "--json", "--report-json", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--report-json -").contains("--json prints the JSON report on stdout");
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void aReportPathThatNamesAnInputOfTheRunIsAUsageErrorAndTheInputIsKept() throws Exception {
        Path project = dir.resolve("project");
        Path policy = Files.writeString(Files.createDirectories(project).resolve(".npm-provenance.yml"),
                "fail-on: [invalid]\n");
        Path base = Files.writeString(dir.resolve("base-lock.json"), signed().json());

        // the lockfile as the directory argument locates it, written another way
        CliRun lockfile = verify(oneTampered(), "--report-json", project.resolve("./package-lock.json").toString());
        String locked = Files.readString(project.resolve("package-lock.json"));
        CliRun defaultPolicy = verify(oneTampered(), "--report-markdown", policy.toString());
        CliRun baseLockfile = verify(oneTampered(), "--base-lockfile", base.toString(), "--report-sarif", base.toString());
        CliRun npmrc = verify(oneTampered(), "--report-junit", project.resolve(".npmrc").toString());

        assertThat(lockfile.exitCode()).isEqualTo(2);
        assertThat(lockfile.err()).contains("--report-json names the lockfile");
        assertThat(locked).isEqualTo(oneTampered().json());
        assertThat(defaultPolicy.exitCode()).isEqualTo(2);
        assertThat(defaultPolicy.err()).contains("--report-markdown names the policy file");
        assertThat(policy).hasContent("fail-on: [invalid]\n");
        assertThat(baseLockfile.exitCode()).isEqualTo(2);
        assertThat(baseLockfile.err()).contains("--report-sarif names the base lockfile");
        assertThat(base).hasContent(signed().json());
        assertThat(npmrc.exitCode()).isEqualTo(2);
        assertThat(npmrc.err()).contains("--report-junit names the project's npm config");
    }

    @Test
    void sarifLocatesALockfileUnderTheCurrentDirectoryByAnEncodedRelativeUri() throws Exception {
        // surefire runs in the module directory, so a lockfile under target/ is under the current directory
        Path project = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sarif ").resolve("100% #1");
        try {
            oneTampered().writeTo(project);
            Path sarif = dir.resolve("r.sarif");

            CliRun run = CliRun.of("verify", project.toString(), "--registry", registry.url().toString(),
                    "--no-cache", "--userconfig", dir.resolve("no-npmrc").toString(), "--report-sarif", sarif.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            JsonNode location = sarifLocation(sarif);
            String relative = Path.of("").toAbsolutePath().relativize(project.resolve("package-lock.json")).toString();
            assertThat(location.path("uri").asText()).doesNotStartWith("/").doesNotContain(" ").doesNotContain("#");
            assertThat(location.path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(java.net.URI.create(location.path("uri").asText()).getPath()).isEqualTo(relative);
        } finally {
            try (var files = Files.walk(project.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void sarifLocatesALockfileElsewhereByAFileUri() throws Exception {
        Path sarif = dir.resolve("r.sarif");

        verify(oneTampered(), "--report-sarif", sarif.toString());

        JsonNode location = sarifLocation(sarif);
        assertThat(location.has("uriBaseId")).isFalse();
        assertThat(Path.of(java.net.URI.create(location.path("uri").asText())))
                .isEqualTo(dir.resolve("project/package-lock.json"));
    }

    private static JsonNode sarifLocation(Path sarif) throws Exception {
        return MAPPER.readTree(sarif.toFile()).path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation");
    }

    @Test
    void snapshotThenOfflineVerifyGivesTheSameVerdictWithoutNetwork() throws Exception {
        Path project = dir.resolve("project");
        oneTampered().writeTo(project);
        Path snapshot = dir.resolve("snapshot");

        CliRun record = CliRun.of("snapshot", project.toString(), "--to", snapshot.toString(),
                "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());
        registry.close();
        CliRun offline = CliRun.of("verify", project.toString(), "--offline", snapshot.toString(),
                "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.out()).contains("3 package versions recorded");
        assertThat(offline.exitCode()).isEqualTo(1);
        assertThat(offline.out()).contains("2 verified").contains("1 invalid");
    }

    @Test
    void aSnapshotThatCouldNotBeWrittenIsNotReportedAsRecorded() throws Exception {
        Path project = dir.resolve("project");
        signed().writeTo(project);
        // the registry's directory inside the snapshot cannot be created: a file is in its place
        Path snapshot = Files.createDirectories(dir.resolve("snapshot"));
        Files.writeString(snapshot.resolve(io.github.npmprovenance.registry.StoreNames.registryDirectory(
                new io.github.npmprovenance.registry.Registry(registry.url(), java.util.Optional.empty()))), "x");

        CliRun record = CliRun.of("snapshot", project.toString(), "--to", snapshot.toString(),
                "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());

        assertThat(record.exitCode()).as(record.out()).isNotZero();
        assertThat(record.out()).doesNotContain("2 package versions recorded").contains("could not be");
    }

    @Test
    void policyBesideTheLockfileIsAppliedAndNamedInTheReport() throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve(".npm-provenance.yml"), String.join("\n",
                "require-provenance: [sigstore]",
                "trusted-sources:",
                "  - package: tuf-js",
                "    repositories: [https://github.com/someone-else/*]"));
        TestLockfile lockfile = new TestLockfile().add("sigstore", "2.3.1").add("tuf-js", "1.0.0");

        CliRun run = verify(lockfile, "--json", "--fail-on", "invalid");

        JsonNode report = MAPPER.readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(report.path("policy").asText()).endsWith(".npm-provenance.yml");
        JsonNode sigstore = report.path("packages").get(0);
        assertThat(sigstore.path("status").asText()).isEqualTo("UNSIGNED");
        assertThat(sigstore.path("policy").path("rule").asText()).isEqualTo("require-provenance");
        JsonNode tuf = report.path("packages").get(1);
        assertThat(tuf.path("status").asText()).isEqualTo("VERIFIED");
        assertThat(tuf.path("passed").asBoolean()).isFalse();
        assertThat(tuf.path("policy").path("rule").asText()).isEqualTo("trusted-sources");
        assertThat(tuf.path("provenance").path("sourceRepository").asText())
                .isEqualTo("https://github.com/theupdateframework/tuf-js");
        assertThat(tuf.path("provenance").path("rekorUrl").asText()).startsWith("https://search.sigstore.dev/?logIndex=");
    }

    @Test
    void aPolicyBesideTheLockfileThatCannotBeReadIsAnErrorNotTheDefaultPolicy() throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        // e.g. a link into a submodule the CI checkout did not fetch
        Path policy = Files.createSymbolicLink(project.resolve(".npm-provenance.yml"), Path.of("shared/policy.yml"));

        CliRun dangling = verify(signed());

        assertThat(dangling.exitCode()).as(dangling.out()).isEqualTo(2);
        assertThat(dangling.err()).contains(policy + ": a symbolic link to nothing that exists");
        Files.delete(policy);
        Files.createDirectory(policy);
        CliRun directory = verify(signed());
        assertThat(directory.exitCode()).as(directory.out()).isEqualTo(2);
        assertThat(directory.err()).contains(policy + ": not a regular file");
    }

    @Test
    void aPolicySavedAsYamlIsNotSilentlyLeftUnread() throws Exception {
        // .npm-provenance.yaml beside the lockfile ran under the default policy, its rules unseen
        Path project = Files.createDirectories(dir.resolve("project"));
        Path yaml = Files.writeString(project.resolve(".npm-provenance.yaml"), "require-provenance: [nuxt]\n");

        CliRun run = verify(signed());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(yaml + ": the policy file is named .npm-provenance.yml: rename this one, which"
                + " is not read");
    }

    @Test
    void brokenPolicyExitsTwoNamingTheLine() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yml"), "fail-on: [invalid]\nallow:\n  - package: x\n");

        CliRun run = verify(signed(), "--policy", policy.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(policy + ":3: allow entry needs \"reason\"");
    }

    @Test
    void warmRunGivesTheSameVerdictsFromTheCache() throws Exception {
        CliRun cold = verify(oneTampered(), "--json");
        long requestsAfterCold = registry.requests().size();

        CliRun warm = verify(oneTampered(), "--json");

        assertThat(MAPPER.readTree(warm.out())).isEqualTo(MAPPER.readTree(cold.out()));
        // only the keys are asked again, and the tampered entry's version, in case the registry published it anew;
        // the same document comes back, so its attestations, and the rest, come from the cache
        assertThat(registry.requests().subList((int) requestsAfterCold, registry.requests().size()))
                .extracting(FixtureRegistry.Request::path).containsExactlyInAnyOrder("/-/npm/v1/keys", "/nuxt");
    }

    @Test
    void nothingWrittenToTheCacheCanMakeAForgedSignaturePass() throws Exception {
        verify(signed());
        // Someone who can write the cache (a shared or restored CI cache) forges sigstore's signature in its cached
        // entry, with the line digest that makes it look intact, and records the forgery as verified, the way
        // earlier versions remembered verified signatures between runs.
        Path log;
        try (var files = Files.walk(dir.resolve("cache/registry"))) {
            log = files.filter(f -> f.getFileName().toString().equals("versions.log")).findFirst().orElseThrow();
        }
        String genuine = "MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ7";
        String forged = "MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ8";
        List<String> lines = new ArrayList<>();
        String forgedSignature = null;
        for (String line : Files.readAllLines(log)) {
            if (line.contains(" sigstore@1.0.0 ")) {
                String rest = line.substring(65).replace(genuine, forged);
                line = sha256Hex(rest.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + " " + rest;
                for (JsonNode signature : MAPPER.readTree(rest.substring(rest.indexOf('{'))).findValue("signatures")) {
                    forgedSignature = signature.path("sig").asText();
                }
            }
            lines.add(line);
        }
        Files.write(log, lines);
        assertThat(forgedSignature).startsWith(forged);
        String key = null;
        for (JsonNode entry : registry.keys().path("keys")) {
            if (entry.path("keyid").asText().equals("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA")) {
                key = entry.path("key").asText();
            }
        }
        byte[] message = ("sigstore@1.0.0:" + signed().entry("sigstore").get("integrity").asText())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var memo = new java.io.ByteArrayOutputStream();
        memo.write(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        memo.write(0);
        memo.write(message);
        memo.write(0);
        memo.write(java.util.Base64.getDecoder().decode(forgedSignature));
        Files.writeString(dir.resolve("cache/verified-signatures.txt"), sha256Hex(memo.toByteArray()) + "\n");

        CliRun warm = verify(signed(), "--json");

        JsonNode sigstore = MAPPER.readTree(warm.out()).path("packages").get(0);
        assertThat(sigstore.path("name").asText()).isEqualTo("sigstore");
        assertThat(sigstore.path("status").asText()).isEqualTo("INVALID");
        assertThat(sigstore.path("checks").findValuesAsText("code")).contains("SIGNATURE_INVALID");
        assertThat(warm.exitCode()).isEqualTo(1);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void registryKeysHelpNamesTheRegistryHeldToThem() throws Exception {
        // --registry-keys replaces the embedded keys of registry.npmjs.org: another registry given with --registry is
        // held to none, its served keys sign. Help that said the default registry "must serve" them promised a check
        // that is not made
        JsonNode embedded = MAPPER.readTree(getClass().getResourceAsStream(
                "/io/github/npmprovenance/registry/npm-registry-keys.json"));
        com.fasterxml.jackson.databind.node.ArrayNode newKeyOnly = MAPPER.createArrayNode();
        embedded.path("keys").forEach(k -> {
            if (k.path("keyId").asText().startsWith("SHA256:DhQ8")) {
                newKeyOnly.add(k);
            }
        });
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, MAPPER.createObjectNode().set("keys", newKeyOnly).toString());

        CliRun run = verify(new TestLockfile().add("sigstore", "1.0.0"), "--registry-keys", keys.toString(), "--json");
        JsonNode signature = MAPPER.readTree(run.out()).path("packages").get(0).path("checks").get(1);
        assertThat(signature.path("name").asText()).isEqualTo("registry-signature");
        assertThat(signature.path("outcome").asText()).isEqualTo("PASS");

        String help = CliRun.of("verify", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).doesNotContain("the keys the default registry must serve")
                .contains("as the keys registry.npmjs.org must serve");
    }

    @Test
    void versionNamesTheEmbeddedTrustMaterial() {
        assertThat(CliRun.of("--version").out()).contains("embedded trust material: @sigstore/tuf 5.0.1 seeds");
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void theDefaultCacheIsBelowHomeAsTheEnvironmentHasIt() {
        // XDG's $HOME/.cache: in a GitHub Actions container job HOME is /github/home, kept from step to step, while
        // Java's user.home is the password database's /root
        Path home = dir.resolve("github-home");

        assertThat(VerifyCommand.defaultCacheRoot(java.util.Map.of("HOME", home.toString(),
                "USERPROFILE", home.toString())::get)).isEqualTo(home.resolve(".cache/npm-provenance"));
        assertThat(VerifyCommand.defaultCacheRoot(java.util.Map.of("HOME", home.toString(),
                "XDG_CACHE_HOME", dir.resolve("xdg").toString())::get)).isEqualTo(dir.resolve("xdg/npm-provenance"));
    }

    @Test
    void aRelativeXdgCacheHomeIsIgnoredAsTheSpecificationSays() {
        // "If an implementation encounters a relative path in any of these variables it should consider the path
        // invalid and ignore it": the cache would otherwise be made inside the working directory, a checkout say
        Path home = dir.resolve("home");

        assertThat(VerifyCommand.defaultCacheRoot(java.util.Map.of("HOME", home.toString(),
                "USERPROFILE", home.toString(), "XDG_CACHE_HOME", ".cache")::get))
                .isEqualTo(home.resolve(".cache/npm-provenance"));
    }
}
