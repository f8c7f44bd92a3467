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
                .satisfies(p -> assertThat(p.aliases()).containsExactly("@myorg/ui"));
        assertThat(LockfileDiff.changedSince(head, head).packages()).isEmpty();
        assertThat(LockfileDiff.changedSince(base, head).packages()).isEmpty();
    }

    @Test
    void aPullRequestThatOnlyFlagsAShrinkwrapHasChangedWhatIsInstalledBelowIt() throws Exception {
        String nested = """
                "node_modules/host/node_modules/is-number": {
                  "version": "7.0.0",
                  "integrity": "sha512-BBBB"
                }""";
        Lockfile base = lockfile("\"node_modules/host\": {\"version\": \"1.0.0\"}", nested);
        Lockfile head = lockfile("\"node_modules/host\": {\"version\": \"1.0.0\", \"hasShrinkwrap\": true}", nested);

        // npm now installs is-number as the host's own npm-shrinkwrap.json pins it: checked again, and not verified
        assertThat(LockfileDiff.changedSince(head, base).packages()).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo("is-number@7.0.0"))
                .satisfies(p -> assertThat(p.source()).isEqualTo(SourceKind.SHRINKWRAPPED));
    }
}
