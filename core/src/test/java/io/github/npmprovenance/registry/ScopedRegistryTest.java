package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedRegistryTest {
    private static final String TOKEN = "npm_SECRETtoken0123456789";

    @Test
    void scopedRegistryWithAPathGetsTheTokenAndNoOtherRegistryDoes(@TempDir Path dir) throws Exception {
        try (FixtureRegistry publicRegistry = FixtureRegistry.start();
                FixtureRegistry corporate = FixtureRegistry.start("/artifactory/api/npm/npm/")) {
            Path npmrc = Files.writeString(dir.resolve(".npmrc"), String.join("\n",
                    "registry=" + publicRegistry.url(),
                    "@playwright:registry=" + corporate.url().toString().replaceAll("/$", ""),
                    "//" + corporate.url().getAuthority() + corporate.url().getPath() + ":_authToken=${CORP_NPM_TOKEN}"));
            RegistryConfig config = new NpmrcReader(Map.of("CORP_NPM_TOKEN", TOKEN)::get)
                    .read(Optional.empty(), npmrc, dir.resolve("no-user-npmrc"));
            TestLockfile lockfile = new TestLockfile().add("@playwright/cli", "0.1.1").add("sigstore", "1.0.0");

            List<PackageResult> results = Verification.verify(lockfile, config, Verification.http());

            // @playwright/cli's recorded document has no signatures, but the registry signs: UNSIGNED
            assertThat(result(results, "@playwright/cli@0.1.1").status()).isEqualTo(Status.UNSIGNED);
            assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
            assertThat(corporate.requests()).extracting(FixtureRegistry.Request::path)
                    .contains("/artifactory/api/npm/npm/@playwright%2fcli", "/artifactory/api/npm/npm/-/npm/v1/keys",
                            "/artifactory/api/npm/npm/-/npm/v1/attestations/@playwright%2fcli@0.1.1");
            assertThat(corporate.requests()).allSatisfy(r -> assertThat(r.authorization()).contains("Bearer " + TOKEN));
            assertThat(publicRegistry.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.authorization()).isEmpty());
            assertThat(publicRegistry.requests()).noneMatch(r -> r.path().contains("playwright"));

            Report report = Report.of("package-lock.json", config.defaultRegistry().baseUri().toString(), results,
                    FailOn.DEFAULT);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new JsonReportWriter().write(report, json);
            assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
            assertThat(new MarkdownReportWriter().render(report)).doesNotContain(TOKEN);
            assertThat(config.toString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void basicCredentialsGoToTheirRegistryAsNpmSendsThem(@TempDir Path dir) throws Exception {
        // Artifactory and Nexus are often set up with _auth, or username and a base64 _password: npm sends both as
        // Authorization: Basic
        try (FixtureRegistry auth = FixtureRegistry.start("/auth/");
                FixtureRegistry password = FixtureRegistry.start("/password/")) {
            String authHost = "//" + auth.url().getAuthority();
            String passwordHost = "//" + password.url().getAuthority();
            Path npmrc = Files.writeString(dir.resolve(".npmrc"), String.join("\n",
                    "registry=" + password.url(),
                    "@playwright:registry=" + auth.url(),
                    authHost + "/auth/:_auth=${CORP_AUTH}",
                    passwordHost + "/password/:username=ci",
                    // base64 of "päss", without its padding, as Node's decoder accepts it
                    passwordHost + "/password/:_password=cMOkc3M"));
            String basicAuth = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
            RegistryConfig config = new NpmrcReader(Map.of("CORP_AUTH", basicAuth)::get)
                    .read(Optional.empty(), npmrc, dir.resolve("no-user-npmrc"));
            TestLockfile lockfile = new TestLockfile().add("@playwright/cli", "0.1.1").add("sigstore", "1.0.0");

            Verification.verify(lockfile, config, Verification.http());

            assertThat(auth.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.authorization()).contains("Basic " + basicAuth));
            assertThat(password.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization())
                    .contains("Basic " + Base64.getEncoder()
                            .encodeToString("ci:p\u00e4ss".getBytes(StandardCharsets.UTF_8))));
            assertThat(config.toString()).doesNotContain(basicAuth).doesNotContain("cMOkc3M");
        }
    }
}
