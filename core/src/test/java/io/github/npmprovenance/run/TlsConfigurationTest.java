package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.LargeFile;
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
 * npm's {@code cafile} and {@code ca} name the certificate authorities an HTTPS registry's certificate is checked
 * against, in place of the JVM's trust store, as they replace Node's: a registry with a certificate from a private
 * authority.
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
    void strictSslFalseIsNotFollowedButNamedWhereItWouldHaveLetNpmConnect() throws Exception {
        // npm accepts any certificate with strict-ssl=false: every package here was an ERROR whose message did not
        // say why npm ci, on the same machine, reached the registry
        Files.writeString(dir.resolve("project/.npmrc"), "strict-ssl=false\n");

        PackageReport sigstore = only(run(Map.of()));

        assertCertificateRefused(sigstore);
        assertThat(sigstore.checks()).anySatisfy(c -> assertThat(c.message()).contains("; npm connects anyway, as "
                + "strict-ssl=false (" + dir.resolve("project/.npmrc") + ":1: strict-ssl) turns its check off, which "
                + "npm-provenance does not follow: whoever is on the way could then answer for the registry. Give the "
                + "registry's certificate authority with cafile instead"));

        // npm's environment spelling; and strict-ssl=true, npm's default, names nothing
        assertThat(only(run(Map.of("npm_config_strict_ssl", "false"))).checks())
                .anySatisfy(c -> assertThat(c.message()).contains("strict-ssl=false (npm_config_strict_ssl)"));
        // npm reads a boolean as nopt does: 0 and null are false too
        for (String off : new String[] {"0", "null"}) {
            Files.writeString(dir.resolve("project/.npmrc"), "strict-ssl=" + off + "\n");
            assertThat(only(run(Map.of())).checks()).anySatisfy(c -> assertThat(c.message()).contains(
                    "strict-ssl=false (" + dir.resolve("project/.npmrc") + ":1: strict-ssl)"));
        }
        Files.writeString(dir.resolve("project/.npmrc"), "strict-ssl=true\n");
        assertThat(only(run(Map.of())).checks()).allSatisfy(c -> assertThat(c.message()).doesNotContain("strict-ssl"));
    }

    @Test
    void cafileInTheProjectNpmrcTrustsItsAuthorities() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), identity.pem());
        Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + ca + "\n");

        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aRelativeCafileIsInTheProjectAsForNpmRunThereNotInTheJvmsWorkingDirectory() throws Exception {
        // npm resolves cafile against its working directory, the project's where npm ci runs; a Jenkins agent's
        // JVM runs in the agent's root and the command line may be given the project's directory from elsewhere
        Files.createDirectories(dir.resolve("project/certs"));
        Files.writeString(dir.resolve("project/certs/corp-ca.pem"), identity.pem());
        Files.writeString(dir.resolve("project/.npmrc"), "cafile=certs/corp-ca.pem\n");

        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);

        // the same for NPM_CONFIG_CAFILE and for NODE_EXTRA_CA_CERTS, which Node reads where npm runs
        Files.delete(dir.resolve("project/.npmrc"));
        assertThat(only(run(Map.of("NPM_CONFIG_CAFILE", "certs/corp-ca.pem"))).status())
                .isEqualTo(Status.VERIFIED);
        assertThat(only(run(Map.of("NODE_EXTRA_CA_CERTS", "certs/corp-ca.pem"))).status())
                .isEqualTo(Status.VERIFIED);
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
    void aCafileThatIsADeviceOrFarTooLargeIsAConfigurationErrorNotReadUntilMemoryRunsOut() throws Exception {
        // a pull request's .npmrc can name any file: /dev/zero was read until the heap ran out (OutOfMemoryError,
        // exit code 1, two gigabytes later), a pipe would have been waited on
        Path device = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device));
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "cafile=" + device + "\n");

        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad TLS configuration: " + npmrc.toAbsolutePath() + ":1: cafile: /dev/zero")
                .hasMessageContaining("not a regular file");

        Path huge = LargeFile.larger(dir.resolve("huge.pem"), 16L * 1024 * 1024, "#");
        Files.writeString(npmrc, "cafile=" + huge + "\n");

        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageContaining("huge.pem cannot be read as certificates").hasMessageContaining("larger than 16 MiB");

        // NODE_EXTRA_CA_CERTS naming one is ignored, as Node ignores a file it cannot load
        Files.delete(npmrc);
        assertCertificateRefused(only(run(Map.of("NODE_EXTRA_CA_CERTS", device.toString()))));
    }

    @Test
    void aCafileNoFileCanHaveIsAConfigurationErrorThatDoesNotPrintItsExpandedValue() throws Exception {
        // a NUL in the path (found by NpmrcFuzzTest): the JVM's message quoted the path, ${NPM_TOKEN} expanded in it,
        // and escaped as an unexpected failure; so did a globalconfig or prefix with one
        Map<String, String> environment = Map.of("NPM_TOKEN", "npm_TheTokenOfTheWorkflow0123");
        Files.writeString(dir.resolve("project/.npmrc"), "globalconfig=/etc/${NPM_TOKEN}\u0000\n"
                + "cafile=/etc/${NPM_TOKEN}\u0000.pem\n");

        assertThatThrownBy(() -> run(environment)).isInstanceOf(RunException.class)
                .hasMessageContaining(".npmrc:2: cafile: not a path any file can have")
                .hasMessageNotContaining("TheToken");

        Files.writeString(dir.resolve("project/.npmrc"), "prefix=/opt/${NPM_TOKEN}\u0000\n");

        assertCertificateRefused(only(run(environment)));
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
    /** A {@code ca} value as npm's documentation writes it: a JSON string, its newlines written {@code \n}. */
    private static String caValue(TlsIdentity authority) throws Exception {
        return "\"" + authority.pem().replace("\n", "\\n") + "\"";
    }

    @Test
    void caInTheProjectNpmrcTrustsTheCertificatesWrittenIntoIt() throws Exception {
        Files.writeString(dir.resolve("project/.npmrc"), "ca=" + caValue(identity) + "\n");

        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);

        // and replaces the JVM's authorities: another authority alone is refused
        Files.writeString(dir.resolve("project/.npmrc"), "ca=" + caValue(TlsIdentity.forHost("other.example")) + "\n");

        assertCertificateRefused(only(run(Map.of())));
    }

    @Test
    void caArrayLinesAndTheEnvironmentGiveCertificatesToo() throws Exception {
        String other = caValue(TlsIdentity.forHost("other.example"));
        Files.writeString(dir.resolve("user.npmrc"), "ca[]=" + other + "\nca[]=" + caValue(identity) + "\n");

        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);

        // a plain ca line after them adds to the array, as ini has it; before them it is replaced by nothing
        Files.writeString(dir.resolve("user.npmrc"), "ca=" + caValue(identity) + "\nca[]=" + other + "\n");

        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);

        // the environment is above the files
        assertThat(only(run(Map.of("npm_config_ca", TlsIdentity.forHost("other.example").pem()))).status())
                .isEqualTo(Status.ERROR);
    }

    @Test
    void caAndCafileAreAppliedFileByFileAndInTheirOrderWithinAFileAsNpmAppliesThem() throws Exception {
        Path good = Files.writeString(dir.resolve("good.pem"), identity.pem());
        Path other = Files.writeString(dir.resolve("other.pem"), TlsIdentity.forHost("other.example").pem());
        Path userNpmrc = dir.resolve("user.npmrc");
        Path projectNpmrc = dir.resolve("project/.npmrc");

        // the project's ca replaces the user's cafile, although cafile is the other key
        Files.writeString(userNpmrc, "cafile=" + good + "\n");
        Files.writeString(projectNpmrc, "ca=" + caValue(TlsIdentity.forHost("other.example")) + "\n");
        assertCertificateRefused(only(run(Map.of())));

        // a project's cafile that names no file changes nothing: the user's ca stays
        Files.writeString(userNpmrc, "ca=" + caValue(identity) + "\n");
        Files.writeString(projectNpmrc, "cafile=" + dir.resolve("missing.pem") + "\n");
        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);

        // only the one applied last is read: a broken cafile the project's ca replaces is not npm's either
        Files.writeString(userNpmrc, "cafile=" + Files.writeString(dir.resolve("broken.pem"), "not a certificate\n")
                + "\n");
        Files.writeString(projectNpmrc, "ca=" + caValue(identity) + "\n");
        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);

        // within one file, the later of the two keys wins
        Files.delete(userNpmrc);
        Files.writeString(projectNpmrc, "cafile=" + other + "\nca=" + caValue(identity) + "\n");
        assertThat(only(run(Map.of())).status()).isEqualTo(Status.VERIFIED);
        Files.writeString(projectNpmrc, "ca=" + caValue(identity) + "\ncafile=" + other + "\n");
        assertCertificateRefused(only(run(Map.of())));
    }

    @Test
    void caNullGivesBackTheJvmsAuthoritiesWithNodeExtraCaCerts() throws Exception {
        Path extra = Files.writeString(dir.resolve("extra.pem"), identity.pem());
        Files.writeString(dir.resolve("user.npmrc"), "ca=" + caValue(TlsIdentity.forHost("other.example")) + "\n");
        assertThat(only(run(Map.of("NODE_EXTRA_CA_CERTS", extra.toString()))).status()).isEqualTo(Status.ERROR);

        Files.writeString(dir.resolve("project/.npmrc"), "ca=null\n");

        assertThat(only(run(Map.of("NODE_EXTRA_CA_CERTS", extra.toString()))).status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aCaThatHoldsNoCertificateIsAConfigurationErrorNamingTheSettingNotItsValue() throws Exception {
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "ca=\n");

        // npm would trust no authority at all
        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad TLS configuration: " + npmrc.toAbsolutePath() + ":1: ca: no PEM certificate");

        // \n outside double quotes stays a backslash and an n, so the certificate cannot be read
        String unquoted = identity.pem().replace("\n", "\\n");
        Files.writeString(npmrc, "registry=" + registry.url() + "\nca[]=" + unquoted + "\n");

        assertThatThrownBy(() -> run(Map.of())).isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad TLS configuration: " + npmrc.toAbsolutePath() + ":2: ca[]: cannot be read "
                        + "as PEM certificates")
                .hasMessageContaining("written \\n inside double quotes")
                .hasMessageNotContaining(unquoted.substring(40, 80));
    }

    @Test
    void aCaThatCannotBeReadDoesNotQuoteItsValue() throws Exception {
        // the project's .npmrc (a pull request's) can expand a variable into its ca: what the certificate parser
        // says of the text (an illegal footer, quoted from it) must not put the variable's value in the message
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"),
                "ca=\"-----BEGIN CERTIFICATE-----\\nAAAA-${NPM_TOKEN}\\n-----END CERTIFICATE-----\"\n");

        assertThatThrownBy(() -> run(Map.of("NPM_TOKEN", "npm_s3cretValue")))
                .isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad TLS configuration: " + npmrc.toAbsolutePath() + ":1: ca: cannot be read "
                        + "as PEM certificates")
                .hasMessageNotContaining("s3cret");
    }
}
