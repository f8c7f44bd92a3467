package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TlsIdentity;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One exchange waiting on something slow does not hold up the others: a certificate check that fetches revocation
 * information (-Dcom.sun.net.ssl.checkRevocation=true, an OCSP responder or CRL server that is slow to answer) runs
 * during one registry's TLS handshake while another registry, plain HTTP on this machine or HTTPS, answers at once,
 * and is heard at once.
 */
class ClientThreadTest {
    private static final Duration SLOW_CHECK = Duration.ofSeconds(3);

    @ParameterizedTest(name = "the other registry over {0}")
    @ValueSource(strings = {"http", "https"})
    void aSlowCertificateCheckDoesNotDelayAnotherRegistrysAnswer(String scheme) throws Exception {
        TlsIdentity identity = TlsIdentity.forAddress("127.0.0.1");
        CountDownLatch checking = new CountDownLatch(1);
        try (FixtureRegistry secure = FixtureRegistry.startHttps(identity.serverContext());
                FixtureRegistry plain = scheme.equals("https") ? FixtureRegistry.startHttps(identity.serverContext())
                        : FixtureRegistry.start()) {
            // longer than the check: only the check makes anything wait
            HttpOptions options = new HttpOptions(Duration.ofSeconds(10), 0, Duration.ZERO, Duration.ofSeconds(5))
                    .withTrust(Optional.of(slowlyTrusting(identity, checking)));
            HttpFetcher fetcher = new HttpFetcher(options, "test");

            CompletableFuture<byte[]> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return fetcher.get(new Registry(secure.url(), Optional.empty()), "sigstore", "sigstore",
                            java.io.InputStream::readAllBytes);
                } catch (RegistryException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            byte[] answer = fetcher.get(new Registry(plain.url(), Optional.empty()), "tuf-js", "tuf-js",
                    java.io.InputStream::readAllBytes);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer).isNotEmpty();
            // not the 3 s of the other registry's certificate check
            assertThat(waited).isLessThan(Duration.ofMillis(1500));
            assertThat(slow.get(15, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    /** Trusts the identity's certificate after a wait, as a check that asks an OCSP responder would. */
    private static X509ExtendedTrustManager slowlyTrusting(TlsIdentity identity, CountDownLatch checking)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("registry", identity.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509ExtendedTrustManager trust = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        X509ExtendedTrustManager slow = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine engine)
                    throws CertificateException {
                // the first check is the slow one
                if (checking.getCount() > 0) {
                    checking.countDown();
                    try {
                        Thread.sleep(SLOW_CHECK.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                trust.checkServerTrusted(chain, type, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket)
                    throws CertificateException {
                trust.checkServerTrusted(chain, type, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) throws CertificateException {
                trust.checkServerTrusted(chain, type);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine engine)
                    throws CertificateException {
                trust.checkClientTrusted(chain, type, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket)
                    throws CertificateException {
                trust.checkClientTrusted(chain, type, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) throws CertificateException {
                trust.checkClientTrusted(chain, type);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return trust.getAcceptedIssuers();
            }
        };
        return slow;
    }
}
