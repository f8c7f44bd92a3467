package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.TlsIdentity;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry over HTTPS, as every real one is: the client checks its certificate against the JVM's trust store (the
 * default SSL context, which {@code -Djavax.net.ssl.trustStore} sets), and a certificate it does not accept is an
 * error for each package, named as such and not retried, never a package verified.
 */
class TlsRegistryTest {
    private static final TestLockfile LOCKFILE = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0");

    private final SSLContext originalDefault;

    TlsRegistryTest() throws Exception {
        originalDefault = SSLContext.getDefault();
    }

    @AfterEach
    void restoreDefaultTrust() {
        SSLContext.setDefault(originalDefault);
    }

    @Test
    void aRegistryWhoseCertificateTheTrustStoreAcceptsIsVerifiedOverTls() throws Exception {
        Outcome outcome = verifyOverTls(TlsIdentity.forAddress("127.0.0.1"), true);

        assertThat(outcome.results()).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
    }

    @Test
    void aCertificateFromAnAuthorityTheTrustStoreDoesNotHoldIsAnErrorForEachPackageAndNotRetried() throws Exception {
        // the JVM's own trust store: no self-signed test certificate in it
        Outcome outcome = verifyOverTls(TlsIdentity.forAddress("127.0.0.1"), false);

        for (String id : List.of("sigstore@1.0.0", "tuf-js@1.0.0")) {
            PackageResult result = result(outcome.results(), id);
            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_TLS_CERTIFICATE");
            assertThat(result.reason()).contains(id.substring(0, id.indexOf('@')))
                    .contains("TLS certificate").contains("trust store");
        }
        // one connection for each document (the keys, two packuments): retrying cannot change a certificate
        assertThat(outcome.requests()).isZero();
        assertThat(outcome.tlsConnections()).isEqualTo(3);
    }

    @Test
    void aCertificateForAnotherHostIsAnErrorEvenWhenItsAuthorityIsTrusted() throws Exception {
        Outcome outcome = verifyOverTls(TlsIdentity.forHost("registry.example"), true);

        PackageResult sigstore = result(outcome.results(), "sigstore@1.0.0");
        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_TLS_CERTIFICATE");
        assertThat(sigstore.reason()).contains("127.0.0.1");
    }

    @Test
    void aHostNameEndingInADotIsAnErrorNamingItNotAnUnexpectedFailure() throws Exception {
        // npm (Node) connects to registry.npmjs.org. over TLS; Java's TLS client refuses a name ending in a dot
        // (SNI), so every package was ERROR INTERNAL_ERROR "unexpected failure: java.lang.IllegalArgumentException"
        TlsIdentity identity = TlsIdentity.forHost("localhost");
        try (FixtureRegistry registry = FixtureRegistry.startHttps(identity.serverContext())) {
            SSLContext.setDefault(identity.trustingClientContext());
            Registry dotted = Registry.of("https://localhost.:" + registry.url().getPort() + "/");

            List<PackageResult> results = Verification.verify(LOCKFILE, RegistryConfig.of(dotted),
                    Verification.http());

            for (String id : List.of("sigstore@1.0.0", "tuf-js@1.0.0")) {
                PackageResult result = result(results, id);
                assertThat(result.status()).isEqualTo(Status.ERROR);
                assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_INVALID_REQUEST");
                assertThat(result.reason()).contains(id.substring(0, id.indexOf('@')))
                        .contains("host name ending in a dot (localhost.)").doesNotContain("unexpected failure");
            }
            assertThat(registry.tlsConnections()).isZero();
        }
    }

    /** What the registry saw: requests that reached it, and TLS connections, handshake failed or not. */
    private record Outcome(List<PackageResult> results, int requests, int tlsConnections) {
    }

    /** Verifies the lockfile against https://127.0.0.1 presenting identity's certificate. */
    private static Outcome verifyOverTls(TlsIdentity identity, boolean clientTrustsIt) throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.startHttps(identity.serverContext())) {
            if (clientTrustsIt) {
                SSLContext.setDefault(identity.trustingClientContext());
            }
            assertThat(registry.url().getScheme()).isEqualTo("https");
            List<PackageResult> results = Verification.verify(LOCKFILE, registry);
            return new Outcome(results, registry.requests().size(), registry.tlsConnections());
        }
    }
}
