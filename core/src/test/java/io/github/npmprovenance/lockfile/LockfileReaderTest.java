package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockfileReaderTest {
    private final LockfileReader reader = new LockfileReader();

    private Lockfile read(String resource) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/lockfiles/" + resource)) {
            return reader.read(resource, in);
        }
    }

    private static Map<String, LockedPackage> byId(Lockfile lockfile) {
        return lockfile.packages().stream().collect(Collectors.toMap(LockedPackage::id, Function.identity()));
    }

    @Test
    void v3ClassifiesSourcesResolvesAliasesAndKeepsKeyLines() throws Exception {
        Lockfile lockfile = read("v3-mixed.json");
        Map<String, LockedPackage> packages = byId(lockfile);

        assertThat(lockfile.lockfileVersion()).isEqualTo(3);
        assertThat(packages.get("sigstore@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("sigstore@1.0.0").dev()).isTrue();
        // the alias folder node_modules/tuf holds the real package tuf-js
        assertThat(packages.get("tuf-js@1.0.0").locations()).containsExactly(new Location("v3-mixed.json", 18));
        assertThat(packages.get("tuf-js@1.0.0").aliases()).containsExactly("tuf");
        assertThat(packages.get("a@0.0.1").source()).isEqualTo(SourceKind.LINK);
        assertThat(packages.get("from-git@2.0.0").source()).isEqualTo(SourceKind.GIT);
        assertThat(packages.get("from-file@0.1.0").source()).isEqualTo(SourceKind.FILE);
        assertThat(packages.get("from-url@3.0.0").source()).isEqualTo(SourceKind.REMOTE_TARBALL);
        assertThat(packages.get("bundled-dep@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
        assertThat(packages.get("nuxt@3.13.0").optional()).isTrue();
        assertThat(packages.get("nuxt@3.13.0").integrity().orElseThrow().strongestAlgorithm()).contains("sha512");
        // the root and the workspace folder are not dependencies
        assertThat(packages).doesNotContainKeys("mixed@1.0.0");
        assertThat(packages.get("a@0.0.1").firstLocation().line()).isEqualTo(24);
    }

    @Test
    void duplicateNameAndVersionIsVerifiedOnceAndReportedAtEveryLocation() throws Exception {
        LockedPackage sigstore = byId(read("v3-mixed.json")).get("sigstore@1.0.0");

        assertThat(sigstore.locations()).extracting(Location::line).containsExactly(12, 58);
        assertThat(read("v3-mixed.json").packages()).filteredOn(p -> p.name().equals("sigstore")).hasSize(1);
    }

    @Test
    void v1NestedDependenciesAliasesGitAndFileSpecs() throws Exception {
        Lockfile lockfile = read("v1-aliases.json");
        Map<String, LockedPackage> packages = byId(lockfile);

        assertThat(lockfile.lockfileVersion()).isEqualTo(1);
        assertThat(packages.get("nuxt@3.13.0").firstLocation().line()).isEqualTo(7);
        assertThat(packages.get("sigstore@1.0.0").firstLocation().line()).isEqualTo(15);
        assertThat(packages.get("tuf-js@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("tuf-js@1.0.0").firstLocation().line()).isEqualTo(22);
        assertThat(packages.get("tuf-js@1.0.0").dev()).isTrue();
        assertThat(packages.get("tuf-js@1.0.0").aliases()).containsExactly("old-tuf");
        assertThat(packages.get("nuxt@3.13.0").aliases()).isEmpty();
        assertThat(packages.values()).filteredOn(p -> p.name().equals("gh-dep"))
                .singleElement().extracting(LockedPackage::source).isEqualTo(SourceKind.GIT);
        assertThat(packages.values()).filteredOn(p -> p.name().equals("local-dep"))
                .singleElement().extracting(LockedPackage::source).isEqualTo(SourceKind.FILE);
    }

    @Test
    void v2PrefersThePackagesSection() throws Exception {
        Lockfile lockfile = read("v2-both-sections.json");

        assertThat(lockfile.packages()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("nuxt@4.1.2");
            assertThat(p.locations()).containsExactly(new Location("v2-both-sections.json", 14));
        });
    }

    @Test
    void truncatedLockfileNamesFileAndLine() {
        assertThatThrownBy(() -> read("truncated.json"))
                .isInstanceOf(LockfileException.class)
                .hasMessageStartingWith("truncated.json:7: malformed JSON")
                .satisfies(e -> assertThat(((LockfileException) e).line()).isEqualTo(7));
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        assertThatThrownBy(() -> read("trailing-comma.json"))
                .isInstanceOf(LockfileException.class)
                .hasMessageContaining("trailing-comma.json:7");
    }

    @Test
    void unsupportedVersionAndNonObjectAreRejected() {
        assertThatThrownBy(() -> reader.read("x.json", stream("{\"lockfileVersion\": 9, \"packages\": {}}")))
                .isInstanceOf(LockfileException.class).hasMessageContaining("unsupported lockfileVersion 9");
        assertThatThrownBy(() -> reader.read("x.json", stream("[1,2]")))
                .isInstanceOf(LockfileException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> reader.read("x.json", stream("{\"lockfileVersion\": 3, \"packages\": {\"node_modules/a\": 5}}")))
                .isInstanceOf(LockfileException.class).hasMessageContaining("x.json:1");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "node_modules/./nuxt       | node_modules/nuxt",
        "node_modules//nuxt        | node_modules/nuxt",
        "node_modules/nuxt/        | node_modules/nuxt",
        "node_modules/x/../nuxt    | node_modules/nuxt",
        "node_modules/./@myorg/ui  | node_modules/@myorg/ui",
        "/node_modules/nuxt        | node_modules/nuxt",
        "node_modules\\nuxt        | node_modules/nuxt"})
    void aKeyNpmWouldInstallElsewhereThanItSaysIsMalformed(String key, String installed) {
        // npm resolves the key as a path: node_modules/./@myorg/ui installs @myorg/ui, which the code imports, while
        // a rule for @myorg/* saw "./@myorg/ui" and let it through
        String v3 = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "p"},
                  "%s": {"name": "nuxt", "version": "3.13.0", "integrity": "sha512-AAAA"}
                }}""".formatted(key.replace("\\", "\\\\"));

        assertThatThrownBy(() -> reader.read("x.json", stream(v3))).isInstanceOf(LockfileException.class)
                .hasMessage("x.json:3: package key \"" + key + "\" is not written as npm writes it: npm installs it at \""
                        + installed + "\"");
    }

    @Test
    void keysOfFoldersOutsideTheProjectAndNestedPackagesAreRead() throws Exception {
        // a file:../shared dependency: its folder, and what is installed in it, are keyed from the project
        String v3 = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "p"},
                  "../shared": {"name": "shared", "version": "1.0.0"},
                  "../shared/node_modules/ms": {"version": "2.1.3", "integrity": "sha512-AAAA"},
                  "node_modules/shared": {"resolved": "../shared", "link": true},
                  "node_modules/@s/a/node_modules/ms": {"version": "2.0.0", "integrity": "sha512-BBBB"}
                }}""";

        assertThat(reader.read("x.json", stream(v3)).packages()).extracting(LockedPackage::id)
                .contains("ms@2.1.3", "ms@2.0.0");
    }

    @Test
    void aVersion1DependencyNamedAsAPathIsMalformed() {
        String v1 = """
                {"lockfileVersion": 1, "dependencies": {
                  "./nuxt": {"version": "3.13.0", "integrity": "sha512-AAAA"}
                }}""";

        assertThatThrownBy(() -> reader.read("y.json", stream(v1))).isInstanceOf(LockfileException.class)
                .hasMessage("y.json:2: package key \"node_modules/./nuxt\" is not written as npm writes it: npm"
                        + " installs it at \"node_modules/nuxt\"");
    }

    @Test
    void aResolvedOrIntegrityThatIsNoStringIsMalformedNotAbsent() {
        // read as absent, an array resolved would have the entry fetched from the registry by name@version and
        // verified there, while what npm makes of ["https://bitbucket.org/x/a/-/a-1.0.0.tgz"] is not ours to guess
        String v3 = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": ["https://bitbucket.org/x/a/-/a-1.0.0.tgz"]}
                }}""";
        assertThatThrownBy(() -> reader.read("x.json", stream(v3))).isInstanceOf(LockfileException.class)
                .hasMessage("x.json:2: \"resolved\" of node_modules/a is not a string");
        String v1 = """
                {"lockfileVersion": 1, "dependencies": {
                  "a": {"version": "1.0.0", "integrity": {"sha512": "AAAA"}}
                }}""";
        assertThatThrownBy(() -> reader.read("y.json", stream(v1))).isInstanceOf(LockfileException.class)
                .hasMessage("y.json:2: \"integrity\" of node_modules/a is not a string");
        // two of them: the first in the fixed order is named, the same every run
        assertThatThrownBy(() -> reader.read("w.json", stream("""
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"integrity": [], "resolved": {}, "version": 3}
                }}"""))).isInstanceOf(LockfileException.class)
                .hasMessage("w.json:2: \"version\" of node_modules/a is not a string");
        // null is JSON's absent value
        assertThatCode(() -> reader.read("z.json", stream("""
                {"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0", "resolved": null}}}""")))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnsupportedVersionNamesTheLineItIsWrittenOn() {
        // a lockfile npm cannot have written is malformed input: the message names file and line, as for the rest
        String lockfile = """
                {
                  "name": "x",
                  "lockfileVersion": 4,
                  "packages": {}
                }""";
        assertThatThrownBy(() -> reader.read("x.json", stream(lockfile))).isInstanceOf(LockfileException.class)
                .hasMessage("x.json:3: unsupported lockfileVersion 4 (supported: 1, 2, 3)")
                .extracting(e -> ((LockfileException) e).line()).isEqualTo(3);
        // npm writes whole numbers: 2.5 is no version 2
        assertThatThrownBy(() -> reader.read("x.json", stream("{\"lockfileVersion\": 2.5, \"packages\": {}}")))
                .isInstanceOf(LockfileException.class)
                .hasMessage("x.json:1: unsupported lockfileVersion 2.5 (supported: 1, 2, 3)");
    }

    @Test
    void findsShrinkwrapBeforePackageLockInADirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{}}");
        assertThat(LockfileReader.locate(dir)).isEqualTo(dir.resolve("package-lock.json"));

        Files.writeString(dir.resolve("npm-shrinkwrap.json"), "{\"lockfileVersion\":3,\"packages\":{}}");
        assertThat(LockfileReader.locate(dir)).isEqualTo(dir.resolve("npm-shrinkwrap.json"));
        assertThat(reader.read(dir).path()).endsWith("npm-shrinkwrap.json");
    }

    @Test
    void anEmptyShrinkwrapIsPassedOverForThePackageLockAsNpmPassesOverIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("npm-shrinkwrap.json"), "");
        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {}}");

        assertThat(LockfileReader.locate(dir)).isEqualTo(dir.resolve("package-lock.json"));
        assertThat(LockfileReader.locate(dir.resolve("package-lock.json"))).isEqualTo(dir.resolve("package-lock.json"));
        // one that holds anything is npm's lockfile, and fails npm when it is no JSON
        Files.writeString(dir.resolve("npm-shrinkwrap.json"), " ");
        assertThat(LockfileReader.locate(dir)).isEqualTo(dir.resolve("npm-shrinkwrap.json"));
    }

    @Test
    void missingLockfileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(LockfileException.class)
                .hasMessageContaining("no npm-shrinkwrap.json or package-lock.json");
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.json"))).isInstanceOf(LockfileException.class)
                .hasMessageContaining("no such lockfile");
    }

    @Test
    void anotherPackageManagersLockfileIsNamedAsSuch(@TempDir Path dir) throws Exception {
        // a Yarn or pnpm project given to the tool read "no package-lock.json", as if the checkout had failed
        Files.writeString(dir.resolve("package.json"), "{}");
        Files.writeString(dir.resolve("yarn.lock"), "# yarn lockfile v1\n");

        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(LockfileException.class).hasMessageContaining(
                "no npm-shrinkwrap.json or package-lock.json in this directory; its yarn.lock is Yarn's lockfile, not "
                        + "npm's: npm-provenance reads npm's lockfiles only (package-lock.json, npm-shrinkwrap.json)");
        Path pnpm = Files.writeString(dir.resolve("pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
        assertThatThrownBy(() -> reader.read(pnpm)).isInstanceOf(LockfileException.class)
                .hasMessageContaining("pnpm's lockfile, not npm's").hasMessageNotContaining("line");

        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{}}");
        assertThat(reader.read(dir).path()).endsWith("package-lock.json");
    }

    @Test
    void aManifestWithoutLockfileSaysHowNpmWritesOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("package.json"), "{}");

        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(LockfileException.class).hasMessageContaining(
                "the project has a package.json but no lockfile: npm writes one with npm install");
    }

    @Test
    void aWorkspaceWithoutLockfileIsToldOfTheOneAboveNotToRunNpmInstall(@TempDir Path dir) throws Exception {
        // npm install in a workspace writes the root's lockfile: told to run it there, the user got the same message
        Files.writeString(dir.resolve("package.json"), "{\"workspaces\":[\"packages/*\"]}");
        Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{}}");
        Path workspace = Files.createDirectories(dir.resolve("packages/a"));
        Files.writeString(workspace.resolve("package.json"), "{}");

        assertThatThrownBy(() -> reader.read(workspace)).isInstanceOf(LockfileException.class)
                .hasMessageContaining("if this is a workspace, npm keeps its lockfile at the root of the project, and "
                        + dir.resolve("package-lock.json") + " is the one to verify");
    }

    @Test
    void aLockfileThatIsNoRegularFileIsNamedAsSuchNotAsMissing(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("package-lock.json"));

        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(LockfileException.class)
                .hasMessageContaining("package-lock.json").hasMessageContaining("not a regular file")
                .hasMessageNotContaining("no npm-shrinkwrap.json or package-lock.json");
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device));
        assertThatThrownBy(() -> reader.read(device)).isInstanceOf(LockfileException.class)
                .hasMessageContaining("/dev/null").hasMessageContaining("not a regular file")
                .hasMessageNotContaining("no such lockfile");
    }

    @Test
    void aMergeConflictLeftInTheLockfileIsNamedAsOne() {
        String conflicted = """
                {"lockfileVersion": 3, "packages": {
                <<<<<<< HEAD
                  "node_modules/a": {"version": "1.0.0"}
                =======
                  "node_modules/a": {"version": "1.0.1"}
                >>>>>>> feature
                }}""";
        String merely = "{\"lockfileVersion\": 3, \"packages\": <}";

        assertThatThrownBy(() -> reader.read("package-lock.json", stream(conflicted)))
                .isInstanceOf(LockfileException.class).hasMessageContaining("package-lock.json:2: malformed JSON")
                .hasMessageContaining("a merge conflict left in the file?");
        assertThatThrownBy(() -> reader.read("package-lock.json", stream(merely)))
                .isInstanceOf(LockfileException.class).hasMessageNotContaining("merge conflict");
    }

    @Test
    void malformedJsonIsDescribedWithoutTheParsersInternals() throws Exception {
        String real = new String(LockfileReaderTest.class.getResourceAsStream("/lockfiles/v3-mixed.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        // cut after an entry's closing brace: the parser then names where the enclosing object began
        String cut = real.substring(0, real.indexOf("}", real.indexOf("\"node_modules/")) + 1);
        assertThatThrownBy(() -> reader.read("cut.json", stream(cut))).isInstanceOf(LockfileException.class)
                .hasMessageStartingWith("cut.json:").hasMessageContaining("malformed JSON: Unexpected end-of-input")
                .hasMessageContaining("opened on line").hasMessageNotContaining("[Source:").hasMessageNotContaining("REDACTED");
        String deep = "{\"lockfileVersion\": 3,\n\"packages\": {\"\": {\"x\": " + "[".repeat(2000) + "]".repeat(2000) + "}}}";
        assertThatThrownBy(() -> reader.read("deep.json", stream(deep))).isInstanceOf(LockfileException.class)
                .hasMessageStartingWith("deep.json:2: malformed JSON: Document nesting depth (1001)")
                .hasMessageNotContaining("StreamReadConstraints");
        assertThatThrownBy(() -> reader.read("x.json", stream("{\"packages\": {}}"))).isInstanceOf(LockfileException.class)
                .hasMessageContaining("no lockfileVersion").hasMessageNotContaining("lockfileVersion 0");
    }

    @Test
    void aLockfileThatIsNotUtf8IsMalformedNotUnreadable() {
        // zero bytes first make Jackson read UTF-32 (npm reads UTF-8 only), in which what follows is no character:
        // found by LockfileFuzzTest, and said to be a file that "cannot be read", as for a failing disk
        byte[] bytes = "\0\0\0{\"lockfileVersion\": 3, \"packages\": {}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read("web/package-lock.json", new java.io.ByteArrayInputStream(bytes)))
                .isInstanceOf(LockfileException.class)
                .hasMessageStartingWith("web/package-lock.json: malformed JSON: not UTF-8 text, which npm reads")
                .hasMessageNotContaining("cannot read");
    }

    @Test
    void aLockfileInUtf16IsRefusedAsNpmCannotReadIt() throws Exception {
        // npm reads a lockfile as UTF-8 and cannot parse this one: packages verified from it (Jackson reads UTF-16
        // well) would not be what npm installs
        String real = new String(LockfileReaderTest.class.getResourceAsStream("/lockfiles/v3-mixed.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE, java.nio.charset.Charset.forName("UTF-32"))) {
            byte[] bytes = ("\uFEFF" + real).getBytes(charset);
            for (byte[] input : List.of(bytes, java.util.Arrays.copyOfRange(bytes, charset.equals(StandardCharsets.UTF_16)
                    ? 2 : charset.name().equals("UTF-32") ? 4 : 2, bytes.length))) {
                assertThatThrownBy(() -> reader.read("package-lock.json", new java.io.ByteArrayInputStream(input)))
                        .as(charset.name()).isInstanceOf(LockfileException.class)
                        .hasMessage("package-lock.json: malformed JSON: not UTF-8 text, which npm reads a lockfile as");
            }
        }
        // a UTF-8 byte order mark is read past, as npm reads past it
        byte[] utf8 = ("\uFEFF" + real).getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read("package-lock.json", new java.io.ByteArrayInputStream(utf8)).packages()).isNotEmpty();
    }

    @Test
    void entryFlagsAreReadFromScalarsWhateverElseTheEntryHolds() throws Exception {
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "root", "dependencies": {"a": "1.0.0"}},
                  "node_modules/a": {"version": "1.0.0", "dev": 1, "optional": "true",
                    "requires": {"b": "^1"}, "engines": ["node >= 18"], "peer": null},
                  "node_modules/b": {"version": "2.0.0", "dev": true, "dev": {"nested": true}},
                  "node_modules/c": {"version": {"not": "a string"}, "version": "3.0.0", "link": 0}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("a@1.0.0").dev()).isTrue();
        assertThat(packages.get("a@1.0.0").optional()).isTrue();
        assertThat(packages.get("a@1.0.0").peer()).isFalse();
        // the last occurrence of a repeated key wins, an object as much as a scalar
        assertThat(packages.get("b@2.0.0").dev()).isFalse();
        assertThat(packages.get("c@3.0.0").source()).isEqualTo(SourceKind.REGISTRY);
    }

    @Test
    void aDevOptionalPackageIsNeitherDevOnlyNorOptionalOnly() throws Exception {
        // arborist writes devOptional for a package that is neither dev nor optional (needed by a dev dependency
        // and by an optional one): npm install --omit=dev still installs it, so it is no dev-only package
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "devOptional": true},
                  "node_modules/b": {"version": "1.0.0", "dev": true, "optional": true}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("a@1.0.0").dev()).isFalse();
        assertThat(packages.get("a@1.0.0").optional()).isFalse();
        assertThat(packages.get("b@1.0.0").dev()).isTrue();
        assertThat(packages.get("b@1.0.0").optional()).isTrue();
    }

    @Test
    void onlyADependencysBundleIsLeftToItsTarballWhateverInBundleClaims() throws Exception {
        // npm decides bundling from the parent's bundleDependencies (and what bundled packages depend on), never
        // from the inBundle flag; what the root project bundles is still fetched from the registry
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "root", "bundleDependencies": ["root-bundled"]},
                  "node_modules/root-bundled": {"version": "1.0.0", "inBundle": true,
                    "resolved": "https://registry.npmjs.org/root-bundled/-/root-bundled-1.0.0.tgz"},
                  "node_modules/claims": {"version": "1.0.0", "inBundle": true,
                    "resolved": "https://registry.npmjs.org/claims/-/claims-1.0.0.tgz"},
                  "node_modules/host": {"version": "1.0.0"},
                  "node_modules/host/node_modules/sneaky": {"version": "1.0.0", "inBundle": true,
                    "resolved": "https://registry.npmjs.org/sneaky/-/sneaky-1.0.0.tgz"},
                  "node_modules/bundler": {"version": "2.0.0", "bundleDependencies": ["inner"]},
                  "node_modules/bundler/node_modules/inner": {"version": "1.0.0", "inBundle": true,
                    "dependencies": {"deduped": "^1"}},
                  "node_modules/bundler/node_modules/deduped": {"version": "1.0.0", "inBundle": true}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("root-bundled@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("claims@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("sneaky@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("inner@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
        // a dependency of a bundled package, deduplicated to the bundling level, is in the bundle too
        assertThat(packages.get("deduped@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
    }

    @Test
    void aPackageSayingItHasItsOwnShrinkwrapIsMarkedAndWhatIsBelowItStillVerified() throws Exception {
        // npm ci installs below "host" what the npm-shrinkwrap.json in its tarball pins, if it holds one, and else
        // these entries as they are (both reproduced with npm ci): they are verified as any other, and the host marked
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "root"},
                  "node_modules/host": {"version": "1.0.0", "hasShrinkwrap": true,
                    "resolved": "https://registry.npmjs.org/host/-/host-1.0.0.tgz"},
                  "node_modules/host/node_modules/pinned": {"version": "7.0.0",
                    "resolved": "https://registry.npmjs.org/pinned/-/pinned-7.0.0.tgz"},
                  "node_modules/sibling": {"version": "1.0.0"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("host@1.0.0").ownShrinkwrap()).isTrue();
        assertThat(packages.get("pinned@7.0.0").ownShrinkwrap()).isFalse();
        assertThat(packages.get("sibling@1.0.0").ownShrinkwrap()).isFalse();
        assertThat(packages.values()).extracting(LockedPackage::source).containsOnly(SourceKind.REGISTRY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"hasShrinkwrap\": true", "\"hasShrinkwrap\": \"false\"", "\"hasShrinkwrap\": 1",
            "\"hasShrinkwrap\": 0.5", "\"hasShrinkwrap\": {}", "\"hasShrinkwrap\": []",
            "\"_hasShrinkwrap\": true", "\"hasShrinkwrap\": false, \"_hasShrinkwrap\": \"x\""})
    void aShrinkwrapFlagCountsWhenJavaScriptTakesItForTrue(String flag) throws Exception {
        assertThat(flagged(flag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"hasShrinkwrap\": false", "\"hasShrinkwrap\": 0", "\"hasShrinkwrap\": \"\"",
            "\"hasShrinkwrap\": null", "\"hasShrinkwrap\": true, \"hasShrinkwrap\": false"})
    void aShrinkwrapFlagThatJavaScriptTakesForFalseIsNone(String flag) throws Exception {
        assertThat(flagged(flag)).isFalse();
    }

    private boolean flagged(String flag) throws Exception {
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/host": {"version": "1.0.0", %s}
                }}""".formatted(flag);
        return byId(reader.read("inline.json", stream(lockfile))).get("host@1.0.0").ownShrinkwrap();
    }

    @Test
    void aVersion1DependenciesTreeHasNoShrinkwrapFlagAsNpmReadsIt() throws Exception {
        // arborist's metaFromLock keeps no hasShrinkwrap from a "dependencies" entry
        String lockfile = """
                {"lockfileVersion": 1, "dependencies": {
                  "host": {"version": "1.0.0", "hasShrinkwrap": true}
                }}""";

        assertThat(byId(reader.read("inline.json", stream(lockfile))).get("host@1.0.0").ownShrinkwrap()).isFalse();
    }

    @Test
    void v1BundledFlagCountsUnderAParentThatIsNotItselfBundled() throws Exception {
        // npm takes a v1 package's bundleDependencies from the registry: a "bundled" child of a dependency is in
        // its bundle whether or not the parent requires it (fsevents 1.2.12 bundles node-pre-gyp without
        // depending on it); at the top, "bundled" can only be the root project's, which npm fetches
        String lockfile = """
                {"lockfileVersion": 1, "dependencies": {
                  "top": {"version": "1.0.0", "bundled": true, "dependencies": {
                    "below-top": {"version": "1.0.0", "bundled": true}}},
                  "host": {"version": "1.0.0", "dependencies": {
                    "unrequired": {"version": "1.0.0", "bundled": true}}},
                  "bundler": {"version": "2.0.0", "requires": {"inner": "^1"}, "dependencies": {
                    "inner": {"version": "1.0.0", "bundled": true}}}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("top@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("below-top@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("unrequired@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
        assertThat(packages.get("inner@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
    }

    @Test
    void aVersion1LockfilesPackagesSectionDoesNotSayWhatIsBundled() throws Exception {
        // npm upgrades a lockfileVersion 1 file from the registry even when it has "packages": debug@2.6.9's
        // manifest bundles nothing, so npm ci fetched ms-2.0.0.tgz (the same file as version 3 fetches no ms)
        String lockfile = """
                {"lockfileVersion": %s, "requires": true, "packages": {
                  "": {"dependencies": {"debug": "2.6.9"}},
                  "node_modules/debug": {"version": "2.6.9",
                    "resolved": "https://registry.npmjs.org/debug/-/debug-2.6.9.tgz",
                    "integrity": "sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA==",
                    "dependencies": {"ms": "2.0.0"}, "bundleDependencies": ["ms"]},
                  "node_modules/debug/node_modules/ms": {"version": "2.0.0", "inBundle": true,
                    "resolved": "https://registry.npmjs.org/ms/-/ms-2.0.0.tgz",
                    "integrity": "sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A=="}
                }}""";

        assertThat(byId(reader.read("v1.json", stream(lockfile.formatted("1")))).get("ms@2.0.0").source())
                .isEqualTo(SourceKind.REGISTRY);
        assertThat(byId(reader.read("v3.json", stream(lockfile.formatted("3")))).get("ms@2.0.0").source())
                .isEqualTo(SourceKind.BUNDLED);
    }

    @Test
    void v1BundledEntryThatPinsATarballIsVerifiedLikeAnyRegistryPackage() throws Exception {
        // npm never writes "resolved" or "integrity" on a bundled v1 entry, and fetches by them when the parent's
        // published bundleDependencies do not name it: a hand-edited "bundled" must not hide a swapped tarball
        String lockfile = """
                {"lockfileVersion": 1, "dependencies": {
                  "host": {"version": "1.0.0", "dependencies": {
                    "swapped": {"version": "1.0.0", "bundled": true,
                      "resolved": "https://registry.npmjs.org/swapped/-/swapped-1.0.0.tgz",
                      "integrity": "sha512-AAAA"},
                    "pinned": {"version": "1.0.0", "bundled": true, "integrity": "sha512-BBBB", "dependencies": {
                      "inside-pinned": {"version": "1.0.0", "bundled": true}}},
                    "genuine": {"version": "1.0.0", "bundled": true}}}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("swapped@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("pinned@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("genuine@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
        // npm 7+ writing a v1 lockfile can pin a bundled package from its package.json's _resolved and _integrity:
        // verified as fetched, it still brings what it bundles, which has no tarball of its own to verify
        assertThat(packages.get("inside-pinned@1.0.0").source()).isEqualTo(SourceKind.BUNDLED);
    }

    @Test
    void aVersion1EntryWithoutIntegrityIsFetchedFromItsResolvedWhateverItsVersionSays() throws Exception {
        // arborist's specFromLock takes a v1 version only with an integrity or for git, else the resolved: npm ci
        // downloaded this "file:" entry from the URL, which was reported as a local folder
        String lockfile = """
                {"lockfileVersion": 1, "dependencies": {
                  "ms": {"version": "file:vendor/ms", "resolved": "http://127.0.0.1:8765/ms-2.0.0.tgz"},
                  "kept": {"version": "file:vendor/kept", "resolved": "http://127.0.0.1:8765/kept.tgz",
                    "integrity": "sha512-AAAA"}
                }}""";
        Map<String, LockedPackage> packages = reader.read("v1.json", stream(lockfile)).packages().stream()
                .collect(Collectors.toMap(LockedPackage::name, Function.identity()));

        assertThat(packages.get("ms").source()).isEqualTo(SourceKind.REMOTE_TARBALL);
        assertThat(packages.get("kept").source()).isEqualTo(SourceKind.FILE);
    }

    @Test
    void v3InstallsWhatResolvedSaysWhateverTheVersionFieldLooksLike() throws Exception {
        // from v2 on, "version" is only the package's version: npm fetches "resolved" (the version only without it)
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "file:../a", "integrity": "sha512-AAAA",
                    "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz"},
                  "node_modules/b": {"version": "link:../b",
                    "resolved": "https://registry.npmjs.org/b/-/b-1.0.0.tgz"},
                  "node_modules/c": {"version": "github:x/c",
                    "resolved": "https://registry.npmjs.org/c/-/c-1.0.0.tgz"},
                  "node_modules/d": {"version": "file:../d"}
                }}""";
        Map<String, LockedPackage> packages = reader.read("inline.json", stream(lockfile)).packages().stream()
                .collect(Collectors.toMap(LockedPackage::name, Function.identity()));

        assertThat(packages.get("a").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("b").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("c").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("d").source()).isEqualTo(SourceKind.FILE);
    }

    @Test
    void aRepeatedLocationCountsAsItsLastOccurrenceAsNpmParsesIt() throws Exception {
        // JSON.parse keeps the last value of a repeated key: npm installs only that one
        String v3 = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0"},
                  "node_modules/b": {"version": "1.0.0"},
                  "node_modules/a": {"version": "2.0.0"}
                }}""";
        assertThat(reader.read("v3.json", stream(v3)).packages())
                .extracting(LockedPackage::id, p -> p.firstLocation().line())
                .containsExactly(tuple("a@2.0.0", 4), tuple("b@1.0.0", 3));

        String v1 = """
                {"lockfileVersion": 1, "dependencies": {
                  "a": {"version": "1.0.0"},
                  "a": {"version": "2.0.0",
                    "dependencies": {"c": {"version": "1.0.0"}},
                    "dependencies": {"d": {"version": "1.0.0"}}}
                }}""";
        assertThat(reader.read("v1.json", stream(v1)).packages())
                .extracting(LockedPackage::id).containsExactly("a@2.0.0", "d@1.0.0");
    }

    @Test
    void urlSchemesAreReadWhateverTheirCaseAsNpmParsesThem() throws Exception {
        // npm-package-arg matches schemes case-insensitively and WHATWG URL lower-cases them: npm downloads these
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "resolved": "HTTPS://registry.npmjs.org/a/-/a-1.0.0.tgz"},
                  "node_modules/b": {"version": "1.0.0", "resolved": "Https://example.com/b-1.0.0.tgz"},
                  "node_modules/c": {"version": "1.0.0", "resolved": "GIT+SSH://git@github.com/x/c.git#0123abc"},
                  "node_modules/d": {"version": "1.0.0", "resolved": "FILE:../d"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("a@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("b@1.0.0").source()).isEqualTo(SourceKind.REMOTE_TARBALL);
        assertThat(packages.get("c@1.0.0").source()).isEqualTo(SourceKind.GIT);
        assertThat(packages.get("d@1.0.0").source()).isEqualTo(SourceKind.FILE);

        // and so is an alias's npm: prefix
        String v1 = """
                {"lockfileVersion": 1, "dependencies": {"old-tuf": {"version": "NPM:tuf-js@1.0.0"}}}""";
        assertThat(reader.read("v1.json", stream(v1)).packages()).extracting(LockedPackage::id)
                .containsExactly("tuf-js@1.0.0");
    }

    @Test
    void aResolvedThatNpmReadsAsARegistrySpecIsNotALocalFolder() throws Exception {
        // npm hands "resolved" to npm-package-arg and fetches name@resolved: an empty one falls back to the
        // version, and a version, range, tag or npm: alias is fetched from the registry (against the integrity)
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/empty": {"version": "1.0.0", "resolved": ""},
                  "node_modules/bare": {"version": "1.0.0", "resolved": "1.0.0"},
                  "node_modules/tag": {"version": "1.0.0", "resolved": "latest"},
                  "node_modules/alias": {"version": "1.0.0", "resolved": "npm:alias@1.0.0"},
                  "node_modules/folder": {"version": "1.0.0", "resolved": "../folder"},
                  "node_modules/tarball": {"version": "1.0.0", "resolved": "tarball-1.0.0.tgz"},
                  "node_modules/scp": {"version": "1.0.0", "resolved": "me@git.example.com:scp.git"},
                  "node_modules/ftp": {"version": "1.0.0", "resolved": "ftp:x"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.REGISTRY)
                .extracting(LockedPackage::name).containsExactlyInAnyOrder("empty", "bare", "tag", "alias");
        assertThat(packages.get("folder@1.0.0").source()).isEqualTo(SourceKind.FILE);
        assertThat(packages.get("tarball@1.0.0").source()).isEqualTo(SourceKind.FILE);
        assertThat(packages.get("scp@1.0.0").source()).isEqualTo(SourceKind.GIT);
    }

    @Test
    void aResolvedOfNameAtSpecIsTheSpecAsArboristReadsIt() throws Exception {
        // arborist's consistentResolve reads "resolved" with npm-package-arg, which takes name@spec for a name and
        // its spec and keeps the spec: foo@file:. is the project's own folder (no integrity checked), foo@github:u/r
        // a repository; neither is the registry's foo, however registry-like the entry looks
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/dir": {"version": "1.0.0", "resolved": "dir@file:.", "integrity": "sha512-AAAA"},
                  "node_modules/dot": {"version": "1.0.0", "resolved": "dot@..", "integrity": "sha512-AAAA"},
                  "node_modules/other": {"version": "1.0.0", "resolved": "x@FILE:vendor", "integrity": "sha512-AAAA"},
                  "node_modules/drive": {"version": "1.0.0", "resolved": "drive@C:x", "integrity": "sha512-AAAA"},
                  "node_modules/hub": {"version": "1.0.0", "resolved": "hub@github:u/r", "integrity": "sha512-AAAA"},
                  "node_modules/gitx": {"version": "1.0.0", "resolved": "gitx@git:x", "integrity": "sha512-AAAA"},
                  "node_modules/scoped": {"version": "1.0.0", "resolved": "@s/scoped@1.0.0", "integrity": "sha512-AAAA"},
                  "node_modules/plain": {"version": "1.0.0", "resolved": "plain@1.0.0", "integrity": "sha512-AAAA"},
                  "node_modules/url": {"version": "1.0.0",
                    "resolved": "https://registry.npmjs.org/url/-/url-1.0.0.tgz", "integrity": "sha512-AAAA"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.FILE).extracting(LockedPackage::name)
                .containsExactlyInAnyOrder("dir", "dot", "other", "drive");
        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.GIT).extracting(LockedPackage::name)
                .containsExactlyInAnyOrder("hub", "gitx");
        // @s/scoped@1.0.0 is the version 1.0.0 to npm, fetched from the registry, not a path
        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.REGISTRY)
                .extracting(LockedPackage::name).containsExactlyInAnyOrder("scoped", "plain", "url");
    }

    @Test
    void aRegistrySpecInResolvedIsFetchedByTheFolderOrAliasNameNotTheNameField() throws Exception {
        // reify fetches <folder>@<resolved> when resolved is no URL: an alias's target, or the folder's own name,
        // whatever "name" says; only without a resolved does npm fetch <name>@<version>
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/foo": {"name": "bar", "version": "1.0.0", "resolved": "1.0.0"},
                  "node_modules/ali": {"name": "bar", "version": "2.0.0", "resolved": "npm:baz@2.0.0"},
                  "node_modules/@s/x": {"version": "3.0.0", "resolved": "NPM:@t/y@3.0.0"},
                  "node_modules/nores": {"name": "real", "version": "4.0.0"},
                  "node_modules/empty": {"name": "real", "version": "5.0.0", "resolved": ""},
                  "node_modules/url": {"name": "real", "version": "6.0.0",
                    "resolved": "https://registry.npmjs.org/real/-/real-6.0.0.tgz"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.keySet()).containsExactlyInAnyOrder("foo@1.0.0", "baz@2.0.0", "@t/y@3.0.0", "real@4.0.0",
                "real@5.0.0", "real@6.0.0");
        assertThat(packages.get("baz@2.0.0").aliases()).containsExactly("ali");
        assertThat(packages.values()).allMatch(p -> p.source() == SourceKind.REGISTRY);
    }

    @Test
    void anEmptyNameIsTheFoldersAsArboristReadsIt() throws Exception {
        // loadVirtual: if (!sw.name) sw.name = nameFromFolder(path); npm ci fetches ms-2.0.0.tgz from the registry
        // for both entries (it was read as a remote tarball "@2.0.0", and so never verified)
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/ms": {"name": "", "version": "2.0.0",
                    "resolved": "https://registry.npmjs.org/ms/-/ms-2.0.0.tgz",
                    "integrity": "sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A=="},
                  "node_modules/a/node_modules/ms": {"name": "", "version": "2.0.0",
                    "integrity": "sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A=="}
                }}""";
        Lockfile read = reader.read("inline.json", stream(lockfile));

        assertThat(read.packages()).extracting(LockedPackage::id, LockedPackage::source, LockedPackage::aliases)
                .containsExactly(tuple("ms@2.0.0", SourceKind.REGISTRY, java.util.List.of()),
                        tuple("ms@2.0.0", SourceKind.REGISTRY, java.util.List.of()));
    }

    @Test
    void gitHubShorthandAndEveryHostShortcutAreGitNotLocalFiles() throws Exception {
        // hosted-git-info reads user/repo as a GitHub repository (npm-package-arg asks it before it reads a spec
        // with a slash as a path), and knows sourcehut: as it knows github:; a path npm tests first
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "resolved": "someone/a#0123abc"},
                  "node_modules/b": {"version": "1.0.0", "resolved": "someone/b-1.0.0.tgz"},
                  "node_modules/c": {"version": "1.0.0", "resolved": "sourcehut:~someone/c#0123abc"},
                  "node_modules/d": {"version": "1.0.0", "resolved": "codeberg:someone/d#0123abc"},
                  "node_modules/e": {"version": "1.0.0", "resolved": "~/e"},
                  "node_modules/f": {"version": "1.0.0", "resolved": "lib/f/g"},
                  "node_modules/g": {"version": "1.0.0", "resolved": "someone/g/"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.GIT).extracting(LockedPackage::name)
                .containsExactlyInAnyOrder("a", "b", "c");
        // codeberg: is no shortcut of a released hosted-git-info: a URL scheme npm cannot fetch
        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.FILE).extracting(LockedPackage::name)
                .containsExactlyInAnyOrder("d", "e", "f", "g");
    }

    @Test
    void aRegistryTarballUrlWithCredentialsAndAPortIsNotTakenForScpLikeGit() throws Exception {
        // npm-package-arg tests for a URL before anything scp-like: npm downloads these over https. A lockfile
        // written against a registry configured with user:password@ and a port has such resolved URLs
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0",
                    "resolved": "https://ci:secret@registry.npmjs.org:443/a/-/a-1.0.0.tgz"},
                  "node_modules/b": {"version": "1.0.0",
                    "resolved": "https://ci@files.example.com:8443/b-1.0.0.tgz"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("a@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("b@1.0.0").source()).isEqualTo(SourceKind.REMOTE_TARBALL);
    }

    @Test
    void aRepositoryUrlOfAGitHostIsGitHoweverMuchItLooksLikeARegistryTarball() throws Exception {
        // npm-package-arg asks hosted-git-info before it reads a spec as a URL, and hosted-git-info takes these
        // for repositories: npm clones them, and pacote drops the lockfile's integrity for git dependencies, so
        // verifying name@version against the registry says nothing about what gets installed
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://bitbucket.org/someone/a/-/a-1.0.0.tgz"},
                  "node_modules/b": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://github.com/someone/repo/tree/x/b/-/b-1.0.0.tgz"},
                  "node_modules/c": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://WWW.GitHub.com/someone/c/tree/c/-/c-1.0.0.tgz"},
                  "node_modules/d": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://git.sr.ht\\\\~someone\\\\d/-/d-1.0.0.tgz"},
                  "node_modules/e": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://gist.github.com/e/-/e-1.0.0.tgz"},
                  "node_modules/f": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://github.com/f/-/f-1.0.0.tgz"},
                  "node_modules/g": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://gitlab.com/api/v4/projects/1/packages/npm/g/-/g-1.0.0.tgz"},
                  "node_modules/h": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://bitbucket.org/someone/h/get/h/-/h-1.0.0.tgz"},
                  "node_modules/i": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "http://bitbucket.org/someone/i/-/i-1.0.0.tgz"},
                  "node_modules/j": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "http://github.com/someone/j"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.GIT).extracting(LockedPackage::name)
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "j");
        // not repositories to hosted-git-info (a GitHub path that is no tree, GitLab's /-/, Bitbucket's archives,
        // http:// anywhere but github.com): npm downloads them, against the integrity
        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.REGISTRY)
                .extracting(LockedPackage::name).containsExactlyInAnyOrder("f", "g", "h", "i");

        String v1 = """
                {"lockfileVersion": 1, "dependencies": {"a": {"version": "1.0.0", "integrity": "sha512-AAAA",
                  "resolved": "https://bitbucket.org/someone/a/-/a-1.0.0.tgz"}}}""";
        assertThat(reader.read("v1.json", stream(v1)).packages()).extracting(LockedPackage::source)
                .containsExactly(SourceKind.GIT);
    }

    @Test
    void aGitHostIsKnownAsWhatwgUrlReadsItsHostAndPath() throws Exception {
        // hosted-git-info reads the URL with WHATWG URL: the host percent-decoded and IDNA-mapped, dot segments
        // resolved; and GitLab's projects nest in groups. Each of these is a repository npm clones, dropping the
        // integrity, however much it could be read as a tarball URL
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/k": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://gitlab.com/group/subgroup/k"},
                  "node_modules/m": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://git%48ub.com/someone/m"},
                  "node_modules/n": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://\uFF47\uFF49\uFF54\uFF48\uFF55\uFF42.com/someone/n"},
                  "node_modules/o": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://github.com/someone/o/%2E%2E/o"},
                  "node_modules/q": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://gitlab.com/q"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.values()).filteredOn(p -> p.source() == SourceKind.GIT).extracting(LockedPackage::name)
                .containsExactlyInAnyOrder("k", "m", "n", "o");
        // a GitLab path of one segment is no project: downloaded, against the integrity
        assertThat(packages.get("q@1.0.0").source()).isEqualTo(SourceKind.REMOTE_TARBALL);
    }

    @Test
    void aSectionOrEntryThatIsNoObjectIsNamedWithItsLine() {
        // each is refused by name, never read as a lockfile with that package missing from the report
        refused("{\"lockfileVersion\": 3,\n\"packages\": [1]}", "x.json:2: \"packages\" must be a JSON object");
        refused("{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": \"1.0.0\"}}",
                "x.json:2: package entry \"node_modules/a\" must be a JSON object");
        refused("{\"lockfileVersion\": 1,\n\"dependencies\": \"a\"}", "x.json:2: \"dependencies\" must be a JSON object");
        refused("{\"lockfileVersion\": 1, \"dependencies\": {\n\"a\": [\"1.0.0\"]}}",
                "x.json:2: dependency \"a\" must be a JSON object");
    }

    private void refused(String lockfile, String message) {
        assertThatThrownBy(() -> reader.read("x.json", stream(lockfile)))
                .isInstanceOf(LockfileException.class).hasMessage(message);
    }

    @Test
    void aForgejoRegistryOnCodebergIsARegistryNotARepository() throws Exception {
        // released hosted-git-info knows no codeberg.org (npm/hosted-git-info#341 is unmerged): npm downloads
        // the tarballs of a Codeberg package registry against the integrity, so they are verified, not skipped
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://codeberg.org/api/packages/someone/npm/a/-/1.0.0/a-1.0.0.tgz"},
                  "node_modules/b": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://codeberg.org/someone/b/-/b-1.0.0.tgz"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.values()).extracting(LockedPackage::source)
                .containsOnly(SourceKind.REGISTRY);
    }

    private static InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aGistsRawFileAndASourcehutArchiveAreDownloadedNotClonedSoARegistryShapedOneIsVerified() throws Exception {
        // hosted-git-info's gist and sourcehut hosts give no repository for .../raw/... and .../archive/...: npm
        // downloads those URLs against the integrity, so one shaped as a registry tarball is verified like any
        // other, not SKIPPED as git (a pull request could otherwise swap the tarball, and its integrity, unseen)
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "node_modules/a": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://gist.github.com/someone/0123abcd/raw/a/-/a-1.0.0.tgz"},
                  "node_modules/b": {"version": "1.0.0", "integrity": "sha512-AAAA",
                    "resolved": "https://git.sr.ht/~someone/b/archive/b/-/b-1.0.0.tgz"}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("a@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("b@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
    }

    @Test
    void aVersion3InBundleClaimWithoutPinsIsNotBelievedUnderAParentThatDoesNotBundleIt() throws Exception {
        // in a version 2 or 3 lockfile only the parent's bundleDependencies say what is bundled: an entry that
        // says "inBundle" and pins nothing (as npm writes a bundled one) is fetched by npm as name@version when
        // its parent bundles nothing, so it is verified, not left to a tarball
        String lockfile = """
                {"lockfileVersion": %s, "packages": {
                  "": {"name": "root"},
                  "node_modules/host": {"version": "1.0.0",
                    "resolved": "https://registry.npmjs.org/host/-/host-1.0.0.tgz", "integrity": "sha512-AAAA"},
                  "node_modules/host/node_modules/sneaky": {"version": "1.0.0", "inBundle": true}
                }}""";

        assertThat(byId(reader.read("v3.json", stream(lockfile.formatted("3")))).get("sneaky@1.0.0").source())
                .isEqualTo(SourceKind.REGISTRY);
        assertThat(byId(reader.read("v2.json", stream(lockfile.formatted("2")))).get("sneaky@1.0.0").source())
                .isEqualTo(SourceKind.REGISTRY);
    }

    @Test
    void whatTheRootProjectBundlesIsFetchedWithWhatItsOwnBundleHolds() throws Exception {
        // the root project's bundleDependencies are read from its own entry (the key ""), not a workspace's: a
        // package the root bundles is fetched from the registry, and so is everything below it
        String lockfile = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "root", "bundleDependencies": ["outer"]},
                  "node_modules/outer": {"version": "1.0.0", "bundleDependencies": ["inner"],
                    "resolved": "https://registry.npmjs.org/outer/-/outer-1.0.0.tgz", "integrity": "sha512-AAAA"},
                  "node_modules/outer/node_modules/inner": {"version": "1.0.0", "inBundle": true}
                }}""";
        Map<String, LockedPackage> packages = byId(reader.read("inline.json", stream(lockfile)));

        assertThat(packages.get("outer@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
        assertThat(packages.get("inner@1.0.0").source()).isEqualTo(SourceKind.REGISTRY);
    }
}
