package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.SystemProperties;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.FixtureRegistry.ClientAuthentication;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.TlsIdentity;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A registry that requires a TLS client certificate (mutual TLS, as corporate Artifactory and Nexus registries do):
 * npm presents the one of {@code //host/path/:certfile} and {@code :keyfile} to the registry configured at that
 * prefix, and to no other. Here the corporate registry serves {@code @playwright} and requires a certificate from
 * its own authority; the default registry asks every client for one, so that one presented to it would show.
 */
class ClientCertificateTest {
    private static final String SECRET = "SECRET-do-not-print-0123456789";

    @TempDir
    Path dir;

    private TlsIdentity server;
    private TlsIdentity authority;
    private FixtureRegistry corporate;
    private FixtureRegistry other;

    @BeforeEach
    void start() throws Exception {
        server = TlsIdentity.forAddress("127.0.0.1");
        authority = TlsIdentity.authority("corporate client authority");
        corporate = FixtureRegistry.startHttps(server.serverContextTrusting(authority.certificate()),
                ClientAuthentication.REQUIRED);
        other = FixtureRegistry.startHttps(server.serverContextTrusting(authority.certificate()),
                ClientAuthentication.WANTED);
        Files.writeString(dir.resolve("ca.pem"), server.pem());
        new TestLockfile().add("@playwright/cli", "0.1.1").add("sigstore", "1.0.0").writeTo(dir.resolve("project"));
    }

    @AfterEach
    void stop() {
        corporate.close();
        other.close();
    }

    /** The project's .npmrc: the corporate registry for @playwright, its authority trusted, and these lines. */
    private void npmrc(String... lines) throws Exception {
        Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + dir.resolve("ca.pem") + "\n"
                + "@playwright:registry=" + corporate.url() + "\n" + String.join("\n", lines) + "\n");
    }

    private String prefix() {
        return "//" + corporate.url().getAuthority() + "/";
    }

    /** A client certificate of the corporate authority, its key in the form asked, written beside the project. */
    private Path[] clientFiles(String keyAlgorithm, boolean traditionalKey) throws Exception {
        TlsIdentity client = authority.issueClient("npm user", keyAlgorithm);
        Path certfile = Files.writeString(dir.resolve("client.crt"), client.pem());
        Path keyfile = Files.writeString(dir.resolve("client.key"), client.privateKeyPem(traditionalKey));
        return new Path[] {certfile, keyfile};
    }

    private RunOutcome run() throws RunException {
        return run(Map.of());
    }

    private RunOutcome run(Map<String, String> environment) throws RunException {
        return VerificationRun.execute(RunOptions.of(dir.resolve("project")).withEnvironment(environment::get)
                .withUserNpmrc(Optional.of(dir.resolve("user.npmrc")))
                .withRegistry(Optional.of(other.url().toString()))
                .withNetwork(2, Verification.FAST));
    }

    /** The corporate registry answered (its document has no signatures: UNSIGNED), shown the certificate. */
    private void assertReachedPresentingTheCertificate(RunOutcome outcome) {
        assertThat(report(outcome, "@playwright/cli@0.1.1").status()).isEqualTo(Status.UNSIGNED);
        assertThat(corporate.clientCertificates()).isNotEmpty().containsOnly("CN=npm user");
    }

    private static PackageReport report(RunOutcome outcome, String id) {
        return outcome.report().packages().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"EC, false", "EC, true", "RSA, false", "RSA, true"})
    void withCertfileAndKeyfileTheRegistryIsReachedAndNoOtherIsShownTheCertificate(String keyAlgorithm,
            boolean traditionalKey) throws Exception {
        Path[] files = clientFiles(keyAlgorithm, traditionalKey);
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + files[1]);

        RunOutcome outcome = run();

        // its recorded document has no signatures, but the registry signs: UNSIGNED, as over plain HTTP
        assertThat(report(outcome, "@playwright/cli@0.1.1").status()).isEqualTo(Status.UNSIGNED);
        assertThat(report(outcome, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(corporate.clientCertificates()).isNotEmpty().containsOnly("CN=npm user");
        // the other registry asked for a certificate in every handshake, and was given none
        assertThat(other.clientCertificates()).isNotEmpty().containsOnly("none");
    }

    @Test
    void relativeCertfileAndKeyfileAreInTheProjectAsForNpmRunThereNotInTheJvmsWorkingDirectory() throws Exception {
        // npm-registry-fetch reads them from npm's working directory, the project's where npm ci runs; a Jenkins
        // agent's JVM runs in the agent's root and the command line may be given the project's directory from
        // elsewhere
        Path[] files = clientFiles("EC", false);
        Files.createDirectories(dir.resolve("project/certs"));
        Files.move(files[0], dir.resolve("project/certs/client.pem"));
        Files.move(files[1], dir.resolve("project/certs/client.key"));
        npmrc(prefix() + ":certfile=certs/client.pem", prefix() + ":keyfile=certs/client.key");

        RunOutcome outcome = run();

        assertReachedPresentingTheCertificate(outcome);

        // one that is not there says where a relative path was looked for, not the path (a ${VAR} may fill it)
        npmrc(prefix() + ":certfile=certs/client.pem", prefix() + ":keyfile=certs/missing.key");

        PackageReport playwright = report(run(), "@playwright/cli@0.1.1");

        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains(prefix() + ":keyfile", "no such file",
                "a relative path is taken from " + dir.resolve("project").toAbsolutePath())
                .doesNotContain("missing.key");
    }

    @Test
    void withoutThemTheRegistrysPackagesAreErrorsAndTheOthersAreVerified() throws Exception {
        npmrc();

        RunOutcome outcome = run();

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        // Java sees a dropped connection: the message says what is missing, and where to set it
        assertThat(playwright.explanation()).contains("asks for a TLS client certificate",
                prefix() + ":certfile and " + prefix() + ":keyfile");
        assertThat(report(outcome, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(corporate.requests()).isEmpty();
    }

    @Test
    void aTokenThatAVariablePutInTheRegistrysPathIsNotPrintedWhereTheCertificateIsAskedFor() throws Exception {
        // a registry taking its token in the path: where to set :certfile is said with ${FURY_TOKEN}, as written
        String token = "s3cr3tFuryTok";
        Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + dir.resolve("ca.pem") + "\n"
                + "@playwright:registry=" + corporate.url() + "${FURY_TOKEN}/acct/\n");

        PackageReport playwright = report(run(Map.of("FURY_TOKEN", token)), "@playwright/cli@0.1.1");

        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains("asks for a TLS client certificate",
                prefix() + "${FURY_TOKEN}/acct/:certfile").doesNotContain(token);
    }

    @Test
    void aCertificateTheRegistryRefusesIsSaidToBeTheLikelyCause() throws Exception {
        // issued by an authority the registry does not accept (or expired): Java sees only a dropped connection
        TlsIdentity stranger = TlsIdentity.authority("another authority").issueClient("npm user", "EC");
        Path certfile = Files.writeString(dir.resolve("client.crt"), stranger.pem());
        Path keyfile = Files.writeString(dir.resolve("client.key"), stranger.privateKeyPem(false));
        npmrc(prefix() + ":certfile=" + certfile, prefix() + ":keyfile=" + keyfile);

        PackageReport playwright = report(run(), "@playwright/cli@0.1.1");

        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains("the registry asks for a TLS client certificate and may have "
                + "refused the one configured with " + prefix() + ":certfile");
        assertThat(corporate.requests()).isEmpty();
    }

    @Test
    void aRegistryThatCannotBeReachedIsNotSaidToAskForACertificate() throws Exception {
        // the question is asked after every failed connection to an https:// registry given no certificate: the
        // answer, not the failure, decides whether the message sends the user to :certfile and :keyfile
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + dir.resolve("ca.pem") + "\n"
                + "@playwright:registry=https://127.0.0.1:" + closed + "/\n");

        RunOutcome outcome = run();

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains("connection failed").doesNotContain("certificate", "certfile");
        assertThat(report(outcome, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aCertificateThatCannotBeUsedIsExplainedWithTheRequestNamedOnce() throws Exception {
        Path[] files = clientFiles("EC", false);
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + dir.resolve("missing.key"));

        String explanation = report(run(), "@playwright/cli@0.1.1").explanation();

        String why = "the client certificate configured with " + prefix() + ":keyfile cannot be used";
        assertThat(explanation).containsOnlyOnce(why);
        // the request it was for, named once before it
        assertThat(explanation).containsOnlyOnce("@playwright/cli");
        assertThat(explanation.substring(0, explanation.indexOf(why))).endsWith(": ")
                .doesNotContain("certificate");
    }

    @Test
    void withoutCafileTheJvmsTrustStoreDecidesWhetherTheRegistryPresentingACertificateIsTrusted() throws Throwable {
        // a Jenkins agent's -Djavax.net.ssl.trustStore holding the corporate authority, and no cafile: the client
        // that presents the certificate trusts what the JVM's default context trusts
        javax.net.ssl.SSLContext.getDefault();
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("registry", server.certificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trusted.store(out, "changeit".toCharArray());
        }
        Path[] files = clientFiles("EC", false);
        Files.writeString(dir.resolve("project/.npmrc"), "@playwright:registry=" + corporate.url() + "\n"
                + prefix() + ":certfile=" + files[0] + "\n" + prefix() + ":keyfile=" + files[1] + "\n");
        SystemProperties.with(Map.of("javax.net.ssl.trustStore", file.toString(),
                "javax.net.ssl.trustStoreType", "PKCS12", "javax.net.ssl.trustStorePassword", "changeit"),
                () -> assertReachedPresentingTheCertificate(run()));
        // not trusted by the JVM's own trust store: refused as a certificate, not presented to it
        PackageReport untrusted = report(run(), "@playwright/cli@0.1.1");
        assertThat(untrusted.status()).isEqualTo(Status.ERROR);
        assertThat(untrusted.failureCode()).isEqualTo("REGISTRY_TLS_CERTIFICATE");
    }

    @Test
    void aTokenAndACertificateAtOnePrefixAreBothSentAsNpmSendsThem() throws Exception {
        Path[] files = clientFiles("EC", false);
        npmrc(prefix() + ":_authToken=" + SECRET, prefix() + ":certfile=" + files[0],
                prefix() + ":keyfile=" + files[1]);

        RunOutcome outcome = run();

        assertThat(report(outcome, "@playwright/cli@0.1.1").status()).isEqualTo(Status.UNSIGNED);
        assertThat(corporate.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).contains("Bearer " + SECRET));
        assertThat(corporate.clientCertificates()).isNotEmpty().containsOnly("CN=npm user");
        assertThat(other.requests()).allSatisfy(r -> assertThat(r.authorization()).isEmpty());
        assertThat(other.clientCertificates()).containsOnly("none");
    }

    @Test
    void aKeyfileThatIsNoPemKeyIsAnErrorNamingTheSettingAndTheFileNeverItsContent() throws Exception {
        Path[] files = clientFiles("EC", false);
        // a project's .npmrc (a pull request's) can name any file of the machine
        Path notAKey = Files.writeString(dir.resolve("credentials.txt"), "password=" + SECRET + "\n"
                + "-----BEGIN PRIVATE KEY-----\n" + SECRET + "\n-----END PRIVATE KEY-----\n");
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + notAKey);

        RunOutcome outcome = run();

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.failureCode()).isEqualTo("REGISTRY_CLIENT_CERTIFICATE");
        assertThat(playwright.explanation()).contains(prefix() + ":keyfile", notAKey.toString())
                .doesNotContain(SECRET);
        // the rest of the run completes
        assertThat(report(outcome, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(corporate.tlsConnections()).isZero();
        assertNothingPrinted(outcome);
    }

    @Test
    void aKeyfileThatIsMissingOrIsAnotherCertificatesKeyIsAnErrorNamingTheSetting() throws Exception {
        Path[] files = clientFiles("EC", false);
        Path missing = dir.resolve("missing.key");
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + missing);

        PackageReport playwright = report(run(), "@playwright/cli@0.1.1");

        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains(prefix() + ":keyfile", "no such file");

        Path otherKey = Files.writeString(dir.resolve("other.key"),
                authority.issueClient("someone else", "EC").privateKeyPem(false));
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + otherKey);

        playwright = report(run(), "@playwright/cli@0.1.1");

        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains(otherKey.toString(), "not the private key");

        // npm has no setting for a passphrase, and Node then cannot use the key
        TlsIdentity client = authority.issueClient("npm user", "RSA");
        Files.writeString(files[0], client.pem());
        java.io.StringWriter encrypted = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
            writer.writeObject(client.key().getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").build(SECRET.toCharArray()));
        }
        Path encryptedKey = Files.writeString(dir.resolve("encrypted.key"), encrypted.toString());
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + encryptedKey);

        playwright = report(run(), "@playwright/cli@0.1.1");

        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains(encryptedKey.toString(), "encrypted");
    }

    @Test
    void anEncryptedKeyIsRefusedSayingThatNpmHasNoPassphraseSettingInEitherPemForm() throws Exception {
        TlsIdentity client = authority.issueClient("npm user", "RSA");
        Path certfile = Files.writeString(dir.resolve("client.crt"), client.pem());
        // OpenSSL's traditional form (Proc-Type: 4,ENCRYPTED), and PKCS#8's (openssl pkcs8 -topk8, genpkey -aes256)
        java.io.StringWriter traditional = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(traditional)) {
            writer.writeObject(client.key().getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").build(SECRET.toCharArray()));
        }
        java.io.StringWriter pkcs8 = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pkcs8)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(client.key().getPrivate(),
                    new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                            org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                            .setPassword(SECRET.toCharArray()).build()));
        }
        assertThat(pkcs8.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        for (String encrypted : new String[] {traditional.toString(), pkcs8.toString()}) {
            Path keyfile = Files.writeString(dir.resolve("encrypted.key"), encrypted);
            npmrc(prefix() + ":certfile=" + certfile, prefix() + ":keyfile=" + keyfile);

            PackageReport playwright = report(run(), "@playwright/cli@0.1.1");

            assertThat(playwright.status()).isEqualTo(Status.ERROR);
            assertThat(playwright.failureCode()).isEqualTo("REGISTRY_CLIENT_CERTIFICATE");
            // what to do about it, not that no key was found
            assertThat(playwright.explanation()).contains(prefix() + ":keyfile", keyfile.toString(),
                    "the private key is encrypted, and npm has no setting for its passphrase", "give it unencrypted")
                    .doesNotContain("no unencrypted PEM private key");
        }
        assertThat(corporate.tlsConnections()).isZero();
    }

    @Test
    void oneFileHoldingTheCertificateAndThenItsKeyServesAsBothCertfileAndKeyfile() throws Exception {
        // as Node reads it (OpenSSL passes over the blocks it is not looking for): a common way to ship the pair
        TlsIdentity client = authority.issueClient("npm user", "RSA");
        Path both = Files.writeString(dir.resolve("client.pem"), client.pem() + client.privateKeyPem(true));
        npmrc(prefix() + ":certfile=" + both, prefix() + ":keyfile=" + both);

        RunOutcome outcome = run();

        assertReachedPresentingTheCertificate(outcome);
    }

    @Test
    void aKeyOfAnotherAlgorithmOrSizeThanTheCertificatesIsNotItsPrivateKey() throws Exception {
        TlsIdentity client = authority.issueClient("npm user", "RSA");
        Path certfile = Files.writeString(dir.resolve("client.crt"), client.pem());
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        String otherSize = new TlsIdentity(rsa.generateKeyPair(), client.certificate()).privateKeyPem(false);
        String ec = authority.issueClient("npm user", "EC").privateKeyPem(false);

        for (String key : new String[] {ec, otherSize}) {
            Path keyfile = Files.writeString(dir.resolve("client.key"), key);
            npmrc(prefix() + ":certfile=" + certfile, prefix() + ":keyfile=" + keyfile);

            PackageReport playwright = report(run(), "@playwright/cli@0.1.1");

            assertThat(playwright.status()).isEqualTo(Status.ERROR);
            assertThat(playwright.failureCode()).isEqualTo("REGISTRY_CLIENT_CERTIFICATE");
            assertThat(playwright.explanation()).contains(keyfile.toString(),
                    "the key is not the private key of the first certificate of " + prefix() + ":certfile");
        }
        assertThat(corporate.tlsConnections()).isZero();
    }

    @Test
    void anRsaKeyWhosePrivateExponentIsAsLongAsItsModulusIsUsed() throws Exception {
        // OpenSSL before 3.0 computed d modulo (p-1)(q-1), not their least common multiple, so that d is often as
        // long as the modulus: no number of a real key is longer, but this one is not longer either
        TlsIdentity client;
        java.security.interfaces.RSAPrivateCrtKey real;
        java.math.BigInteger exponent;
        do {
            client = authority.issueClient("npm user", "RSA");
            real = (java.security.interfaces.RSAPrivateCrtKey) client.key().getPrivate();
            java.math.BigInteger p1 = real.getPrimeP().subtract(java.math.BigInteger.ONE);
            java.math.BigInteger q1 = real.getPrimeQ().subtract(java.math.BigInteger.ONE);
            java.math.BigInteger phi = p1.multiply(q1);
            exponent = real.getPublicExponent().modInverse(phi);
        } while (exponent.bitLength() != real.getModulus().bitLength());
        java.security.PrivateKey full = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateCrtKeySpec(real.getModulus(), real.getPublicExponent(), exponent,
                        real.getPrimeP(), real.getPrimeQ(), real.getPrimeExponentP(), real.getPrimeExponentQ(),
                        real.getCrtCoefficient()));
        Path certfile = Files.writeString(dir.resolve("client.crt"), client.pem());
        Path keyfile = Files.writeString(dir.resolve("client.key"),
                new TlsIdentity(new java.security.KeyPair(client.key().getPublic(), full), client.certificate())
                        .privateKeyPem(true));
        npmrc(prefix() + ":certfile=" + certfile, prefix() + ":keyfile=" + keyfile);

        RunOutcome outcome = run();

        assertReachedPresentingTheCertificate(outcome);
    }

    @Test
    void aPathThatDoesNotExistIsNotPrintedAsVariablesMayHaveFilledItWithASecret() throws Exception {
        Path[] files = clientFiles("EC", false);
        // a pull request's .npmrc: npm expands ${VAR} in it, and the report goes to the pull request's comment
        npmrc(prefix() + ":certfile=${NPM_TOKEN}", prefix() + ":keyfile=" + files[1]);

        RunOutcome outcome = run(Map.of("NPM_TOKEN", SECRET));

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.failureCode()).isEqualTo("REGISTRY_CLIENT_CERTIFICATE");
        assertThat(playwright.explanation()).contains(prefix() + ":certfile", "no such file")
                .doesNotContain(SECRET);
        assertNothingPrinted(outcome);

        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=/nonexistent/${NPM_TOKEN}");

        playwright = report(run(Map.of("NPM_TOKEN", SECRET)), "@playwright/cli@0.1.1");

        assertThat(playwright.explanation()).contains(prefix() + ":keyfile", "no such file").doesNotContain(SECRET);
    }

    @Test
    void aPipeNamedAsCertfileOrKeyfileIsAnErrorRatherThanAWaitForeverForItsWriter() throws Exception {
        Path[] files = clientFiles("EC", false);
        // /dev/stdin of a CI agent is a pipe that never ends (a Jenkins agent's is its channel to the controller)
        Path pipe = dir.resolve("pipe");
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"));
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + pipe);

        RunOutcome outcome = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> run());

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains(prefix() + ":keyfile", pipe.toString(), "not a regular file");
        assertThat(report(outcome, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void anRsaKeyWhosePrimesAreHugeIsRefusedBeforeSigningForHours() throws Exception {
        Path[] files = clientFiles("RSA", false);
        // a pull request can commit both files: the certificate's modulus, and CRT primes of 100,000 bits, with
        // which one signature takes hours of CPU that no timeout or abort ends
        TlsIdentity client = authority.issueClient("npm user", "RSA");
        java.security.interfaces.RSAPrivateCrtKey real =
                (java.security.interfaces.RSAPrivateCrtKey) client.key().getPrivate();
        Files.writeString(files[0], client.pem());
        java.math.BigInteger huge = java.math.BigInteger.ONE.shiftLeft(100_000).subtract(java.math.BigInteger.ONE);
        java.security.PrivateKey evil = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateCrtKeySpec(real.getModulus(), real.getPublicExponent(),
                        real.getPrivateExponent(), huge, real.getPrimeQ(), huge, real.getPrimeExponentQ(),
                        real.getCrtCoefficient()));
        Files.writeString(files[1], "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(evil.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        npmrc(prefix() + ":certfile=" + files[0], prefix() + ":keyfile=" + files[1]);

        RunOutcome outcome = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> run());

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.failureCode()).isEqualTo("REGISTRY_CLIENT_CERTIFICATE");
        assertThat(playwright.explanation()).contains(prefix() + ":keyfile", files[1].toString());
        assertThat(corporate.tlsConnections()).isZero();
    }

    @Test
    void aCertfileThatHoldsNoCertificateIsAnErrorNamingTheFileNeverItsContent() throws Exception {
        Path[] files = clientFiles("RSA", true);
        Path notACertificate = Files.writeString(dir.resolve("notes.txt"), SECRET + "\n");
        npmrc(prefix() + ":certfile=" + notACertificate, prefix() + ":keyfile=" + files[1]);

        RunOutcome outcome = run();

        PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
        assertThat(playwright.status()).isEqualTo(Status.ERROR);
        assertThat(playwright.explanation()).contains(prefix() + ":certfile", notACertificate.toString(),
                "no PEM certificate").doesNotContain(SECRET);
        assertNothingPrinted(outcome);
    }

    @Test
    void theJvmsKeyStoreIsOfferedToEveryRegistryAsTheJvmsDefaultContextOffersIt() throws Throwable {
        // a Jenkins agent's or JAVA_OPTS' -Djavax.net.ssl.keyStore: npm's cafile gives the run a TLS context of its
        // own, which dropped it
        TlsIdentity client = authority.issueClient("jvm user", "EC");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", client.key().getPrivate(), SECRET.toCharArray(),
                new Certificate[] {client.certificate()});
        Path file = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, SECRET.toCharArray());
        }
        npmrc();
        SystemProperties.with(Map.of("javax.net.ssl.keyStore", file.toString(),
                "javax.net.ssl.keyStoreType", "PKCS12", "javax.net.ssl.keyStorePassword", SECRET), () -> {
            RunOutcome outcome = run();

            assertThat(report(outcome, "@playwright/cli@0.1.1").status()).isEqualTo(Status.UNSIGNED);
            assertThat(corporate.clientCertificates()).isNotEmpty().containsOnly("CN=jvm user");

            // a password that does not open it: an error naming the property and the file, never the password
            System.setProperty("javax.net.ssl.keyStorePassword", "wrong-" + SECRET);

            outcome = run();

            PackageReport playwright = report(outcome, "@playwright/cli@0.1.1");
            assertThat(playwright.status()).isEqualTo(Status.ERROR);
            assertThat(playwright.failureCode()).isEqualTo("REGISTRY_CLIENT_CERTIFICATE");
            assertThat(playwright.explanation()).contains("javax.net.ssl.keyStore", file.toString())
                    .doesNotContain(SECRET);
            assertNothingPrinted(outcome);
        });
    }

    private static void assertNothingPrinted(RunOutcome outcome) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReportWriter().write(outcome.report(), json);
        assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
        assertThat(new MarkdownReportWriter().render(outcome.report())).doesNotContain(SECRET);
    }
}
