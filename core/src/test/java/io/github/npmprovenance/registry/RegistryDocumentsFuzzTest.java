package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a registry (or anyone on the way to it) answers is hostile: whatever a packument, a keys document or a
 * {@code Retry-After} holds, it is read, or refused with a {@link RegistryException} that becomes this package's
 * ERROR with its cause, never another exception, which would be an "unexpected failure" naming no cause. In a
 * normal build each test runs its stored inputs ({@code RegistryDocumentsFuzzTestInputs/}); see README, Tests.
 */
class RegistryDocumentsFuzzTest {
    private static final String NAME = "@scope/pkg";
    private static final Set<String> WANTED = Set.of("1.0.0", "2.0.0-rc.1");

    @FuzzTest(maxDuration = "10m")
    void anyPackumentIsReadOrRefusedWithItsCause(byte[] body) {
        Map<String, VersionMetadata> versions;
        try {
            versions = PackumentReader.read(new ByteArrayInputStream(body), NAME, WANTED);
        } catch (RegistryException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be read", e);
        }
        assertThat(WANTED).containsAll(versions.keySet());
        versions.forEach((version, metadata) -> {
            assertThat(metadata.version()).isEqualTo(version);
            assertThat(metadata.name()).isEqualTo(NAME);
        });
    }

    @FuzzTest(maxDuration = "10m")
    void anyKeysDocumentIsReadOrRefusedWithItsCause(byte[] body) {
        try {
            RegistryKeys keys = RegistryKeys.parse(body);
            keys.keys().forEach(key -> assertThat(key.keyId()).isNotNull());
        } catch (RegistryException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** A wait is never negative, whatever the header says and whenever it is read. */
    @FuzzTest(maxDuration = "5m")
    void anyRetryAfterIsAWaitOrNone(FuzzedDataProvider data) {
        Instant now = Instant.ofEpochSecond(data.consumeLong(0, 253_402_300_799L));
        Optional<Duration> wait = RetryAfter.parse(data.consumeRemainingAsString(), now);
        wait.ifPresent(duration -> assertThat(duration.isNegative()).as("wait %s", duration).isFalse());
    }
}
