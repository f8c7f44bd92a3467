package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.TlsIdentity;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm's {@code cafile} names the certificate authorities an HTTPS registry's certificate is checked against, in
 * place of the JVM's trust store, as it replaces Node's: a registry with a certificate from a private authority.
 */
class TlsConfigurationTest {
    @TempDir
    Path dir;

    private TlsIdentity identity;
    private FixtureRegistry registry;

    @BeforeEach
    void start() throws Exception {
        identity = TlsIdentity.forAddress("127.0.0.1");
        registry = FixtureRegistry.startHttps(identity.serverContext());
        new TestLockfile().add("sigstore", "1.0.0").writeTo(dir.resolve("project"));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RunOutcome run(Map<String, String> environment) throws RunException {
        return VerificationRun.execute(RunOptions.of(dir.resolve("project")).withEnvironment(environment::get)
                .withUserNpmrc(Optional.of(dir.resolve("user.npmrc")))
                .withRegistry(Optional.of(registry.url().toString()))
                .withNetwork(2, Verification.FAST));
    }

    private static void assertCertificateRefused(PackageReport report) {
        assertThat(report.status()).isEqualTo(Status.ERROR);
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.code()).isEqualTo("REGISTRY_TLS_CERTIFICATE"));
    }

    private static PackageReport only(RunOutcome outcome) {
        assertThat(outcome.report().packages()).hasSize(1);
        return outcome.report().packages().get(0);
    }

    @Test
    void withoutCafileTheJvmsTrustStoreDecidesAndRefusesAPrivateAuthority() throws Exception {
        PackageReport sigstore = only(run(Map.of()));

        assertCertificateRefused(sigstore);
    }

    @Test
    void cafileInTheProjectNpmrcTrustsItsAuthorities() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), identity.pem());
        Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + ca + "\n");

        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void cafileFromTheEnvironmentIsABundleWithCommentsAndItsHomeDirectoryIsExpanded() throws Exception {
        // curl's and the distributions' bundles: a comment before each certificate; another authority first
        String bundle = "# Some other authority\n" + TlsIdentity.forHost("other.example").pem()
                + "\n# The registry's authority\n" + identity.pem();
        Files.createDirectories(dir.resolve("home/certs"));
        Files.writeString(dir.resolve("home/certs/bundle.pem"), bundle);

        RunOutcome outcome = run(Map.of("HOME", dir.resolve("home").toString(),
                "NPM_CONFIG_CAFILE", "~/certs/bundle.pem"));

        assertThat(only(outcome).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void cafileReplacesTheTrustedAuthoritiesAsInNpm() throws Exception {
        // a certificate from an authority the file does not hold is refused, and the message says whose list it was
        Files.writeString(dir.resolve("user.npmrc"),
                "cafile=" + Files.writeString(dir.resolve("other.pem"), TlsIdentity.forHost("other.example").pem())
                        + "\n");

        PackageReport sigstore = only(run(Map.of()));

        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.checks()).anySatisfy(c -> {
            assertThat(c.code()).isEqualTo("REGISTRY_TLS_CERTIFICATE");
            assertThat(c.message()).contains("cafile");
        });
    }

    @Test
    void aCafileThatHoldsNoCertificateIsAConfigurationErrorNamingTheSetting() throws Exception {
        Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + dir.resolve("garbage.pem") + "\n");

        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad TLS configuration: " + npmrc.toAbsolutePath() + ":1: cafile: ")
                .hasMessageContaining("no PEM certificate");

        // npm's ca is then an empty list: no authority is trusted, not Node's
        Files.writeString(dir.resolve("garbage.pem"), " \n\n");

        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageContaining("no PEM certificate");

        Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageContaining("garbage.pem cannot be read as certificates");
    }

    @Test
    void aMissingOrEmptyCafileIsIgnoredAsNpmIgnoresIt() throws Exception {
        // npm then keeps Node's authorities; here the JVM's, which do not hold the test registry's
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + dir.resolve("missing.pem") + "\n");
        assertThat(only(run(Map.of())).status()).isEqualTo(Status.ERROR);

        Files.writeString(dir.resolve("empty.pem"), "");
        Files.writeString(npmrc, "cafile=" + dir.resolve("empty.pem") + "\n");
        PackageReport sigstore = only(run(Map.of()));

        assertCertificateRefused(sigstore);
    }

    @Test
    void nodeExtraCaCertsAddsAuthoritiesToTheJvmsAsNodeAddsThemToItsOwn() throws Exception {
        Path extra = Files.writeString(dir.resolve("extra.pem"), identity.pem());

        assertThat(only(run(Map.of("NODE_EXTRA_CA_CERTS", extra.toString()))).status()).isEqualTo(Status.VERIFIED);

        // as Node, the certificates before a broken one are kept
        Files.writeString(extra, identity.pem() + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThat(only(run(Map.of("NODE_EXTRA_CA_CERTS", extra.toString()))).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void cafileReplacesNodeExtraCaCertsTooAndAnExtraFileThatCannotBeLoadedIsIgnoredAsNodeIgnoresIt() throws Exception {
        Path extra = Files.writeString(dir.resolve("extra.pem"), identity.pem());
        Files.writeString(dir.resolve("user.npmrc"),
                "cafile=" + Files.writeString(dir.resolve("other.pem"), TlsIdentity.forHost("other.example").pem())
                        + "\n");

        assertThat(only(run(Map.of("NODE_EXTRA_CA_CERTS", extra.toString()))).status()).isEqualTo(Status.ERROR);

        Files.delete(dir.resolve("user.npmrc"));
        PackageReport sigstore = only(run(Map.of("NODE_EXTRA_CA_CERTS", dir.resolve("missing.pem").toString())));

        assertCertificateRefused(sigstore);
    }
}
