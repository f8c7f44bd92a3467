package io.github.npmprovenance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.verify.Status;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReaderTest {
    private static Policy read(String yaml) throws PolicyException {
        return new PolicyReader().read(".npm-provenance.yml", new StringReader(yaml));
    }

    @Test
    void readsEveryRule() throws Exception {
        Policy policy = read("""
                # our rules
                fail-on: [invalid, error]
                require-provenance:
                  - "@myorg/*"
                  - nuxt
                trusted-sources:
                  - package: "@myorg/*"
                    repositories: [https://github.com/myorg/*]
                    workflows: [.github/workflows/release.yml]
                    refs: [refs/tags/*]
                    signer-workflows: [https://github.com/myorg/shared/.github/workflows/publish.yml]
                allow:
                  - package: left-pad@1.3.0
                    reason: vendored copy, reviewed
                    expires: 2027-01-31
                """);

        assertThat(policy.failOn().statuses()).containsExactlyInAnyOrder(Status.INVALID, Status.ERROR);
        assertThat(policy.requireProvenance()).extracting(PackagePattern::text).containsExactly("@myorg/*", "nuxt");
        assertThat(policy.requireProvenance().get(0).matches("@myorg/widget")).isTrue();
        assertThat(policy.requireProvenance().get(0).matches("@other/widget")).isFalse();
        assertThat(policy.trustedSources()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(7);
            assertThat(s.refs()).extracting(Glob::text).containsExactly("refs/tags/*");
            assertThat(s.signerWorkflows()).extracting(Glob::text)
                    .containsExactly("https://github.com/myorg/shared/.github/workflows/publish.yml");
        });
        assertThat(policy.allow()).singleElement().satisfies(a -> {
            assertThat(a.matches(pinned("left-pad", "1.3.0", SourceKind.REGISTRY))).isTrue();
            assertThat(a.matches(pinned("left-pad", "1.3.1", SourceKind.REGISTRY))).isFalse();
            assertThat(a.matches(pinned("left-pad", "1.3.0", SourceKind.GIT))).isFalse();
            assertThat(a.expires()).isEqualTo(LocalDate.of(2027, 1, 31));
            assertThat(a.line()).isEqualTo(13);
        });
    }

    @Test
    void anExceptionForAScopedPackageNamesItWithOrWithoutAVersion() throws Exception {
        // the scope's @ is no version separator
        Policy policy = read("""
                allow:
                  - package: "@myorg/legacy"
                    reason: any version, from anywhere
                    expires: 2027-01-31
                  - package: "@myorg/pinned@2.0.0"
                    reason: that release only
                    expires: 2027-01-31
                """);

        AllowRule any = policy.allow().get(0);
        AllowRule pinned = policy.allow().get(1);
        assertThat(any.version()).isEmpty();
        assertThat(any.matches(pinned("@myorg/legacy", "1.0.0", SourceKind.GIT))).isTrue();
        assertThat(pinned.version()).isEqualTo("2.0.0");
        assertThat(pinned.matches(pinned("@myorg/pinned", "2.0.0", SourceKind.REGISTRY))).isTrue();
        assertThat(pinned.matches(pinned("@myorg/pinned", "2.0.1", SourceKind.REGISTRY))).isFalse();
    }

    @Test
    void aPolicyFileIsReadFromDiskAndOneThatCannotBeReadIsNamedWithoutALine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve(".npm-provenance.yml"), "require-provenance: [nuxt]\n");
        Path missing = dir.resolve("missing.yml");

        Policy policy = new PolicyReader().read(file);

        assertThat(policy.source()).isEqualTo(file.toString());
        assertThat(policy.requireProvenance()).extracting(PackagePattern::text).containsExactly("nuxt");
        assertThatThrownBy(() -> new PolicyReader().read(missing)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(missing + ": cannot read the policy: ");
    }

    @Test
    void aPolicyThatIsNotUtf8NamesTheLineOfTheFirstByteThatIsNot(@TempDir Path dir) throws Exception {
        // a comment saved in Latin-1: Java's decoder said only "Input length = 1"
        Path file = Files.write(dir.resolve(".npm-provenance.yml"),
                "require-provenance: [nuxt]\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> new PolicyReader().read(file)).isInstanceOf(PolicyException.class)
                .hasMessage(file + ":2: not UTF-8 text: byte 0xE9 on this line is not part of any UTF-8 character");
    }

    @Test
    void aPolicyFarLargerThanAnyPolicyIsRefusedUnread(@TempDir Path dir) throws Exception {
        // the project's policy can be a link to any file (a log): one larger than the heap ended the run
        Path file = Files.write(dir.resolve(".npm-provenance.yml"), new byte[1024 * 1024 + 1]);

        assertThatThrownBy(() -> new PolicyReader().read(file)).isInstanceOf(PolicyException.class)
                .hasMessage(file + ": larger than 1 MiB, far larger than any policy");
    }

    @Test
    void emptyFileIsTheDefaultPolicy() throws Exception {
        assertThat(read("").failOn()).isEqualTo(FailOn.DEFAULT);
    }

    @Test
    void documentMarkersAroundTheOneDocumentAreFine() throws Exception {
        assertThat(read("---\nrequire-provenance: [nuxt]\n...\n").requireProvenance()).hasSize(1);
        assertThat(read("require-provenance: [nuxt]\n---\n").requireProvenance()).hasSize(1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "fail-on: [invalid]\\nrequire-provnance: [x]                                              | 2 | unknown key \"require-provnance\"",
        "fail-on: [invalid, sometimes]                                                            | 1 | fail-on: unknown status \"sometimes\"",
        "fail-on: \"\"                                                                              | 1 | fail-on: no status given",
        "require-provenance: nuxt                                                                 | 1 | require-provenance must be a list",
        "require-provenance:\\n  - \"../etc\"                                                     | 2 | is not a package name or pattern",
        "allow:\\n  - package: left-pad\\n    reason: because\\n    expires: next year              | 4 | allow expires: must be a date",
        "allow:\\n  - package: left-pad\\n    expires: 2027-01-01                                 | 2 | allow entry needs \"reason\"",
        "allow:\\n  - package: left-pad@latest\\n    reason: r\\n    expires: 2027-01-01          | 2 | must be a name, a pattern, or name@exact-version",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [nuxt/nuxt]                     | 3 | must be a repository URL",
        "trusted-sources:\\n  - package: nuxt\\n    repository: [https://github.com/nuxt/nuxt]    | 3 | unknown key \"repository\"",
        // the signer is matched as the certificate names it, a URL without its ref: anything else never matches
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflows: [nuxt/nuxt/.github/workflows/release.yml] | 4 | signer-workflows: \"nuxt/nuxt/.github/workflows/release.yml\" must be a workflow URL",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflows: [\"https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1\"] | 4 | names a ref; the workflow is matched without its @ref",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflows: [] | 4 | signer-workflows must not be empty",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflows: {https://github.com/o/r: x} | 4 | signer-workflows must be a list",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflows: [[https://github.com/o/r/x.yml]] | 4 | signer-workflows must be a non-empty text",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflow: [https://github.com/o/r/x.yml] | 4 | unknown key \"signer-workflow\" (expected package, refs, repositories, signer-workflows, workflows)",
        "trusted-sources:\\n  - package: nuxt\\n    repositories: [https://github.com/nuxt/nuxt]\\n    signer-workflows: [https://github.com/o/r/*]\\n    signer-workflows: [] | 5 | \"signer-workflows\" is given twice (first on line 4)",
        "allow: [\\n                                                                              | 1 | not valid YAML",
        // a repeated key would silently drop the first rule: YAML keeps the last
        "require-provenance: [nuxt]\\nrequire-provenance: []                                    | 2 | \"require-provenance\" is given twice (first on line 1)",
        "allow:\\n  - package: left-pad@1.3.0\\n    package: \"*\"\\n    reason: r\\n    expires: 2027-01-01 | 3 | \"package\" is given twice (first on line 2)",
        // the YAML parser hands an alias over as its anchor's name: [*org] would require provenance of "org"
        "allow:\\n  - package: &org \"@myorg/*\"\\n    reason: r\\n    expires: 2027-01-01\\nrequire-provenance: [*org] | 5 | the alias *org is not supported",
        // only the first document was read: the rules after "---" were ignored
        "fail-on: [invalid, unsigned]\\n---\\nrequire-provenance: [nuxt]                      | 3 | a policy is one YAML document",
        // without it, a "version:" key beside a bare name was ignored: the exception covered every version
        "allow:\\n  - package: left-pad\\n    version: 1.3.0\\n    reason: r\\n    expires: 2027-01-01 | 3 | allow: unknown key \"version\" (expected expires, package, reason)",
        "allow:\\n  - left-pad@1.3.0                                                         | 2 | an allow entry must be a mapping of keys to values",
        "allow:\\n  - package: left-pad\\n    reason: \"  \"\\n    expires: 2027-01-01       | 3 | allow reason must be a non-empty text",
        // an empty value is no text, not the text "null"
        "allow:\\n  - package: left-pad\\n    reason:\\n    expires: 2027-01-01               | 3 | allow reason must be a non-empty text",
        // an empty version allowed every version
        "allow:\\n  - package: left-pad@\\n    reason: r\\n    expires: 2027-01-01                | 2 | must be a name, a pattern, or name@exact-version",
        "allow:\\n  - package: \"@myorg/lib@\"\\n    reason: r\\n    expires: 2027-01-01          | 2 | must be a name, a pattern, or name@exact-version",
    })
    void mistakesNameTheLine(String yaml, int line, String message) {
        assertThatThrownBy(() -> read(yaml.replace("\\n", "\n")))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(".npm-provenance.yml:" + line + ": ")
                .hasMessageContaining(message);
    }

    /** The package with its integrity bound to the registry's, as the registry publishes it. */
    private static PackageResult pinned(String name, String version, SourceKind source) {
        return PackageResult.of(new LockedPackage(name, version,
                Optional.of(Integrity.parse("sha512-" + "A".repeat(86) + "==")), Optional.empty(), source, false, false,
                false, List.of(new Location("package-lock.json", 1))),
                List.of(CheckResult.pass(CheckResult.INTEGRITY, "lockfile integrity matches the registry's")));
    }
}
