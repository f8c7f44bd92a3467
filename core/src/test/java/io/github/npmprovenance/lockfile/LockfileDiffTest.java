package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LockfileDiffTest {
    private static final String OTHER_UI = """
                "node_modules/other-ui": {
                  "version": "1.0.0",
                  "resolved": "https://registry.npmjs.org/other-ui/-/other-ui-1.0.0.tgz",
                  "integrity": "sha512-AAAA"
                }""";
    private static final String AS_MYORG_UI = """
                "node_modules/@myorg/ui": {
                  "name": "other-ui",
                  "version": "1.0.0",
                  "resolved": "https://registry.npmjs.org/other-ui/-/other-ui-1.0.0.tgz",
                  "integrity": "sha512-AAAA"
                }""";

    private static Lockfile lockfile(String... entries) throws Exception {
        String json = "{\"lockfileVersion\": 3, \"packages\": {\"\": {}, " + String.join(", ", entries) + "}}";
        return new LockfileReader().read("package-lock.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPackageNowAlsoInstalledUnderAnAliasIsChanged() throws Exception {
        Lockfile base = lockfile(OTHER_UI);
        Lockfile head = lockfile(OTHER_UI, AS_MYORG_UI);

        // the same pin, but the code now imports it as @myorg/ui, which a policy rule may name
        assertThat(LockfileDiff.changedSince(head, base).packages()).singleElement()
                .satisfies(p -> assertThat(p.aliases()).containsExactly("other-ui", "@myorg/ui"));
        assertThat(LockfileDiff.changedSince(head, head).packages()).isEmpty();
        assertThat(LockfileDiff.changedSince(base, head).packages()).isEmpty();
    }

    @Test
    void aPinMovedFromAnAliasToItsOwnNameIsChanged() throws Exception {
        // the base installed the git pin only as my-fork; now every require('lodash') runs it
        String git = "git+ssh://git@github.com/evil/payload.git#0123456789abcdef0123456789abcdef01234567";
        Lockfile base = lockfile("\"node_modules/my-fork\": {\"name\": \"lodash\", \"version\": \"4.17.21\", "
                + "\"resolved\": \"" + git + "\"}");
        Lockfile head = lockfile("\"node_modules/lodash\": {\"version\": \"4.17.21\", \"resolved\": \"" + git + "\"}");

        assertThat(LockfileDiff.changedSince(head, base).packages()).singleElement()
                .satisfies(p -> assertThat(p.installedAs()).containsExactly("lodash"));
        assertThat(LockfileDiff.changedSince(base, base).packages()).isEmpty();
    }

    @Test
    void aPullRequestThatOnlyFlagsAShrinkwrapHasChangedThatPackage() throws Exception {
        Lockfile base = lockfile("\"node_modules/host\": {\"version\": \"1.0.0\", \"integrity\": \"sha512-AAAA\"}");
        Lockfile head = lockfile("\"node_modules/host\": {\"version\": \"1.0.0\", \"integrity\": \"sha512-AAAA\", "
                + "\"hasShrinkwrap\": true}");

        // npm now installs what is below host as the shrinkwrap in its tarball pins it: checked again, and marked
        assertThat(LockfileDiff.changedSince(head, base).packages()).singleElement()
                .satisfies(p -> assertThat(p.ownShrinkwrap()).isTrue());
    }
}
