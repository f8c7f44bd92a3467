package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry over HTTPS, as every real one is: the client checks its certificate against the JVM's trust store (the
 * default SSL context, which {@code -Djavax.net.ssl.trustStore} sets), and a certificate it does not accept is an
 * error for each package, named as such and not retried, never a package verified.
 */
class TlsRegistryTest {
    private static final char[] PASSWORD = "test".toCharArray();
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
        ServerIdentity identity = ServerIdentity.create(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        try (FixtureRegistry registry = FixtureRegistry.startHttps(identity.serverContext())) {
            SSLContext.setDefault(identity.trustingClientContext());

            List<PackageResult> results = Verification.verify(LOCKFILE, registry);

            assertThat(registry.url().getScheme()).isEqualTo("https");
            assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        }
    }

    @Test
    void aCertificateFromAnAuthorityTheTrustStoreDoesNotHoldIsAnErrorForEachPackageAndNotRetried() throws Exception {
        ServerIdentity identity = ServerIdentity.create(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        try (FixtureRegistry registry = FixtureRegistry.startHttps(identity.serverContext())) {
            // the JVM's own trust store: no self-signed test certificate in it

            List<PackageResult> results = Verification.verify(LOCKFILE, registry);

            for (String id : List.of("sigstore@1.0.0", "tuf-js@1.0.0")) {
                PackageResult result = result(results, id);
                assertThat(result.status()).isEqualTo(Status.ERROR);
                assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_TLS_CERTIFICATE");
                assertThat(result.reason()).contains(id.substring(0, id.indexOf('@')))
                        .contains("TLS certificate").contains("trust store");
            }
            // one connection for each document (the keys, two packuments): retrying cannot change a certificate
            assertThat(registry.requests()).isEmpty();
            assertThat(registry.tlsConnections()).isEqualTo(3);
        }
    }

    @Test
    void aCertificateForAnotherHostIsAnErrorEvenWhenItsAuthorityIsTrusted() throws Exception {
        ServerIdentity identity = ServerIdentity.create(new GeneralName(GeneralName.dNSName, "registry.example"));
        try (FixtureRegistry registry = FixtureRegistry.startHttps(identity.serverContext())) {
            SSLContext.setDefault(identity.trustingClientContext());

            List<PackageResult> results = Verification.verify(LOCKFILE, registry);

            PackageResult sigstore = result(results, "sigstore@1.0.0");
            assertThat(sigstore.status()).isEqualTo(Status.ERROR);
            assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_TLS_CERTIFICATE");
            assertThat(sigstore.reason()).contains("127.0.0.1");
        }
    }

    /** A self-signed certificate for one subject alternative name, and its key. */
    private record ServerIdentity(KeyPair key, X509Certificate certificate) {
        static ServerIdentity create(GeneralName name) throws Exception {
            KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
            X500Name subject = new X500Name("CN=npm-provenance test registry");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.TWO,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    key.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
            return new ServerIdentity(key, certificate);
        }

        SSLContext serverContext() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key.getPrivate(), PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }

        /** What a trust store holding this certificate gives the client. */
        SSLContext trustingClientContext() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("registry", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
    }
}
