package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForgedRegistryKey;
import io.github.npmprovenance.testing.ForwardingProxy;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.TlsIdentity;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Someone on the way to the public registry answers for it: here a real forwarding proxy on 127.0.0.1 that takes
 * requests for registry.npmjs.org to the fixtures' registry, as a man in the middle would, serving tuf-js 1.0.0
 * tampered with. The public registry's embedded keys must still decide what is signed.
 */
class PublicRegistryInterceptedTest {
    /** What the man in the middle serves in place of tuf-js 1.0.0's real tarball. */
    private static final String TAMPERED = "sha512-" + Base64.getEncoder().encodeToString(sha512("tampered"));

    @TempDir
    Path dir;

    private FixtureRegistry registry;
    private ForwardingProxy middle;

    @BeforeEach
    void start() {
        new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0", TAMPERED).writeTo(dir.resolve("project"));
    }

    /**
     * The man in the middle answers for registry.npmjs.org with the fixtures' registry, by that name and by its
     * fully qualified one, registry.npmjs.org. (the same host).
     */
    private void intercept(FixtureRegistry answering) {
        registry = answering;
        String fixture = "127.0.0.1:" + registry.url().getPort();
        middle = ForwardingProxy.start(Map.of("registry.npmjs.org", fixture, "registry.npmjs.org.", fixture),
                Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        if (middle != null) {
            middle.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** Adds a key of the man in the middle's to the keys served, and signs the tampered tuf-js with it. */
    private void forgeSignature() throws Exception {
        ForgedRegistryKey forged = new ForgedRegistryKey();
        forged.addTo(registry.keys());
        forged.signAs((ObjectNode) registry.version("tuf-js", "1.0.0").path("dist"), "tuf-js", "1.0.0", TAMPERED);
    }

    private Map<String, PackageReport> run(String registryUrl, Map<String, String> environment) throws RunException {
        RunOutcome outcome = VerificationRun.execute(RunOptions.of(dir.resolve("project"))
                .withEnvironment(environment::get)
                .withUserNpmrc(Optional.of(dir.resolve("user.npmrc")))
                .withRegistry(Optional.of(registryUrl))
                .withNetwork(2, Verification.FAST));
        assertThat(middle.requests()).isNotEmpty();
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
        return Map.of("sigstore", only(outcome, "sigstore@1.0.0"), "tuf-js", only(outcome, "tuf-js@1.0.0"));
    }

    private static PackageReport only(RunOutcome outcome, String id) {
        return outcome.report().packages().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://registry.npmjs.org/", "http://registry.npmjs.org./"})
    void overHttpKeysTheMiddleWithholdsAreMissingNotAbsent(String publicOverHttp) throws Exception {
        intercept(FixtureRegistry.start());
        registry.removeKeys();
        ObjectNode dist = (ObjectNode) registry.version("tuf-js", "1.0.0").path("dist");
        dist.put("integrity", TAMPERED).remove(java.util.List.of("signatures", "attestations"));

        PackageReport tufJs = run(publicOverHttp, Map.of("HTTP_PROXY", middle.url())).get("tuf-js");

        // before: SKIPPED "registry publishes no signing keys", and the run passed
        assertThat(tufJs.status()).isEqualTo(Status.ERROR);
        assertThat(tufJs.passed()).isFalse();
        assertThat(tufJs.code()).isEqualTo("REGISTRY_KEYS_MISSING");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://registry.npmjs.org/", "http://registry.npmjs.org./"})
    void overHttpAKeyTheMiddleAddsSignsNothing(String publicOverHttp) throws Exception {
        intercept(FixtureRegistry.start());
        forgeSignature();

        Map<String, PackageReport> results = run(publicOverHttp, Map.of("HTTP_PROXY", middle.url()));

        // before: SIGNED, "registry signature verified" by the key the middle served
        assertThat(results.get("tuf-js").status()).isEqualTo(Status.INVALID);
        assertThat(results.get("tuf-js").code()).isEqualTo("UNKNOWN_KEY");
        // the genuine ones still verify against the embedded keys the middle served unchanged
        assertThat(results.get("sigstore").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aProxyWithACertificateAuthorityBothFromTheProjectNpmrcCannotAddAKey() throws Exception {
        // the pull request's .npmrc names a proxy and an authority of its own: a man in the middle of
        // https://registry.npmjs.org/ (no credentials go there, so that much is allowed)
        TlsIdentity interceptor = TlsIdentity.forHost("registry.npmjs.org");
        intercept(FixtureRegistry.startHttps(interceptor.serverContext()));
        Files.writeString(dir.resolve("project/.npmrc"), "https-proxy=" + middle.url() + "\ncafile="
                + Files.writeString(dir.resolve("project/ca.pem"), interceptor.pem()) + "\n");
        forgeSignature();

        Map<String, PackageReport> results = run("https://registry.npmjs.org/", Map.of());

        assertThat(middle.requests()).extracting(ForwardingProxy.Request::method).containsOnly("CONNECT");
        // before: SIGNED, "registry signature verified" by the key the pull request's man in the middle served
        assertThat(results.get("tuf-js").status()).isEqualTo(Status.INVALID);
        assertThat(results.get("tuf-js").code()).isEqualTo("UNKNOWN_KEY");
        assertThat(results.get("sigstore").status()).isEqualTo(Status.VERIFIED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evil.npmrc", "../user.npmrc"})
    void aProxyWithACertificateAuthorityFromAUserconfigTheProjectNpmrcNamesCannotAddAKey(String userconfig)
            throws Exception {
        // the same two lines, moved by the pull request into a file its .npmrc names as the user's configuration
        TlsIdentity interceptor = TlsIdentity.forHost("registry.npmjs.org");
        intercept(FixtureRegistry.startHttps(interceptor.serverContext()));
        Files.writeString(dir.resolve("project/.npmrc"), "userconfig=" + userconfig + "\n");
        Files.writeString(dir.resolve("project").resolve(userconfig), "https-proxy=" + middle.url() + "\ncafile="
                + Files.writeString(dir.resolve("project/ca.pem"), interceptor.pem()) + "\n");
        forgeSignature();

        RunOutcome outcome = VerificationRun.execute(RunOptions.of(dir.resolve("project"))
                .withEnvironment(Map.of("HOME", dir.resolve("home").toString())::get)
                .withRegistry(Optional.of("https://registry.npmjs.org/"))
                .withNetwork(2, Verification.FAST));

        assertThat(middle.requests()).isNotEmpty();
        // before: SIGNED, the file read as the user's, whose proxy and authority may intercept
        assertThat(only(outcome, "tuf-js@1.0.0").status()).isEqualTo(Status.INVALID);
        assertThat(only(outcome, "tuf-js@1.0.0").code()).isEqualTo("UNKNOWN_KEY");
        assertThat(only(outcome, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    private static byte[] sha512(String text) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
