package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Lockfiles written by real npm (see lockfiles/npm-written/SOURCES.md for how each was made): the reader must
 * verify exactly what npm installs from the registry, under its real name and version, and point at the line
 * of each entry's key.
 */
class NpmWrittenLockfilesTest {
    private static final String DIR = "/lockfiles/npm-written/";

    /** What the basic project installs from the registry, whichever lockfile version npm wrote. */
    private static final List<String> BASIC_REGISTRY = List.of("@isaacs/string-locale-compare@1.1.0",
            "@types/semver@7.5.8", "ajv-keywords@3.5.2", "ajv@6.15.0", "debug@2.6.9", "fast-deep-equal@3.1.3",
            "fast-json-stable-stringify@2.1.0", "is-number@7.0.0", "json-schema-traverse@0.4.1", "lodash@4.17.21",
            "ms@2.0.0", "ms@2.1.3", "once@1.4.0", "punycode@2.3.1", "uri-js@4.4.1", "wrappy@1.0.2");

    /** The 66 packages inside fsevents-1.2.12.tgz (node-pre-gyp and what it needs), as npm lists them. */
    private static final List<String> FSEVENTS_BUNDLE = List.of("abbrev@1.1.1", "ansi-regex@2.1.1",
            "aproba@1.2.0", "are-we-there-yet@1.1.5", "balanced-match@1.0.0", "brace-expansion@1.1.11",
            "chownr@1.1.4", "code-point-at@1.1.0", "concat-map@0.0.1", "console-control-strings@1.1.0",
            "core-util-is@1.0.2", "debug@3.2.6", "deep-extend@0.6.0", "delegates@1.0.0", "detect-libc@1.0.3",
            "fs-minipass@1.2.7", "fs.realpath@1.0.0", "gauge@2.7.4", "glob@7.1.6", "has-unicode@2.0.1",
            "iconv-lite@0.4.24", "ignore-walk@3.0.3", "inflight@1.0.6", "inherits@2.0.4", "ini@1.3.5",
            "is-fullwidth-code-point@1.0.0", "isarray@1.0.0", "minimatch@3.0.4", "minimist@1.2.5",
            "minipass@2.9.0", "minizlib@1.3.3", "mkdirp@0.5.3", "ms@2.1.2", "needle@2.3.3", "node-pre-gyp@0.14.0",
            "nopt@4.0.3", "npm-bundled@1.1.1", "npm-normalize-package-bin@1.0.1", "npm-packlist@1.4.8",
            "npmlog@4.1.2", "number-is-nan@1.0.1", "object-assign@4.1.1", "once@1.4.0", "os-homedir@1.0.2",
            "os-tmpdir@1.0.2", "osenv@0.1.5", "path-is-absolute@1.0.1", "process-nextick-args@2.0.1", "rc@1.2.8",
            "readable-stream@2.3.7", "rimraf@2.7.1", "safe-buffer@5.1.2", "safer-buffer@2.1.2", "sax@1.2.4",
            "semver@5.7.1", "set-blocking@2.0.0", "signal-exit@3.0.2", "string-width@1.0.2",
            "string_decoder@1.1.1", "strip-ansi@3.0.1", "strip-json-comments@2.0.1", "tar@4.4.13",
            "util-deprecate@1.0.2", "wide-align@1.1.3", "wrappy@1.0.2", "yallist@3.1.1");

    private final LockfileReader reader = new LockfileReader();

    private Lockfile read(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(DIR + name)) {
            return reader.read(name, in);
        }
    }

    /** name@version of every package from that source, sorted. */
    private static List<String> ids(Lockfile lockfile, SourceKind source) {
        return lockfile.packages().stream().filter(p -> p.source() == source).map(LockedPackage::id).sorted()
                .toList();
    }

    /** Every package that is not fetched from the registry, by id, with its source. */
    private static Map<String, SourceKind> skipped(Lockfile lockfile) {
        return lockfile.packages().stream().filter(p -> !p.source().fromRegistry())
                .collect(Collectors.toMap(LockedPackage::id, LockedPackage::source, (a, b) -> a, TreeMap::new));
    }

    /** The lines of an id's locations, for ids that are unique in the lockfile. */
    private static Map<String, List<Integer>> lines(Lockfile lockfile) {
        return lockfile.packages().stream().collect(Collectors.toMap(LockedPackage::id,
                p -> p.locations().stream().map(Location::line).toList(), (a, b) -> a));
    }

    private static Map<String, LockedPackage> byId(Lockfile lockfile) {
        return lockfile.packages().stream().collect(Collectors.toMap(LockedPackage::id, Function.identity(),
                (a, b) -> a));
    }

    @Test
    void basicV3ResolvesAliasesAndVerifiesEveryRegistryPackage() throws Exception {
        Lockfile lockfile = read("basic-v3.json");

        assertThat(lockfile.lockfileVersion()).isEqualTo(3);
        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactlyElementsOf(BASIC_REGISTRY);
        assertThat(skipped(lockfile)).isEmpty();
        Map<String, List<Integer>> lines = lines(lockfile);
        // "node_modules/x" is lodash, "node_modules/sloc" the scoped @isaacs/string-locale-compare
        assertThat(lines.get("lodash@4.17.21")).containsExactly(153);
        assertThat(lines.get("@isaacs/string-locale-compare@1.1.0")).containsExactly(129);
        // the nested duplicate "node_modules/debug/node_modules/ms" and the top-level one
        assertThat(lines.get("ms@2.0.0")).containsExactly(66);
        assertThat(lines.get("ms@2.1.3")).containsExactly(103);
        Map<String, LockedPackage> packages = byId(lockfile);
        assertThat(packages.get("ajv@6.15.0").peer()).isTrue();
        assertThat(packages.get("once@1.4.0").dev()).isTrue();
        assertThat(packages.get("is-number@7.0.0").optional()).isTrue();
        assertThat(packages.get("lodash@4.17.21").integrity().orElseThrow().raw()).startsWith("sha512-v2kDEe57");
    }

    @Test
    void basicV2ReadsThePackagesSectionNotTheLegacyCopy() throws Exception {
        Lockfile lockfile = read("basic-v2.json");

        assertThat(lockfile.lockfileVersion()).isEqualTo(2);
        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactlyElementsOf(BASIC_REGISTRY);
        assertThat(skipped(lockfile)).isEmpty();
        // the lines are those of the "packages" section, which comes first
        assertThat(lines(lockfile).get("lodash@4.17.21")).containsExactly(153);
        assertThat(lines(lockfile).get("ms@2.0.0")).containsExactly(66);
    }

    @Test
    void basicV1ResolvesAliasVersionsAndNestedEntries() throws Exception {
        Lockfile lockfile = read("basic-v1.json");

        assertThat(lockfile.lockfileVersion()).isEqualTo(1);
        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactlyElementsOf(BASIC_REGISTRY);
        assertThat(skipped(lockfile)).isEmpty();
        // "x": {"version": "npm:lodash@4.17.21"}; debug's nested "dependencies": {"ms": ...}
        assertThat(lines(lockfile).get("lodash@4.17.21")).containsExactly(109);
        assertThat(lines(lockfile).get("@isaacs/string-locale-compare@1.1.0")).containsExactly(89);
        assertThat(lines(lockfile).get("ms@2.0.0")).containsExactly(38);
    }

    @Test
    void withoutResolvedUrlsEveryPackageIsStillFetchedFromTheRegistry() throws Exception {
        // omit-lockfile-registry-resolved: npm fetches name@version from the configured registry
        Lockfile v3 = read("basic-omit-resolved-v3.json");
        Lockfile v1 = read("basic-omit-resolved-v1.json");

        assertThat(ids(v3, SourceKind.REGISTRY)).containsExactlyElementsOf(BASIC_REGISTRY);
        assertThat(ids(v1, SourceKind.REGISTRY)).containsExactlyElementsOf(BASIC_REGISTRY);
        assertThat(v3.packages()).allSatisfy(p -> assertThat(p.resolved()).isEmpty());
        assertThat(lines(v3).get("lodash@4.17.21")).containsExactly(138);
        assertThat(lines(v1).get("lodash@4.17.21")).containsExactly(94);
    }

    @Test
    void workspacesAndFileDependenciesAreSkippedAndWhatTheyNeedIsVerified() throws Exception {
        Lockfile lockfile = read("workspaces-file-v3.json");

        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactly("is-number@6.0.0", "is-number@7.0.0",
                "is-odd@3.0.1", "ms@2.0.0", "ms@2.1.3", "once@1.4.0", "wrappy@1.0.2");
        // a link entry takes the version of the folder it links to
        assertThat(skipped(lockfile)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "@ws/a@1.0.0", SourceKind.LINK, "@ws/b@2.0.0", SourceKind.LINK, "ws-c@3.0.0", SourceKind.LINK,
                "localdir@0.1.0", SourceKind.LINK, "localtgz@1.0.0", SourceKind.FILE)));
        // dependencies nested inside workspace folders: "packages/a/node_modules/ms", "packages/b/node_modules/..."
        assertThat(lines(lockfile).get("ms@2.0.0")).containsExactly(99);
        assertThat(lines(lockfile).get("is-number@7.0.0")).containsExactly(115);
        // a workspace's own bundle (ws-c bundles once) is not a tarball's: npm fetches it
        assertThat(lines(lockfile).get("once@1.4.0")).containsExactly(72);
    }

    @Test
    void workspacesAndFileDependenciesInVersion2AreReadAsInVersion3AndItsDependenciesCopyAddsNothing() throws Exception {
        // the copy npm 6 reads (from line 135) writes workspaces as file: versions with their dependencies nested
        // below them: the same pins in other places, nothing npm 6 would install that "packages" does not name
        assertReadAlike(read("workspaces-file-v2.json"), read("workspaces-file-v3.json"));
    }

    @Test
    void urlDependenciesInVersion2AreReadAsInVersion3() throws Exception {
        // the copy writes a dependency given as a tarball URL v1-style, the URL as its "version" and no resolved,
        // where "packages" has the version and the URL as resolved: the same pin, which npm 6 fetches from there too
        Lockfile v3 = read("url-v3.json");

        assertThat(ids(v3, SourceKind.REGISTRY)).containsExactly("is-number@6.0.0", "is-number@7.0.0", "ms@2.0.0",
                "ms@2.1.3");
        assertReadAlike(read("url-v2.json"), v3);
    }

    /** The same packages, sources and lines: a version 2 file whose "packages" section is the version 3 file's. */
    private static void assertReadAlike(Lockfile v2, Lockfile v3) {
        assertThat(ids(v2, SourceKind.REGISTRY)).isEqualTo(ids(v3, SourceKind.REGISTRY));
        assertThat(skipped(v2)).isEqualTo(skipped(v3));
        assertThat(lines(v2)).isEqualTo(lines(v3));
    }

    @Test
    void workspacesAndFileDependenciesInVersion1() throws Exception {
        Lockfile lockfile = read("workspaces-file-v1.json");

        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactly("is-number@6.0.0", "is-number@7.0.0",
                "is-odd@3.0.1", "ms@2.0.0", "ms@2.1.3", "once@1.4.0", "wrappy@1.0.2");
        // version 1 writes workspaces and linked folders as file: versions
        assertThat(skipped(lockfile)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "@ws/a@file:packages/a", SourceKind.FILE, "@ws/b@file:packages/b", SourceKind.FILE,
                "ws-c@file:packages/c", SourceKind.FILE, "localdir@file:local/localdir", SourceKind.FILE,
                "localtgz@file:local/localtgz-1.0.0.tgz", SourceKind.FILE)));
        assertThat(lines(lockfile).get("ms@2.0.0")).containsExactly(14);
        assertThat(lines(lockfile).get("is-number@7.0.0")).containsExactly(26);
    }

    @Test
    void whatTheRootProjectBundlesIsFetchedAndVerified() throws Exception {
        // npm writes "inBundle": true for the root's bundle, and still fetches it from the registry
        for (String name : List.of("root-bundle-v3.json", "root-bundle-v1.json")) {
            Lockfile lockfile = read(name);

            assertThat(ids(lockfile, SourceKind.REGISTRY)).as(name)
                    .containsExactly("debug@2.6.9", "ms@2.0.0", "once@1.4.0", "wrappy@1.0.2");
            assertThat(skipped(lockfile)).as(name).isEmpty();
        }
        assertThat(lines(read("root-bundle-v3.json")).get("debug@2.6.9")).containsExactly(18);
        assertThat(lines(read("root-bundle-v1.json")).get("ms@2.0.0")).containsExactly(15);
    }

    @Test
    void aDependencysBundleIsLeftToItsTarball() throws Exception {
        // fsevents@1.2.12 bundles node-pre-gyp, which it does not depend on, and 65 packages node-pre-gyp needs
        Lockfile lockfile = read("dependency-bundle-v3.json");

        assertThat(ids(lockfile, SourceKind.REGISTRY))
                .containsExactly("bindings@1.5.0", "file-uri-to-path@1.0.0", "fsevents@1.2.12", "nan@2.30.0");
        assertThat(ids(lockfile, SourceKind.BUNDLED)).containsExactlyElementsOf(FSEVENTS_BUNDLE);
        assertThat(lines(lockfile).get("fsevents@1.2.12")).containsExactly(29);
        assertThat(lines(lockfile).get("node-pre-gyp@0.14.0")).containsExactly(359);
    }

    @Test
    void aDependencysBundleIsLeftToItsTarballInVersion1() throws Exception {
        // npm ci with this lockfile downloads fsevents, bindings, file-uri-to-path and nan, and nothing else
        Lockfile lockfile = read("dependency-bundle-v1.json");

        assertThat(ids(lockfile, SourceKind.REGISTRY))
                .containsExactly("bindings@1.5.0", "file-uri-to-path@1.0.0", "fsevents@1.2.12", "nan@2.30.0");
        assertThat(ids(lockfile, SourceKind.BUNDLED)).containsExactlyElementsOf(FSEVENTS_BUNDLE);
        assertThat(lines(lockfile).get("fsevents@1.2.12")).containsExactly(20);
        assertThat(lines(lockfile).get("node-pre-gyp@0.14.0")).containsExactly(262);
    }

    @Test
    void version1AsNpm6WroteIt() throws Exception {
        Lockfile basic = read("npm6-basic-v1.json");
        // npm 6 installs no peer dependencies
        assertThat(ids(basic, SourceKind.REGISTRY)).containsExactly("@isaacs/string-locale-compare@1.1.0",
                "@types/semver@7.5.8", "ajv-keywords@3.5.2", "debug@2.6.9", "is-number@7.0.0", "lodash@4.17.21",
                "ms@2.0.0", "ms@2.1.3", "once@1.4.0", "wrappy@1.0.2");
        assertThat(lines(basic).get("lodash@4.17.21")).containsExactly(63);
        assertThat(lines(basic).get("@isaacs/string-locale-compare@1.1.0")).containsExactly(52);

        Lockfile bundle = read("npm6-dependency-bundle-v1.json");
        assertThat(ids(bundle, SourceKind.REGISTRY))
                .containsExactly("bindings@1.5.0", "file-uri-to-path@1.0.0", "fsevents@1.2.12", "nan@2.30.0");
        assertThat(ids(bundle, SourceKind.BUNDLED)).containsExactlyElementsOf(FSEVENTS_BUNDLE);
        assertThat(lines(bundle).get("node-pre-gyp@0.14.0")).containsExactly(229);
        assertThat(lines(bundle).get("nan@2.30.0")).containsExactly(437);
    }

    @Test
    void aLocalTarballsBundleIsLeftToIt() throws Exception {
        Lockfile lockfile = read("file-tgz-bundle-v3.json");

        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactly("is-number@6.0.0");
        assertThat(skipped(lockfile)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "is-number@7.0.0", SourceKind.BUNDLED, "locb@0.2.0", SourceKind.LINK,
                "tgzb@0.3.0", SourceKind.FILE)));
        assertThat(lines(lockfile).get("is-number@7.0.0")).containsExactly(49);
    }

    @Test
    void gitAndUrlDependencies() throws Exception {
        Lockfile v3 = read("git-url-v3.json");
        // version 3 names the tarball's package ("name": "ms"), whose registry tarball URL it is
        assertThat(ids(v3, SourceKind.REGISTRY)).containsExactly("ms@2.1.3", "wrappy@1.0.2");
        assertThat(skipped(v3)).containsExactlyEntriesOf(Map.of("from-git@0.3.0", SourceKind.GIT));
        assertThat(lines(v3).get("ms@2.1.3")).containsExactly(22);

        Lockfile v1 = read("git-url-v1.json");
        assertThat(ids(v1, SourceKind.REGISTRY)).containsExactly("wrappy@1.0.2");
        // version 1 keeps only the folder name and the URL; npm fetches that URL as a remote tarball
        assertThat(skipped(v1)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "from-git@git+file:///tmp/difflock/gitrepo#c2fa4bb130b99b76e3acaad20d8bae6322421e86", SourceKind.GIT,
                "ms-url@https://registry.npmjs.org/ms/-/ms-2.1.3.tgz", SourceKind.REMOTE_TARBALL)));
        assertThat(lines(v1).get("wrappy@1.0.2")).containsExactly(18);
    }

    @Test
    void aShrinkwrapIsFoundInItsDirectoryAndReadLikeALockfile() throws Exception {
        Path directory = Path.of(getClass().getResource(DIR + "shrinkwrap/npm-shrinkwrap.json").toURI()).getParent();
        Lockfile lockfile = reader.read(directory);

        assertThat(lockfile.path()).endsWith("npm-shrinkwrap.json");
        assertThat(ids(lockfile, SourceKind.REGISTRY)).containsExactly("debug@2.6.9", "ms@2.0.0", "wrappy@1.0.2");
        assertThat(lines(lockfile).get("wrappy@1.0.2")).containsExactly(28);
    }
}
