package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A registry's URL: what is refused as credentials, and how the registry is named where it is printed. */
class RegistryUrlTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://ci:s3cret@npm.example.com/", "https://ci:2024/s3cret@npm.example.com/",
        "https://ci:?s3cret@npm.example.com/", "https://ci:#s3cret@npm.example.com/",
        "https://ci:abc/s3cret+x=@npm.example.com/", "https://npm.example.com/@scope/",
        "https://ci:2024/_packaging/s3cret@npm.example.com/", "https://ci:2024/x/_packaging/s3cret@npm.example.com/",
        "https://ci:/x/_packaging/s3cret@npm.example.com/"})
    void userAndPasswordAreRefusedHoweverTheyParse(String url) {
        // a password holding '/', '?' or '#' ends the authority early, and the rest may parse: host ci, port 2024
        assertThat(Registry.holdsCredentials(URI.create(url))).isTrue();
        assertThatThrownBy(() -> Registry.of(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a registry URL must not hold credentials");
    }

    @Test
    void anAzureArtifactsFeedViewIsARegistry() {
        // _packaging/FEED@VIEW: the one registry URL that holds an '@'
        String url = "https://pkgs.dev.azure.com/contoso/_packaging/web@Release/npm/registry/";

        assertThat(Registry.holdsCredentials(URI.create(url))).isFalse();
        assertThat(Registry.of(url).shown()).isEqualTo(url);
    }

    private static Registry redacted(String url, Map<String, String> namesByValue, String written) {
        return new Registry(URI.create(url), Optional.empty(), Optional.empty(), Optional.empty(),
                new Redaction(namesByValue, written));
    }

    @Test
    void aValueThatStandsOnceInThePathIsShownAsItsVariable() {
        Registry registry = redacted("https://npm-proxy.fury.io/s3cr3t/acct/", Map.of("s3cr3t", "FURY_TOKEN"),
                "https://npm-proxy.fury.io/${FURY_TOKEN}/acct/");

        assertThat(registry.shown()).isEqualTo("https://npm-proxy.fury.io/${FURY_TOKEN}/acct/");
        assertThat(registry.shownPrefix("//npm-proxy.fury.io/s3cr3t/acct/"))
                .isEqualTo("//npm-proxy.fury.io/${FURY_TOKEN}/acct/");
        // a certificate set for the host: nothing of the value in it
        assertThat(registry.shownPrefix("//npm-proxy.fury.io/")).isEqualTo("//npm-proxy.fury.io/");
    }

    @Test
    void aValueThatCannotBeToldApartInThePathIsShownAsWritten() {
        // a variable holding the whole URL: its value is in no path; a short one stands in more than one place
        Registry whole = redacted("https://npm-proxy.fury.io/s3cr3t/acct/",
                Map.of("https://npm-proxy.fury.io/s3cr3t/acct/", "NPM_REGISTRY"), "${NPM_REGISTRY}");
        Registry shortValue = redacted("https://host/artifactory/api/npm/a/", Map.of("a", "X"),
                "https://host/artifactory/api/npm/${X}/");

        assertThat(whole.shown()).isEqualTo("${NPM_REGISTRY}");
        assertThat(whole.shownPrefix("//npm-proxy.fury.io/s3cr3t/acct/")).isEqualTo("${NPM_REGISTRY}");
        assertThat(shortValue.shown()).isEqualTo("https://host/artifactory/api/npm/${X}/");
        assertThat(shortValue.shownPrefix("//host/artifactory/api/npm/a/"))
                .isEqualTo("//host/artifactory/api/npm/${X}/");
    }

    @Test
    void valuesThatOverlapInThePathAreShownAsWritten() {
        // registry=https://npm.example.com/${A}dxyz/?${B}: B's own place was the query, which the base URL drops,
        // and its value overlaps A's in the path; replaced one after the other, a part of one was left in clear
        Registry registry = redacted("https://npm.example.com/secretcdxyz/", Map.of("secretc", "A", "cdxyz", "B"),
                "https://npm.example.com/${A}dxyz/?${B}");

        assertThat(registry.shown()).isEqualTo("https://npm.example.com/${A}dxyz/?${B}");
        // nor where two begin at one place, whichever order the map gives them in
        for (int i = 0; i < 32; i++) {
            String shorter = "tok" + i + "x";
            Registry samePlace = redacted("https://npm.example.com/" + shorter + "SECRETTAIL/",
                    Map.of(shorter, "A", shorter + "SECRETTAIL", "B"), "https://npm.example.com/${B}/?${A}");
            assertThat(samePlace.shown()).isEqualTo("https://npm.example.com/${B}/?${A}");
        }
    }

    @Test
    void oneRegistryWithACertificateIsOneRegistryHoweverItsUrlWasWritten() {
        URI base = URI.create("https://npm-proxy.fury.io/s3cr3t/acct/");
        Registry viaFury = new Registry(base, Optional.empty(), Optional.empty(), Optional.of(new ClientCertificate(
                "//npm-proxy.fury.io/${FURY_TOKEN}/acct/", "c.pem", "k.pem", Path.of("/p"))),
                new Redaction(Map.of("s3cr3t", "FURY_TOKEN"), "https://npm-proxy.fury.io/${FURY_TOKEN}/acct/"));
        Registry viaNpm = new Registry(base, Optional.empty(), Optional.empty(), Optional.of(new ClientCertificate(
                "//npm-proxy.fury.io/${NPM_TOKEN}/acct/", "c.pem", "k.pem", Path.of("/p"))),
                new Redaction(Map.of("s3cr3t", "NPM_TOKEN"), "https://npm-proxy.fury.io/${NPM_TOKEN}/acct/"));

        assertThat(viaFury).isEqualTo(viaNpm).hasSameHashCodeAs(viaNpm);
    }

    @Test
    void aPortIsDroppedOnlyWhereItIsTheSchemesOwnDefault() {
        // as WHATWG URL: :443 of https and :80 of http are no port; any other port is another service, and the
        // registry's requests (with its token) must go to the port configured
        assertThat(Registry.of("https://npm.example.com:443/npm").baseUri())
                .hasToString("https://npm.example.com/npm/");
        assertThat(Registry.of("http://npm.example.com:80/npm").baseUri()).hasToString("http://npm.example.com/npm/");
        assertThat(Registry.of("https://npm.example.com:80/npm").baseUri())
                .hasToString("https://npm.example.com:80/npm/");
        assertThat(Registry.of("http://npm.example.com:443/npm").baseUri())
                .hasToString("http://npm.example.com:443/npm/");
        assertThat(Registry.of("http://npm.example.com:8080/npm").baseUri())
                .hasToString("http://npm.example.com:8080/npm/");
    }

    @Test
    void aValueAtTheStartOfThePathIsHiddenInACredentialPrefixToo() {
        // a variable holding the path's first segment, slash and all: the prefix its token is set for must not be
        // printed as it is, though the whole of it is one of this registry's prefixes
        Registry registry = new Registry(URI.create("https://npm-proxy.fury.io/s3cr3t/acct/"), Optional.empty(),
                Optional.empty(), Optional.empty(),
                new Redaction(Map.of("/s3cr3t", "FURY_PATH"), "https://npm-proxy.fury.io${FURY_PATH}/acct/"));

        assertThat(registry.shown()).isEqualTo("https://npm-proxy.fury.io${FURY_PATH}/acct/");
        assertThat(registry.shownPrefix("//npm-proxy.fury.io/s3cr3t/acct/"))
                .isEqualTo("//npm-proxy.fury.io${FURY_PATH}/acct/").doesNotContain("s3cr3t");
    }
}
