package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.SystemProperties;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingProxy;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.TlsIdentity;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Registry requests go through the proxy npm would use, taken from npm's configuration and the environment as npm
 * takes it: a registry here is reachable only through a real forwarding proxy on 127.0.0.1, which alone resolves
 * its host name.
 */
class ProxyConfigurationTest {
    private static final String HIDDEN_HOST = "registry.behind-proxy.invalid";
    private static final String PASSWORD = "s3cret-pr0xy-pa$$";

    @TempDir
    Path dir;

    private FixtureRegistry registry;
    private ForwardingProxy proxy;
    /** A proxy that is not there: a request sent to it fails, so a test sees which setting was used. */
    private String deadProxy;

    @BeforeEach
    void start() throws Exception {
        registry = FixtureRegistry.start();
        proxy = ForwardingProxy.start(Map.of(HIDDEN_HOST, "127.0.0.1"), Optional.empty());
        try (ServerSocket closed = new ServerSocket(0)) {
            deadProxy = "http://127.0.0.1:" + closed.getLocalPort();
        }
        new TestLockfile().add("sigstore", "1.0.0").writeTo(dir.resolve("project"));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    private String hiddenRegistry() {
        return "http://" + HIDDEN_HOST + ":" + registry.url().getPort() + "/";
    }

    private RunOptions options(Map<String, String> environment, String registryUrl) {
        return RunOptions.of(dir.resolve("project")).withEnvironment(environment::get)
                .withUserNpmrc(Optional.of(dir.resolve("user.npmrc")))
                .withRegistry(Optional.of(registryUrl))
                .withNetwork(2, Verification.FAST);
    }

    private static PackageReport only(RunOutcome outcome) {
        assertThat(outcome.report().packages()).hasSize(1);
        return outcome.report().packages().get(0);
    }

    @Test
    void aRegistryReachableOnlyThroughTheProxyIsVerifiedWithHttpProxyFromTheEnvironment() throws Exception {
        RunOutcome outcome = VerificationRun.execute(options(Map.of("HTTP_PROXY", proxy.url()), hiddenRegistry()));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.target()).startsWith(hiddenRegistry());
        });
        assertThat(proxy.requests()).extracting(ForwardingProxy.Request::target)
                .contains(hiddenRegistry() + "sigstore", hiddenRegistry() + "-/npm/v1/keys");
    }

    @Test
    void anHttpsRegistryIsReachedThroughTheProxysTunnelAndItsCertificateCheckedForItsName() throws Exception {
        TlsIdentity identity = TlsIdentity.forHost(HIDDEN_HOST);
        SSLContext originalTrust = SSLContext.getDefault();
        try (FixtureRegistry https = FixtureRegistry.startHttps(identity.serverContext())) {
            SSLContext.setDefault(identity.trustingClientContext());
            String target = HIDDEN_HOST + ":" + https.url().getPort();

            RunOutcome outcome = VerificationRun.execute(options(Map.of("HTTPS_PROXY", proxy.url()),
                    "https://" + target + "/"));

            assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
            // the proxy saw only the tunnels, not what went through them
            assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("CONNECT");
                assertThat(r.target()).isEqualTo(target);
            });
            assertThat(https.requestCount("sigstore")).isEqualTo(1);
        } finally {
            SSLContext.setDefault(originalTrust);
        }
    }

    @Test
    void aProxyTheCallerGivesIsUsedOverNpmsSettings() throws Exception {
        // the Jenkins controller's proxy, handed to the agent: npm's settings (here a dead proxy) do not apply
        java.net.URI through = java.net.URI.create(proxy.url());
        RunOptions options = options(Map.of("HTTP_PROXY", deadProxy), hiddenRegistry())
                .withNetwork(2, Verification.FAST.withProxy(Optional.of(
                        new io.github.npmprovenance.registry.ProxySettings(through.getHost(), through.getPort(),
                                java.util.List.of("*.example")))));

        RunOutcome outcome = VerificationRun.execute(options);

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).extracting(ForwardingProxy.Request::target)
                .contains(hiddenRegistry() + "sigstore", hiddenRegistry() + "-/npm/v1/keys");
    }

    @Test
    void aProxyTheCallerGivesGetsItsUserAndPasswordWhichArePrintedNowhere() throws Exception {
        // the Jenkins controller's proxy asked for its user and password, which the agent did not send: every
        // package was an ERROR, HTTP 407
        String credentials = basic("corp user");
        try (ForwardingProxy guarded = guardedProxy(credentials)) {
            io.github.npmprovenance.registry.ProxySettings jenkins = new io.github.npmprovenance.registry.ProxySettings(
                    "127.0.0.1", guarded.port(), java.util.List.of()).withUser("corp user", PASSWORD)
                    .from("the Jenkins proxy");

            RunOutcome outcome = VerificationRun.execute(options(Map.of(), hiddenRegistry())
                    .withNetwork(2, Verification.FAST.withProxy(Optional.of(jenkins))));

            assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
            assertThat(guarded.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.proxyAuthorization()).contains("Basic " + credentials));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new JsonReportWriter().write(outcome.report(), json);
            assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD).doesNotContain(credentials);
            assertThat(jenkins.toString()).contains("127.0.0.1:" + guarded.port(), "with credentials")
                    .doesNotContain(PASSWORD).doesNotContain(credentials);

            // as it travels to an agent
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(jenkins);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isEqualTo(jenkins);
            }

            RunOutcome anonymous = VerificationRun.execute(options(Map.of(), hiddenRegistry()).withNetwork(2,
                    Verification.FAST.withProxy(Optional.of(jenkins.withUser("", null)))));
            assertThat(only(anonymous).status()).isEqualTo(Status.ERROR);
            assertThat(only(anonymous).explanation()).contains("HTTP 407", "the Jenkins proxy");
        }
    }

    @Test
    void aCallerGivenProxysCredentialsThatJavaWouldDropInAnHttpsTunnelAreRefusedSayingWhatToSet() throws Throwable {
        // a Jenkins agent's JVM keeps the JDK's default, Basic disabled for tunnels, which the step may not change
        io.github.npmprovenance.registry.ProxySettings jenkins = new io.github.npmprovenance.registry.ProxySettings(
                "127.0.0.1", proxy.port(), java.util.List.of()).withUser("user", PASSWORD).from("the Jenkins proxy");
        withBasicDisabledInTunnels(() -> assertThatThrownBy(() -> VerificationRun.execute(
                options(Map.of(), "https://registry.example/")
                        .withNetwork(2, Verification.FAST.withProxy(Optional.of(jenkins)))))
                .isInstanceOf(RunException.class)
                .hasMessage("bad proxy configuration: the Jenkins proxy: the proxy's user and password would be "
                        + "dropped by this Java runtime for https://registry.example (Basic is in "
                        + "jdk.http.auth.tunneling.disabledSchemes); start this Java with "
                        + "-Djdk.http.auth.tunneling.disabledSchemes="));
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void withoutNpmProxySettingsJavasProxyPropertiesAreFollowedAsBefore() throws Throwable {
        // JAVA_OPTS="-Dhttp.proxyHost=... -Dhttp.proxyPort=..." (or a Jenkins agent's JVM options)
        SystemProperties.with(Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", String.valueOf(proxy.port())),
                () -> {
                    RunOutcome outcome = VerificationRun.execute(options(Map.of(), hiddenRegistry()));

                    assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
                    assertThat(proxy.requests()).isNotEmpty();
                });
    }

    @Test
    void theProxyComesFromTheProjectNpmrc() throws Exception {
        Files.writeString(dir.resolve("project/.npmrc"), "proxy=" + proxy.url() + "\n");

        RunOutcome outcome = VerificationRun.execute(options(Map.of(), hiddenRegistry()));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isNotEmpty();
    }

    @Test
    void npmConfigurationOutranksTheProxyVariablesAndHttpsProxyOutranksProxyWhateverTheFile() throws Exception {
        // npm passes httpsProxy || proxy for every request, http:// too; the agent reads the variables only then
        Files.writeString(dir.resolve("user.npmrc"), "https-proxy=${WORKING_PROXY}\n");
        Files.writeString(dir.resolve("project/.npmrc"), "proxy=" + deadProxy + "\n");
        Map<String, String> environment = Map.of("WORKING_PROXY", proxy.url(), "HTTPS_PROXY", deadProxy,
                "HTTP_PROXY", deadProxy);

        RunOutcome outcome = VerificationRun.execute(options(environment, hiddenRegistry()));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void npmConfigInTheEnvironmentOutranksTheNpmrcFiles() throws Exception {
        Files.writeString(dir.resolve("project/.npmrc"), "https-proxy=" + deadProxy + "\n");

        RunOutcome outcome = VerificationRun.execute(options(Map.of("npm_config_https_proxy", proxy.url()),
                hiddenRegistry()));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aProxyInNpmConfigurationFromTheEnvironmentHasItsVariablesExpandedAsNpmExpandsThem() throws Exception {
        // env: NPM_CONFIG_HTTPS_PROXY: http://${PROXY_USER}:${PROXY_PASSWORD}@proxy:3128, with no shell to expand it
        String credentials = basic("ci");
        try (ForwardingProxy guarded = guardedProxy(credentials)) {
            Map<String, String> environment = Map.of(
                    "NPM_CONFIG_HTTPS_PROXY", " http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:" + guarded.port(),
                    "PROXY_USER", "ci", "PROXY_PASSWORD", PASSWORD.replace("$", "%24"));

            RunOutcome outcome = VerificationRun.execute(options(environment, hiddenRegistry()));

            assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
            assertThat(guarded.requests()).isNotEmpty();
        }
    }

    @Test
    void forAnHttpRegistryHttpsProxyFromTheEnvironmentComesBeforeHttpProxy() throws Exception {
        RunOutcome outcome = VerificationRun.execute(options(Map.of("https_proxy", proxy.url(),
                "http_proxy", deadProxy), hiddenRegistry()));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aHostMatchingNoProxyIsContactedDirectlyAndOthersGoThroughTheProxy() throws Exception {
        Map<String, String> environment = Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "localhost, .0.0.1");

        RunOutcome direct = VerificationRun.execute(options(environment, registry.url().toString()));

        assertThat(only(direct).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isEmpty();

        RunOutcome proxied = VerificationRun.execute(options(environment, hiddenRegistry()));

        assertThat(only(proxied).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isNotEmpty();
    }

    @Test
    void noproxyFromNpmConfigurationReplacesTheNoProxyVariable() throws Exception {
        Files.writeString(dir.resolve("project/.npmrc"), "noproxy=elsewhere.example\n");
        Map<String, String> environment = Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", HIDDEN_HOST);

        RunOutcome outcome = VerificationRun.execute(options(environment, hiddenRegistry()));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isNotEmpty();
    }

    @Test
    void noproxyArrayLinesAreOneListAsNpmJoinsThem() throws Exception {
        Files.writeString(dir.resolve("project/.npmrc"), "noproxy[]=elsewhere.example\n"
                + "noproxy[]=other.example," + HIDDEN_HOST + "\n");
        Map<String, String> environment = Map.of("HTTP_PROXY", proxy.url());

        // listed, the hidden host is asked directly, which only the proxy could reach
        RunOutcome bypassed = VerificationRun.execute(options(environment, hiddenRegistry()));

        assertThat(only(bypassed).status()).isEqualTo(Status.ERROR);
        assertThat(proxy.requests()).isEmpty();

        Files.writeString(dir.resolve("project/.npmrc"), "noproxy[]=elsewhere.example\nnoproxy[]=other.example\n");
        RunOutcome proxied = VerificationRun.execute(options(environment, hiddenRegistry()));

        assertThat(only(proxied).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isNotEmpty();
    }

    @Test
    void proxyCredentialsAreSentToTheProxyAndPrintedNowhere() throws Exception {
        String credentials = basic("corp user");
        try (ForwardingProxy guarded = guardedProxy(credentials)) {
            // percent-encoded in the URL, as npm's documentation asks; npm's agents decode them
            String url = "http://corp%20user:" + PASSWORD.replace("$", "%24") + "@127.0.0.1:" + guarded.port();

            RunOutcome outcome = VerificationRun.execute(options(Map.of("HTTP_PROXY", url), hiddenRegistry()));

            assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
            assertThat(guarded.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.proxyAuthorization()).contains("Basic " + credentials));
            assertThat(registry.requests()).isNotEmpty();
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new JsonReportWriter().write(outcome.report(), json);
            assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD).doesNotContain(credentials);

            // refused: the message names the proxy and its setting, not the password
            Map<String, String> wrong = new HashMap<>(Map.of("HTTP_PROXY", url.replace(PASSWORD.replace("$", "%24"),
                    "wrong%24" + PASSWORD)));
            RunOutcome refused = VerificationRun.execute(options(wrong, hiddenRegistry()));
            assertThat(only(refused).status()).isEqualTo(Status.ERROR);
            assertThat(only(refused).explanation()).contains("HTTP 407", "proxy 127.0.0.1:" + guarded.port(),
                    "HTTP_PROXY").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aGlobalNpmrcThatTheProjectNpmrcNamesCountsAsTheProjectsForThatRule() throws Exception {
        // npm reads globalconfig (and prefix) from the project's .npmrc too: what that file says is the pull request's
        Path global = Files.writeString(dir.resolve("project/global.npmrc"), "proxy=" + proxy.url() + "\n");
        Files.writeString(dir.resolve("project/.npmrc"), "globalconfig=" + global + "\n");
        RunOptions withToken = options(Map.of(), hiddenRegistry()).withRegistryToken(Optional.of(PASSWORD));

        assertThatThrownBy(() -> VerificationRun.execute(withToken))
                .isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad proxy configuration: " + global.toAbsolutePath() + ":1: proxy: a proxy "
                        + "named by the project's .npmrc would see in clear the credentials");
        assertThat(proxy.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evil.npmrc", ".npmrc"})
    void aUserconfigThatTheProjectNpmrcNamesCountsAsTheProjectsForThatRule(String userconfig) throws Exception {
        // npm takes userconfig from the project's .npmrc: the file it names is the pull request's choice, and so is
        // what it says; naming the project's own file npm refuses outright ("double-loading config")
        Path npmrc = dir.resolve("project/.npmrc");
        Path user = dir.resolve("project").resolve(userconfig);
        Files.writeString(npmrc, "userconfig=" + userconfig + "\n");
        Files.writeString(user, (user.equals(npmrc) ? "userconfig=" + userconfig + "\n" : "") + "proxy=" + proxy.url()
                + "\n");
        RunOptions withToken = options(Map.of("HOME", dir.resolve("home").toString()), hiddenRegistry())
                .withUserNpmrc(Optional.empty()).withRegistryToken(Optional.of(PASSWORD));

        assertThatThrownBy(() -> VerificationRun.execute(withToken))
                .isInstanceOf(RunException.class)
                .hasMessageContaining(user.equals(npmrc) ? "the project's .npmrc names itself as the user's "
                        + "configuration (userconfig)" : "proxy: a proxy named by the project's .npmrc would see in "
                        + "clear the credentials")
                .hasMessageNotContaining(PASSWORD);
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void aProxyFromTheProjectNpmrcIsRefusedForAPlainHttpRegistryWhoseRequestsCarryATokenButNotFromTheUsers()
            throws Exception {
        // in CI the project's .npmrc is the pull request's: over http:// its proxy would read the token
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "proxy=" + proxy.url() + "\n");
        RunOptions withToken = options(Map.of(), hiddenRegistry()).withRegistryToken(Optional.of(PASSWORD));

        assertThatThrownBy(() -> VerificationRun.execute(withToken))
                .isInstanceOf(RunException.class)
                .hasMessage("bad proxy configuration: " + npmrc.toAbsolutePath() + ":1: proxy: a proxy named by the "
                        + "project's .npmrc would see in clear the credentials sent to http://" + HIDDEN_HOST + ":"
                        + registry.url().getPort() + " (http://); name the proxy in the user's .npmrc or the "
                        + "environment, or use the registry over https://");
        assertThat(proxy.requests()).isEmpty();

        Files.delete(npmrc);
        Files.writeString(dir.resolve("user.npmrc"), "proxy=" + proxy.url() + "\n");
        RunOutcome outcome = VerificationRun.execute(withToken);

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
        assertThat(proxy.requests()).isNotEmpty();
    }

    @Test
    void aProxyAndCertificateAuthorityBothFromTheProjectNpmrcAreRefusedForAnHttpsRegistryWhoseRequestsCarryAToken()
            throws Exception {
        // the pull request's proxy, presenting a certificate from the pull request's authority, is a man in the
        // middle: the tunnel hides nothing from it. Here the server behind the tunnel is that proxy's own.
        TlsIdentity interceptor = TlsIdentity.forHost(HIDDEN_HOST);
        try (FixtureRegistry https = FixtureRegistry.startHttps(interceptor.serverContext())) {
            String registryUrl = "https://" + HIDDEN_HOST + ":" + https.url().getPort() + "/";
            Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "https-proxy=" + proxy.url() + "\n"
                    + "cafile=" + Files.writeString(dir.resolve("project/corp-ca.pem"), interceptor.pem()) + "\n");
            RunOptions withToken = options(Map.of(), registryUrl).withRegistryToken(Optional.of(PASSWORD));

            assertThatThrownBy(() -> VerificationRun.execute(withToken))
                    .isInstanceOf(RunException.class)
                    .hasMessage("bad proxy configuration: " + npmrc.toAbsolutePath() + ":1: https-proxy: a proxy "
                            + "named by the project's .npmrc could read the credentials sent to https://" + HIDDEN_HOST
                            + ":" + https.url().getPort() + ", as the certificate authorities trusted come from the "
                            + "project's .npmrc too (" + npmrc.toAbsolutePath() + ":2: cafile); name the proxy or the "
                            + "authorities in the user's .npmrc or the environment");
            assertThat(https.requests()).isEmpty();

            // the authorities from the user's .npmrc: the proxy only tunnels, and sees nothing of the token
            Files.writeString(npmrc, "https-proxy=" + proxy.url() + "\n");
            Files.writeString(dir.resolve("user.npmrc"), "cafile=" + dir.resolve("project/corp-ca.pem") + "\n");
            RunOutcome outcome = VerificationRun.execute(withToken);

            assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
            assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.method()).isEqualTo("CONNECT"));
        }
    }

    @Test
    void aMalformedProxySettingIsAConfigurationErrorNamingTheSettingNotItsValue() throws Exception {
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "https-proxy=corp-proxy:" + PASSWORD + "\n");

        assertThatThrownBy(() -> VerificationRun.execute(options(Map.of(), hiddenRegistry())))
                .isInstanceOf(RunException.class)
                .hasMessage("bad proxy configuration: " + npmrc.toAbsolutePath() + ":1: https-proxy: not a proxy URL "
                        + "(npm needs the scheme: http://host:port)");

        Files.delete(npmrc);
        assertThatThrownBy(() -> VerificationRun.execute(options(Map.of("HTTPS_PROXY", "socks5://u:" + PASSWORD
                + "@127.0.0.1:1080"), "https://registry.example/")))
                .isInstanceOf(RunException.class)
                .hasMessage("bad proxy configuration: HTTPS_PROXY: SOCKS proxies are not supported; give an "
                        + "http:// proxy");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void credentialsThatJavaWouldDropInAnHttpsTunnelAreRefusedNamingTheSettingNotThePassword() throws Throwable {
        withBasicDisabledInTunnels(() -> assertThatThrownBy(() -> VerificationRun.execute(options(Map.of(
                "HTTPS_PROXY", "http://user:" + PASSWORD + "@127.0.0.1:" + proxy.port()), "https://registry.example/")))
                .isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad proxy configuration: HTTPS_PROXY: the proxy's user and password "
                        + "would be dropped by this Java runtime for https://registry.example")
                .hasMessageNotContaining(PASSWORD));
        assertThat(proxy.requests()).isEmpty();
    }

    private static String basic(String user) {
        return Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static ForwardingProxy guardedProxy(String credentials) {
        return ForwardingProxy.start(Map.of(HIDDEN_HOST, "127.0.0.1"), Optional.of(credentials));
    }

    /** With the JDK's default for a JVM this tool does not start (a Jenkins agent's): Basic dropped in tunnels. */
    private static void withBasicDisabledInTunnels(org.junit.jupiter.api.function.Executable check) throws Throwable {
        SystemProperties.with(Map.of("jdk.http.auth.tunneling.disabledSchemes", "Basic"), check);
    }
}
