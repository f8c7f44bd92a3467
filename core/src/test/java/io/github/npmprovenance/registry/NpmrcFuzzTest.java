package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's {@code .npmrc} is the pull request's: whatever it holds, the run's registries, proxies and
 * certificate authorities are read from it, or it is refused with an {@link NpmrcException} (exit code 2), never
 * another exception; and no message repeats a credential it holds. In a normal build the test runs its stored inputs
 * ({@code NpmrcFuzzTestInputs/}); see README, Tests.
 */
class NpmrcFuzzTest {
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?m)^[^=\\n]*:(?:_authToken|_auth|_password|username)\\s*=\\s*([A-Za-z0-9_-]{12,})\\s*$");
    private static final Path DIRECTORY;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("npmrc-fuzz");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyProjectNpmrcConfiguresTheRunOrIsRefusedWithoutQuotingACredential(FuzzedDataProvider data)
            throws IOException {
        String text = data.consumeRemainingAsString();
        Path project = Files.write(DIRECTORY.resolve(".npmrc"), text.getBytes(StandardCharsets.UTF_8));
        Path home = DIRECTORY.resolve("home");
        NpmrcReader reader = new NpmrcReader(Map.<String, String>of()::get, DIRECTORY);
        NpmrcReader.FileSettings files = reader.files(project, home.resolve(".npmrc"));
        reader.globalNpmrc(files, home, DIRECTORY);
        try {
            RegistryConfig config = reader.read(Optional.empty(), files, Set.of("@corp", "@other"));
            List<Registry> registries = new ArrayList<>(config.scopes().values());
            registries.add(config.defaultRegistry());
            registries.forEach(registry -> assertThat(registry.baseUri().getUserInfo()).isNull());
            reader.proxyRoutes(files, registries, home);
            reader.trust(files, home);
        } catch (NpmrcException e) {
            Matcher credential = CREDENTIAL.matcher(text);
            while (credential.find()) {
                assertThat(e.getMessage()).doesNotContain(credential.group(1));
            }
        }
    }
}
