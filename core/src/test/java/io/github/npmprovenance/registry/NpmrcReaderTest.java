package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.testing.TlsIdentity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmrcReaderTest {
    @TempDir
    Path dir;

    @Test
    void relativeFilesAreTakenFromTheWorkingDirectoryGivenAsNpmTakesThemFromWhereItRuns() throws Exception {
        // npm ci runs in the project: its cafile (a path setting) and certfile and keyfile (read as written) are
        // the project's certs/, whatever the JVM's working directory (a Jenkins agent's root)
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("certs"));
        TlsIdentity authority = TlsIdentity.authority("corporate authority");
        Files.writeString(project.resolve("certs/ca.pem"), authority.pem());
        Path npmrc = Files.writeString(project.resolve(".npmrc"), String.join("\n",
                "cafile=certs/ca.pem",
                "@corp:registry=https://npm.corp.example/",
                "//npm.corp.example/:certfile=certs/client.pem",
                "//npm.corp.example/:keyfile=certs/client.key", ""));
        NpmrcReader reader = new NpmrcReader(Map.<String, String>of()::get, project);
        NpmrcReader.FileSettings files = reader.files(npmrc, dir.resolve("none"));

        assertThat(reader.trust(files, dir.resolve("home")).orElseThrow().getAcceptedIssuers())
                .containsExactly(authority.certificate());
        assertThat(reader.read(Optional.empty(), files).registryFor("@corp/x").clientCertificate())
                .contains(new ClientCertificate("//npm.corp.example/", "certs/client.pem", "certs/client.key",
                        project));
    }

    @Test
    void defaultsToThePublicRegistry() throws Exception {
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), dir.resolve("none"), dir.resolve("none-either"));
        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://registry.npmjs.org/"));
        assertThat(config.defaultRegistry().token()).isEmpty();
    }

    @Test
    void scopedRegistryWithPathGetsItsTokenFromTheEnvironment() throws Exception {
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "; comment",
                "@corp:registry=https://npm.corp.example/artifactory/api/npm/npm",
                "//npm.corp.example/artifactory/api/npm/npm/:_authToken=${CORP_TOKEN}",
                "//registry.npmjs.org/:_authToken=public-token"));
        RegistryConfig config = new NpmrcReader(Map.of("CORP_TOKEN", "s3cret")::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        Registry corp = config.registryFor("@corp/widget");
        assertThat(corp.baseUri()).isEqualTo(URI.create("https://npm.corp.example/artifactory/api/npm/npm/"));
        assertThat(corp.token()).contains("s3cret");
        assertThat(corp.toString()).doesNotContain("s3cret");
        assertThat(config.registryFor("@other/widget").token()).contains("public-token");
        assertThat(config.registryFor("lodash")).isEqualTo(config.defaultRegistry());
    }

    @Test
    void npmConfigVariablesSetScopeRegistriesAndCredentialsAboveTheFiles() throws Exception {
        Path user = Files.writeString(dir.resolve("user.npmrc"), String.join("\n",
                "@corp:registry=https://user.example/",
                "//npm.corp.example/a/:_authToken=fake-file-token"));
        NpmrcReader reader = new NpmrcReader(Map.of(
                "NPM_CONFIG_@MY_ORG:REGISTRY", "https://npm.corp.example/a/",
                "npm_config_@corp:registry", "https://npm.corp.example/a",
                "npm_config_//npm.corp.example/a/:_authToken", "fake-env-token",
                "NPM_CONFIG_//npm.corp.example/:_auth", "ZmFrZTpmYWtl")::get);

        RegistryConfig config = reader.read(Optional.empty(), reader.files(dir.resolve("none"), user),
                java.util.List.of("@my-org", "@other"));

        assertThat(config.registryFor("@corp/x").baseUri()).isEqualTo(URI.create("https://npm.corp.example/a/"));
        assertThat(config.registryFor("@corp/x").token()).contains("fake-env-token");
        assertThat(config.registryFor("@my-org/x").baseUri()).isEqualTo(URI.create("https://npm.corp.example/a/"));
        assertThat(config.registryFor("@other/x")).isEqualTo(config.defaultRegistry());
        // a credential of the environment is still sent only where its key says
        assertThat(config.defaultRegistry().token()).isEmpty();
        assertThat(config.defaultRegistry().basicAuth()).isEmpty();
    }

    @Test
    void theScopeNpmIsSetToWorkForPicksTheRegistryOfEveryPackageWithoutOneOfItsOwn() throws Exception {
        // npm-registry-fetch's pickRegistry: the package's own scope's registry, else the scope setting's, else
        // the default (npm ci asks npm.corp.example for lodash here, and never the public registry)
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "scope=corp",
                "@corp:registry=https://npm.corp.example/",
                "@mine:registry=https://mine.example/", ""));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.of("https://cli.example/"), project, dir.resolve("none"));

        assertThat(config.registryFor("lodash").baseUri()).isEqualTo(URI.create("https://npm.corp.example/"));
        assertThat(config.registryFor("@other/x").baseUri()).isEqualTo(URI.create("https://npm.corp.example/"));
        assertThat(config.registryFor("@mine/x").baseUri()).isEqualTo(URI.create("https://mine.example/"));
        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://npm.corp.example/"));
    }

    @Test
    void aScopeSettingWithoutARegistryForThatScopeLeavesTheDefault() throws Exception {
        Path project = Files.writeString(dir.resolve("project.npmrc"), "scope=@corp\nregistry=https://project.example/\n");

        assertThat(new NpmrcReader(Map.<String, String>of()::get).read(Optional.empty(), project, dir.resolve("x"))
                .registryFor("lodash").baseUri().getHost()).isEqualTo("project.example");
        // the registry of the scope may come from the environment, and so may the scope (@other, without one)
        assertThat(new NpmrcReader(Map.of("npm_config_@corp:registry", "https://env.example/")::get)
                .read(Optional.empty(), project, dir.resolve("x")).registryFor("lodash").baseUri().getHost())
                .isEqualTo("env.example");
        assertThat(new NpmrcReader(Map.of("npm_config_scope", "other", "npm_config_@corp:registry",
                "https://env.example/")::get).read(Optional.empty(), project, dir.resolve("x"))
                .registryFor("lodash").baseUri().getHost()).isEqualTo("project.example");
    }

    @Test
    void precedenceIsCommandLineThenEnvironmentThenProjectThenUser() throws Exception {
        Path user = Files.writeString(dir.resolve("user.npmrc"), "registry=https://user.example/\n");
        Path project = Files.writeString(dir.resolve("project.npmrc"), "registry=https://project.example/\n");

        assertThat(new NpmrcReader(Map.<String, String>of()::get).read(Optional.empty(), project, user)
                .defaultRegistry().baseUri().getHost()).isEqualTo("project.example");
        assertThat(new NpmrcReader(Map.<String, String>of()::get).read(Optional.empty(), dir.resolve("x"), user)
                .defaultRegistry().baseUri().getHost()).isEqualTo("user.example");
        assertThat(new NpmrcReader(Map.of("NPM_CONFIG_REGISTRY", "https://env.example")::get)
                .read(Optional.empty(), project, user).defaultRegistry().baseUri().getHost()).isEqualTo("env.example");
        assertThat(new NpmrcReader(Map.of("NPM_CONFIG_REGISTRY", "https://env.example")::get)
                .read(Optional.of("https://cli.example/"), project, user).defaultRegistry().baseUri().getHost())
                .isEqualTo("cli.example");
    }

    @Test
    void aProxyForAnHttpRegistryWithCredentialsMayComeFromTheUsersNpmrcEvenWhenTheProjectIsInTheHomeDirectory()
            throws Exception {
        // npm reads a project .npmrc that is the user's own once, as the user's
        Path home = Files.createDirectories(dir.resolve("home"));
        Path npmrc = Files.writeString(home.resolve(".npmrc"), String.join("\n",
                "proxy=http://proxy.example:3128", "registry=http://nexus.example/", "//nexus.example/:_auth=dTpw"));
        NpmrcReader reader = new NpmrcReader(Map.<String, String>of()::get);
        RegistryConfig config = reader.read(Optional.empty(), home.resolve("./.npmrc"), npmrc);

        ProxyRoutes routes = reader.proxyRoutes(home.resolve("./.npmrc"), npmrc, java.util.List.of(
                config.defaultRegistry()));

        assertThat(routes.proxyFor(URI.create("http://nexus.example/x"))).hasValueSatisfying(
                p -> assertThat(p.host()).isEqualTo("proxy.example"));
        assertThatThrownBy(() -> reader.proxyRoutes(npmrc, dir.resolve("none"), java.util.List.of(
                config.defaultRegistry()))).isInstanceOf(NpmrcException.class);
    }

    @Test
    void aRegistryFromTheEnvironmentHasItsVariablesExpandedAsNpmExpandsThem() throws Exception {
        // env: NPM_CONFIG_REGISTRY: https://${ARTIFACTORY_HOST}/api/npm/npm/, with no shell to expand it
        RegistryConfig config = new NpmrcReader(Map.of(
                "NPM_CONFIG_REGISTRY", "https://${ARTIFACTORY_HOST}/api/npm/npm/ ",
                "ARTIFACTORY_HOST", "artifactory.corp.example")::get)
                .read(Optional.empty(), dir.resolve("none"), dir.resolve("none-either"));

        assertThat(config.defaultRegistry().baseUri())
                .isEqualTo(URI.create("https://artifactory.corp.example/api/npm/npm/"));
    }

    @Test
    void valuesAreReadAsNpmsIniParserReadsThem() throws Exception {
        // ini ends an unquoted value at an unescaped ; or #, unescapes \; \# \\, and JSON-decodes a quoted one
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "registry=https://npm.corp.example/ ; the mirror",
                "//npm.corp.example/:_authToken=abc\\#def # rotated monthly",
                "@corp:registry=\"https://npm.corp.example/corp\\u002f\"",
                "//npm.corp.example/corp/:_authToken='tok;en'"));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://npm.corp.example/"));
        assertThat(config.defaultRegistry().token()).contains("abc#def");
        assertThat(config.registryFor("@corp/widget").baseUri())
                .isEqualTo(URI.create("https://npm.corp.example/corp/"));
        assertThat(config.registryFor("@corp/widget").token()).contains("tok;en");
    }

    @Test
    void aBackslashBeforeAnEnvironmentReferenceKeepsItLiteral() throws Exception {
        // npm: an odd number of backslashes escapes ${NAME}, half of them (rounded down) remain
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "registry=https://npm.corp.example/${ORG}/",
                "//npm.corp.example/acme/:_authToken=\\${LITERAL}${SUFFIX}"));
        RegistryConfig config = new NpmrcReader(Map.of("ORG", "acme", "LITERAL", "expanded", "SUFFIX", "-1")::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://npm.corp.example/acme/"));
        assertThat(config.defaultRegistry().token()).contains("${LITERAL}-1");
    }

    @Test
    void anOptionalEnvironmentReferenceIsTheVariableOrNothing() throws Exception {
        // npm 10's ${NAME?}: the variable when set, else the empty string (not the reference as written)
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "@corp:registry=https://npm.corp.example/",
                "//npm.corp.example/:_authToken=${CORP_TOKEN?}",
                "//registry.npmjs.org/:_authToken=${NPM_TOKEN?}"));
        RegistryConfig config = new NpmrcReader(Map.of("CORP_TOKEN", "s3cret")::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.registryFor("@corp/widget").token()).contains("s3cret");
        assertThat(config.defaultRegistry().token()).isEmpty();
    }

    @Test
    void aByteOrderMarkBeforeTheFirstKeyIsIgnoredAsNpmIgnoresIt() throws Exception {
        // Windows editors save .npmrc with a BOM; npm's trim() drops it with the rest of the white space
        Path project = Files.writeString(dir.resolve("project.npmrc"),
                "\uFEFFregistry=https://npm.corp.example/\n//npm.corp.example/:_authToken=corp-token\u00A0\n");
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://npm.corp.example/"));
        assertThat(config.defaultRegistry().token()).contains("corp-token");
    }

    @Test
    void aFileWithBytesThatAreNotUtf8IsReadAsNpmReadsIt() throws Exception {
        // a comment saved in Latin-1 ("Configuración"): Node decodes it as U+FFFD and npm reads the rest
        byte[] latin1 = ("# Configuraci\u00f3n del registro\n@corp:registry=https://npm.corp.example/\n"
                + "//npm.corp.example/:_authToken=corp-token\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path project = Files.write(dir.resolve("project.npmrc"), latin1);
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.registryFor("@corp/widget").baseUri()).isEqualTo(URI.create("https://npm.corp.example/"));
        assertThat(config.registryFor("@corp/widget").token()).contains("corp-token");
    }

    @Test
    void keysUnderAnIniSectionAreNotTopLevelSettings() throws Exception {
        // npm reads "[section]" keys as section.key, which is not the registry setting
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "[staging]",
                "registry=https://staging.example/",
                "//registry.npmjs.org/:_authToken=staging-token"));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.defaultRegistry().baseUri()).isEqualTo(Registry.PUBLIC_NPM);
        assertThat(config.defaultRegistry().token()).isEmpty();
    }

    @Test
    void aLineWhoseValueHoldsALineSeparatorIsSkippedAsNpmSkipsIt() throws Exception {
        // ini's value pattern (.*) stops at U+2028 and U+2029: npm never sees these settings, which a diff shows as
        // ordinary lines, so the tool must not use them either
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "registry=https://a.example/",
                "registry=https://b.example/\u2028",
                "//a.example/:_authToken=a-token\u2029x",
                "@corp:registry=https://corp.example/\u2028"));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://a.example/"));
        assertThat(config.defaultRegistry().token()).isEmpty();
        assertThat(config.registryFor("@corp/x").baseUri()).isEqualTo(URI.create("https://a.example/"));
    }

    @Test
    void tokensAreMatchedToTheRegistryAsNpmNerfDartsIt() throws Exception {
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                // npm tries each path both with and without its trailing slash
                "@art:registry=https://npm.corp.example/artifactory/api/npm/npm/",
                "//npm.corp.example/artifactory/api/npm/npm:_authToken=art-token",
                // the URL's host is compared lower-case and without the scheme's default port
                "@up:registry=HTTPS://Upper.Example:443/",
                "//upper.example/:_authToken=upper-token",
                // the longest path with any credentials wins, even when they are not a token
                "@basic:registry=https://npm.corp.example/basic/",
                "//npm.corp.example/basic/:_auth=dXNlcjpwYXNz",
                "//npm.corp.example/:_authToken=host-token",
                // a token for /a must not go to /ab/
                "@ab:registry=https://other.example/ab/",
                "//other.example/a:_authToken=a-token"));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.registryFor("@art/x").token()).contains("art-token");
        assertThat(config.registryFor("@up/x").token()).contains("upper-token");
        assertThat(config.registryFor("@basic/x").token()).isEmpty();
        assertThat(config.registryFor("@basic/x").basicAuth()).contains("dXNlcjpwYXNz");
        assertThat(config.registryFor("@ab/x").token()).isEmpty();
    }

    @Test
    void aPathWithAClientCertificateGetsNoShorterPathsToken() throws Exception {
        // npm-registry-fetch counts certfile with keyfile as credentials too: that path is authenticated by its
        // certificate, and npm sends it no token configured for the host
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "@mtls:registry=https://npm.corp.example/mtls/",
                "//npm.corp.example/mtls/:certfile=/etc/npm/client.crt",
                "//npm.corp.example/mtls/:keyfile=/etc/npm/client.key",
                "@half:registry=https://npm.corp.example/half/",
                "//npm.corp.example/half/:certfile=/etc/npm/client.crt",
                "//npm.corp.example/:_authToken=host-token",
                "@both:registry=https://npm.corp.example/both/",
                "//npm.corp.example/both/:_authToken=both-token",
                "//npm.corp.example/both/:certfile=/etc/npm/both.crt",
                "//npm.corp.example/both/:keyfile=/etc/npm/both.key",
                "@longer:registry=https://mtls.corp.example/team/",
                "//mtls.corp.example/:certfile=/etc/npm/host.crt",
                "//mtls.corp.example/:keyfile=/etc/npm/host.key",
                "//mtls.corp.example/team/:_authToken=team-token",
                "@basic:registry=https://npm.corp.example/basic/",
                "//npm.corp.example/basic/:username=ci",
                "//npm.corp.example/basic/:_password=cGFzcw==",
                "//npm.corp.example/basic/:certfile=/etc/npm/basic.crt",
                "//npm.corp.example/basic/:keyfile=/etc/npm/basic.key",
                "@bare:registry=https://bare.corp.example/",
                // a prefix of no host, which npm looks up for no registry
                "//:certfile=/etc/npm/any.crt",
                "//:keyfile=/etc/npm/any.key"));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.registryFor("@mtls/x").token()).isEmpty();
        assertThat(config.registryFor("@mtls/x").clientCertificate()).contains(new ClientCertificate(
                "//npm.corp.example/mtls/", "/etc/npm/client.crt", "/etc/npm/client.key", Path.of("")));
        // a certificate without its key is no credential: the walk goes on up to the host, whose token has none
        assertThat(config.registryFor("@half/x").token()).contains("host-token");
        assertThat(config.registryFor("@half/x").clientCertificate()).isEmpty();
        // both at one prefix: npm sends the token and presents the certificate
        assertThat(config.registryFor("@both/x").token()).contains("both-token");
        assertThat(config.registryFor("@both/x").clientCertificate()).contains(new ClientCertificate(
                "//npm.corp.example/both/", "/etc/npm/both.crt", "/etc/npm/both.key", Path.of("")));
        // the longest prefix with credentials decides, and npm takes them all from it: not the host's certificate
        assertThat(config.registryFor("@longer/x").token()).contains("team-token");
        assertThat(config.registryFor("@longer/x").clientCertificate()).isEmpty();
        // a user and password beside it: npm sends them as Basic and presents the certificate
        assertThat(config.registryFor("@basic/x").basicAuth()).contains("Y2k6cGFzcw==");
        assertThat(config.registryFor("@basic/x").clientCertificate()).contains(new ClientCertificate(
                "//npm.corp.example/basic/", "/etc/npm/basic.crt", "/etc/npm/basic.key", Path.of("")));
        // the public registry, configured for none of them, is given no certificate, nor is any by //:certfile
        assertThat(config.defaultRegistry().clientCertificate()).isEmpty();
        assertThat(config.registryFor("@bare/x").clientCertificate()).isEmpty();
        assertThat(config.registryFor("@mtls/x").toString()).doesNotContain("/etc/npm");
        // printed, the certificate is its settings: a keyfile's path may have been filled from a ${VAR}
        assertThat(config.registryFor("@mtls/x").clientCertificate().orElseThrow().toString())
                .isEqualTo("//npm.corp.example/mtls/:certfile and //npm.corp.example/mtls/:keyfile");
    }

    @Test
    void dotSegmentsInARegistryPathAreResolvedBeforeItsTokenIsChosen() throws Exception {
        // requests for /private/../public/ go to /public/: the token for /private/ must not go with them
        Path project = Files.writeString(dir.resolve("project.npmrc"), String.join("\n",
                "@pub:registry=https://corp.example/private/../public/",
                "@enc:registry=https://corp.example/private/%2E%2e/public/",
                "//corp.example/private/:_authToken=private-token"));
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.registryFor("@pub/x").baseUri()).isEqualTo(URI.create("https://corp.example/public/"));
        assertThat(config.registryFor("@pub/x").token()).isEmpty();
        assertThat(config.registryFor("@enc/x").baseUri()).isEqualTo(URI.create("https://corp.example/public/"));
        assertThat(config.registryFor("@enc/x").token()).isEmpty();
    }

    @Test
    void thePublicRegistryIsRecognisedHoweverItsSchemeHostAndPortAreWritten() throws Exception {
        // as a WHATWG URL (npm's) has it: scheme and host in lower case, no default port; the embedded keys of
        // the public registry are pinned to its base URL
        Path project = Files.writeString(dir.resolve("project.npmrc"), "registry=HTTPS://Registry.NPMJS.org:443\n");
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        assertThat(config.defaultRegistry().baseUri()).isEqualTo(Registry.PUBLIC_NPM);
        assertThat(config.defaultRegistry().hostUri()).isEqualTo(Registry.PUBLIC_NPM);
    }

    @Test
    void thePublicRegistryByItsFullyQualifiedNameIsRecognisedWhileItsTokensStayAsNpmKeysThem() throws Exception {
        // registry.npmjs.org. is the same host, so the same known registry; npm still looks its credentials up
        // under the name as written, and //registry.npmjs.org./ is another setting than //registry.npmjs.org/
        Path project = Files.writeString(dir.resolve("project.npmrc"), "registry=https://Registry.NPMJS.org./\n"
                + "@dotless:registry=https://registry.npmjs.org/\n"
                + "//registry.npmjs.org/:_authToken=dotless-token\n"
                + "//registry.npmjs.org./:_authToken=dotted-token\n");
        RegistryConfig config = new NpmrcReader(Map.<String, String>of()::get)
                .read(Optional.empty(), project, dir.resolve("none"));

        // requests go to the name as written
        assertThat(config.defaultRegistry().baseUri()).isEqualTo(URI.create("https://registry.npmjs.org./"));
        assertThat(config.defaultRegistry().hostUri()).isEqualTo(Registry.PUBLIC_NPM);
        assertThat(config.defaultRegistry().hostUri()).isEqualTo(Registry.PUBLIC_NPM);
        assertThat(config.defaultRegistry().token()).contains("dotted-token");
        assertThat(config.registryFor("@dotless/x").token()).contains("dotless-token");
        assertThat(NpmrcReader.tokenFor(URI.create("https://registry.npmjs.org./"),
                Map.of("//registry.npmjs.org/:_authToken", "dotless-token"))).isEmpty();
        assertThat(NpmrcReader.tokenFor(Registry.PUBLIC_NPM,
                Map.of("//registry.npmjs.org./:_authToken", "dotted-token"))).isEmpty();
        // one dot only: a name of its own is not the public registry
        assertThat(Registry.of("https://registry.npmjs.org.example/").hostUri()).isNotEqualTo(Registry.PUBLIC_NPM);
    }

    @Test
    void aTokenForAnotherHostOrPathIsNeverUsed() {
        Map<String, String> tokens = Map.of("//other.example/:_authToken", "t1",
                "//npm.corp.example/other/path/:_authToken", "t2");
        assertThat(NpmrcReader.tokenFor(URI.create("https://npm.corp.example/npm/"), tokens)).isEmpty();
        assertThat(NpmrcReader.tokenFor(URI.create("https://npm.corp.example/other/path/deeper/"), tokens))
                .contains("t2");
    }

    @Test
    void aBadRegistryIsNamedByFileLineAndKeyWithoutTheExpandedValue() throws Exception {
        String secret = "ghs_SECRETvalue0123456789";
        NpmrcReader reader = new NpmrcReader(Map.of("SOME_SECRET", secret)::get);
        Path syntax = Files.writeString(dir.resolve("syntax.npmrc"), "; first\nregistry=${SOME_SECRET}^\n");
        Path scheme = Files.writeString(dir.resolve("scheme.npmrc"), "@corp:registry=ftp://${SOME_SECRET}/\n");

        assertThatThrownBy(() -> reader.read(Optional.empty(), syntax, dir.resolve("none")))
                .isInstanceOf(NpmrcException.class)
                .hasMessage(syntax + ":2: registry: not a valid URL (Illegal character in path)");
        assertThatThrownBy(() -> reader.read(Optional.empty(), dir.resolve("none"), scheme))
                .isInstanceOf(NpmrcException.class)
                .hasMessage(scheme + ":1: @corp:registry: a registry must be an http(s) URL with a host");
    }

    @Test
    void aBadRegistryFromTheEnvironmentIsNamedByTheVariableOnly() {
        String secret = "npm_SECRETvalue0123456789";
        NpmrcReader reader = new NpmrcReader(Map.of("NPM_CONFIG_REGISTRY", secret + " x")::get);

        assertThatThrownBy(() -> reader.read(Optional.empty(), dir.resolve("none"), dir.resolve("none-either")))
                .isInstanceOf(NpmrcException.class)
                .hasMessageStartingWith("NPM_CONFIG_REGISTRY: not a valid URL")
                .hasMessageNotContaining(secret);
    }
}
