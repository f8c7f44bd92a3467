package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** npm's choice of proxy per request URL ({@code @npmcli/agent}'s getProxy and isNoProxy). */
class NpmProxyTest {
    private static Optional<NpmrcReader.Setting> set(String origin) {
        return Optional.of(new NpmrcReader.Setting("http://" + origin.toLowerCase() + ":3128", origin));
    }

    private static Optional<String> chosen(NpmProxy proxy, String url) {
        return proxy.settingFor(URI.create(url)).map(NpmrcReader.Setting::origin);
    }

    @Test
    void withoutNpmConfigurationAnHttpsUrlTakesOnlyHttpsProxyAndAnHttpUrlFallsBackToHttpProxyThenProxy() {
        NpmProxy all = new NpmProxy(Optional.empty(), set("HTTPS_PROXY"), set("HTTP_PROXY"), set("PROXY"),
                Optional.empty());
        NpmProxy noHttps = new NpmProxy(Optional.empty(), Optional.empty(), set("HTTP_PROXY"), set("PROXY"),
                Optional.empty());
        NpmProxy onlyProxy = new NpmProxy(Optional.empty(), Optional.empty(), Optional.empty(), set("PROXY"),
                Optional.empty());

        assertThat(chosen(all, "https://registry.example/")).contains("HTTPS_PROXY");
        assertThat(chosen(all, "http://registry.example/")).contains("HTTPS_PROXY");
        assertThat(chosen(noHttps, "https://registry.example/")).isEmpty();
        assertThat(chosen(noHttps, "http://registry.example/")).contains("HTTP_PROXY");
        assertThat(chosen(onlyProxy, "http://registry.example/")).contains("PROXY");
        NpmProxy configured = new NpmProxy(set("npmrc"), set("HTTPS_PROXY"), set("HTTP_PROXY"), Optional.empty(),
                Optional.empty());
        assertThat(chosen(configured, "https://registry.example/")).contains("npmrc");
        assertThat(chosen(configured, "http://registry.example/")).contains("npmrc");
    }

    @Test
    void settingsPrintWhereTheyComeFromNeverTheirValue() {
        NpmrcReader.Setting secret = new NpmrcReader.Setting("http://ci:s3cret@proxy.corp:3128", "HTTPS_PROXY");
        NpmProxy proxy = new NpmProxy(Optional.of(secret), Optional.of(secret), Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThat(secret.toString()).isEqualTo("HTTPS_PROXY");
        assertThat(proxy.toString()).contains("HTTPS_PROXY").doesNotContain("s3cret");
    }

    @Test
    void aRegistryOnLoopbackIsReachedDirectlyWhateverTheProxySettings() {
        NpmProxy everywhere = new NpmProxy(set("npmrc"), set("HTTPS_PROXY"), set("HTTP_PROXY"), set("PROXY"),
                Optional.empty());

        for (String url : List.of("http://127.0.0.1:4873/", "http://localhost:4873/", "http://[::1]:4873/",
                "https://registry.localhost/", "http://127.1.2.3/")) {
            assertThat(chosen(everywhere, url)).as(url).isEmpty();
        }
        assertThat(chosen(everywhere, "http://127.0.0.1.example/")).contains("npmrc");
        assertThat(chosen(everywhere, "http://localhost.example/")).contains("npmrc");
    }

    @Test
    void noProxyMatchesWholeTrailingLabelsWithoutWildcardsOrPorts() {
        assertThat(NpmProxy.bypasses("registry.corp.example", "corp.example")).isTrue();
        assertThat(NpmProxy.bypasses("registry.corp.example", ".corp.example")).isTrue();
        assertThat(NpmProxy.bypasses("corp.example", ".corp.example")).isTrue();
        assertThat(NpmProxy.bypasses("registry.corp.example", " other.example , example ")).isTrue();
        assertThat(NpmProxy.bypasses("REGISTRY.Corp.Example", "corp.example")).isTrue();
        assertThat(NpmProxy.bypasses("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(NpmProxy.bypasses("[::1]", "[::1]")).isTrue();

        assertThat(NpmProxy.bypasses("badcorp.example", "corp.example")).isFalse();
        assertThat(NpmProxy.bypasses("corp.example", "registry.corp.example")).isFalse();
        // npm has no wildcard: "*" matches nothing, nor does "*.corp.example"
        assertThat(NpmProxy.bypasses("registry.corp.example", "*")).isFalse();
        assertThat(NpmProxy.bypasses("registry.corp.example", "*.corp.example")).isFalse();
        // the URL's host has no port to compare with
        assertThat(NpmProxy.bypasses("registry.corp.example", "registry.corp.example:443")).isFalse();
        // as npm compares them, entries are taken as written
        assertThat(NpmProxy.bypasses("registry.corp.example", "Corp.Example")).isFalse();
        assertThat(NpmProxy.bypasses("registry.corp.example", ", ,")).isFalse();
        assertThat(NpmProxy.bypasses("10.1.2.3", "10.0.0.0/8")).isFalse();
    }

    @Test
    void noProxyAppliesToAConfiguredProxyToo() {
        NpmProxy proxy = new NpmProxy(set("npmrc"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new NpmrcReader.Setting("registry.example", "noproxy")));

        assertThat(chosen(proxy, "https://registry.example/")).isEmpty();
        assertThat(chosen(proxy, "https://other.example/")).contains("npmrc");
    }

    @Test
    void aProxyUrlIsReadAsNpmsAgentsReadIt() throws Exception {
        ProxyServer plain = NpmProxy.parse(new NpmrcReader.Setting("  http://Proxy.Corp  ", "HTTPS_PROXY"));
        assertThat(plain.host()).isEqualTo("Proxy.Corp");
        assertThat(plain.port()).isEqualTo(80);
        assertThat(plain.basicCredentials()).isEmpty();

        ProxyServer withUser = NpmProxy.parse(new NpmrcReader.Setting(
                "HTTP://us%40er:p@ss+w%3Ard@[::1]:3128/ignored", "proxy"));
        assertThat(withUser.host()).isEqualTo("::1");
        assertThat(withUser.port()).isEqualTo(3128);
        assertThat(withUser.basicCredentials()).contains(Base64.getEncoder().encodeToString(
                "us@er:p@ss+w:rd".getBytes(StandardCharsets.UTF_8)));
        assertThat(withUser.toString()).isEqualTo("proxy ::1:3128 (with credentials) from proxy")
                .doesNotContain("ss+w");
    }

    @Test
    void unusableProxyUrlsAreRefusedNamingTheSettingOnly() {
        Map<String, String> refusals = Map.of(
                "proxy.corp:3128", "not a proxy URL (npm needs the scheme: http://host:port)",
                "https://proxy.corp", "a proxy reached over TLS (https://) is not supported; give its http:// address",
                "socks5://proxy.corp:1080", "SOCKS proxies are not supported; give an http:// proxy",
                "http://:3128", "not a valid proxy URL (no host, or a bad port)",
                "http://proxy.corp:99999", "not a valid proxy URL (no host, or a bad port)",
                "http://user:50%zz@proxy.corp", "the proxy URL's user or password has a bad % escape");
        refusals.forEach((value, reason) -> assertThatThrownBy(() ->
                NpmProxy.parse(new NpmrcReader.Setting(value, "/home/u/.npmrc:3: proxy")))
                .isInstanceOf(NpmrcException.class)
                .hasMessage("/home/u/.npmrc:3: proxy: " + reason));
    }

    @Test
    void aProjectsProxyIsRefusedOnlyWhereItWouldReadCredentialsInClear() throws Exception {
        NpmProxy fromProject = new NpmProxy(Optional.of(new NpmrcReader.Setting("http://proxy.example:3128",
                "/ci/checkout/.npmrc:1: proxy", true)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        Registry httpWithAuth = new Registry(URI.create("http://nexus.example/"), Optional.empty(),
                Optional.of("dXNlcjpwYXNz"));

        assertThatThrownBy(() -> fromProject.routes(List.of(httpWithAuth), Optional.empty()))
                .isInstanceOf(NpmrcException.class)
                .hasMessageStartingWith("/ci/checkout/.npmrc:1: proxy: a proxy named by the project's .npmrc would "
                        + "see in clear the credentials sent to http://nexus.example (http://)")
                .hasMessageNotContaining("dXNlcjpwYXNz");
        // inside a CONNECT tunnel the proxy sees only the host; without credentials there is nothing to read
        assertThat(fromProject.routes(List.of(new Registry(URI.create("https://nexus.example/"),
                Optional.of("token")), Registry.of("http://mirror.example/")), Optional.empty()).proxyFor(
                URI.create("https://nexus.example/x"))).isPresent();
    }

    @Test
    void aProjectsProxyTrustedByTheProjectsAuthoritiesIsRefusedForARegistryGivenAClientCertificate() throws Exception {
        // such a proxy can pass for the registry: the certificate, which README says no proxy is shown, would be
        // presented to it, as a token would be sent to it (refused since c8f467d)
        NpmProxy fromProject = new NpmProxy(Optional.empty(), Optional.of(new NpmrcReader.Setting(
                "http://proxy.example:3128", "/ci/checkout/.npmrc:1: https-proxy", true)), Optional.empty(),
                Optional.empty(), Optional.empty());
        Optional<NpmrcReader.Setting> projectAuthorities = Optional.of(new NpmrcReader.Setting("/ci/checkout/ca.pem",
                "/ci/checkout/.npmrc:2: cafile", true));
        Registry withCertificate = new Registry(URI.create("https://nexus.example/"), Optional.empty(),
                Optional.empty(), Optional.of(new ClientCertificate("//nexus.example/", "client.pem", "client.key",
                        Path.of("/ci/checkout"))));

        assertThatThrownBy(() -> fromProject.routes(List.of(withCertificate), Optional.empty(), projectAuthorities))
                .isInstanceOf(NpmrcException.class)
                .hasMessageStartingWith("/ci/checkout/.npmrc:1: https-proxy: a proxy named by the project's .npmrc "
                        + "could read the credentials sent to https://nexus.example");
        // as for a registry given only _auth (or username and _password), sent as Basic
        Registry withBasic = new Registry(URI.create("https://nexus.example/"), Optional.empty(),
                Optional.of("dXNlcjpwYXNz"), Optional.empty());
        assertThatThrownBy(() -> fromProject.routes(List.of(withBasic), Optional.empty(), projectAuthorities))
                .isInstanceOf(NpmrcException.class)
                .hasMessageStartingWith("/ci/checkout/.npmrc:1: https-proxy: a proxy named by the project's .npmrc "
                        + "could read the credentials sent to https://nexus.example")
                .hasMessageNotContaining("dXNlcjpwYXNz");
        // the authorities of the user's .npmrc: the proxy only tunnels
        assertThat(fromProject.routes(List.of(withCertificate), Optional.empty(), Optional.of(
                new NpmrcReader.Setting("/etc/ca.pem", "/home/u/.npmrc:2: cafile", false)))
                .proxyFor(URI.create("https://nexus.example/x"))).isPresent();
    }

    @Test
    void javasOwnProxySettingsStillDecideWhereNpmHasNoProxyForTheScheme() throws Exception {
        Optional<ProxySelector> java = Optional.of(ProxySelector.of(
                InetSocketAddress.createUnresolved("java-proxy.example", 8080)));
        List<Registry> registries = List.of(Registry.of("https://registry.npmjs.org/"),
                Registry.of("http://mirror.example/"));

        ProxyRoutes nothingFromNpm = new NpmProxy(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).routes(registries, java);
        assertThat(nothingFromNpm.proxyFor(URI.create("https://registry.npmjs.org/x"))).hasValueSatisfying(p -> {
            assertThat(p.host()).isEqualTo("java-proxy.example");
            assertThat(p.port()).isEqualTo(8080);
            assertThat(p.setting()).isEqualTo("Java's proxy settings (https.proxyHost)");
        });
        // npm's setting wins where it has one: for http:// only here
        ProxyRoutes httpFromNpm = new NpmProxy(Optional.empty(), Optional.empty(), set("HTTP_PROXY"),
                Optional.empty(), Optional.of(new NpmrcReader.Setting("mirror.example", "NO_PROXY")))
                .routes(registries, java);
        assertThat(httpFromNpm.proxyFor(URI.create("https://registry.npmjs.org/x"))).hasValueSatisfying(
                p -> assertThat(p.host()).isEqualTo("java-proxy.example"));
        assertThat(httpFromNpm.proxyFor(URI.create("http://mirror.example/x"))).isEmpty();
    }

    @Test
    void everyConfiguredOriginHasADecisionAndNoOtherIsContacted() throws Exception {
        NpmProxy proxy = new NpmProxy(Optional.empty(), set("HTTPS_PROXY"), Optional.empty(), Optional.empty(),
                Optional.of(new NpmrcReader.Setting("internal.example", "NO_PROXY")));
        ProxyRoutes routes = proxy.routes(List.of(Registry.of("https://registry.npmjs.org/"),
                Registry.of("https://npm.internal.example/api/npm/")), Optional.empty());

        assertThat(routes.proxyFor(URI.create("https://registry.npmjs.org/sigstore")))
                .hasValueSatisfying(p -> assertThat(p.setting()).isEqualTo("HTTPS_PROXY"));
        assertThat(routes.proxyFor(URI.create("https://npm.internal.example/api/npm/x"))).isEmpty();
        assertThatThrownBy(() -> routes.proxyFor(URI.create("https://elsewhere.example/x")))
                .isInstanceOf(RegistryException.class);
    }
}
