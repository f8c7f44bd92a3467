package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checked against validate-npm-package-name's validForOldPackages and semver.valid, as npm 11 bundles them. */
class PackageNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"lodash", "JSONStream", "a..b", "~x", "@types/node", "@scope/x.y",
            // only an unscoped name may not start with _ (the whole name must not); a scoped name's own part may
            "@scope/_private", "@scope/-x", "@types/__x",
            // a scope is a user or an org, and npm's user names may start with _ or -
            "@_scope/x", "@-scope/x", "@_/x", "@.scope/x"})
    void namesNpmInstallsAreValid(String name) {
        assertThat(PackageNames.isValidName(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".x", "_x", "@scope/", "@/x", "@", "@scope/.x", "@scope/x/y", "@s//x", "s/x",
            "../x", "@scope/..", "a b", " a", "a?b", "a#b", "a%2fb", "a:b", "a@b", "@s@t/x", "caf\u00e9", "a\u0000"})
    void namesThatCouldChangeARequestAreInvalid(String name) {
        assertThat(PackageNames.isValidName(name)).as(name).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "0.0.0", "1.0.0-rc.1+build.1", "1.2.3-x.7.z.92", "3.13.1698765432"})
    void exactVersionsAreValid(String version) {
        assertThat(PackageNames.isValidVersion(version)).as(version).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2", "v1.2.3", "=1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-", "1.2.3+", "^1.2.3",
            "1.2.3-a/b", "1.2.3-%2e", "12345678901234567.0.0"})
    void otherVersionsAreInvalid(String version) {
        assertThat(PackageNames.isValidVersion(version)).as(version).isFalse();
    }

    @Test
    void aNameMayBe214CharactersLongAsValidateNpmPackageNameAllowsAndNoLonger() {
        // "name can no longer contain more than 214 characters": one of exactly 214 is published and installed
        assertThat(PackageNames.isValidName("a".repeat(214))).isTrue();
        assertThat(PackageNames.isValidName("@s/" + "a".repeat(211))).isTrue();
        assertThat(PackageNames.isValidName("a".repeat(215))).isFalse();
        assertThat(PackageNames.isValidName("@s/" + "a".repeat(212))).isFalse();
    }

    @Test
    void aVersionMayBe256CharactersLongAsSemversMaxLengthAllowsAndNoLonger() {
        assertThat(PackageNames.isValidVersion("1.2.3-" + "a".repeat(250))).isTrue();
        assertThat(PackageNames.isValidVersion("1.2.3-" + "a".repeat(251))).isFalse();
    }
}
