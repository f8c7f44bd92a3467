package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A lockfile comes from the pull request: whatever it holds, it is read, or refused with a {@link LockfileException}
 * that names it (exit code 2), never with another exception, which would end the run without saying which file is
 * at fault. In a normal build each test runs its stored inputs ({@code LockfileFuzzTestInputs/}); see README, Tests
 * for fuzzing.
 */
class LockfileFuzzTest {
    private static final String PATH = "web/package-lock.json";

    @FuzzTest(maxDuration = "10m")
    void anyBytesAreReadOrRefusedNamingTheLockfile(byte[] bytes) {
        read(bytes).ifPresent(LockfileFuzzTest::everyEntryIsUsable);
    }

    /** Changed mode compares the pull request's lockfile with the base's, both written by whoever opened it. */
    @FuzzTest(maxDuration = "10m")
    void anyTwoLockfilesCompare(FuzzedDataProvider data) {
        Optional<Lockfile> base = read(data.consumeBytes(data.consumeInt(0, 1 << 16)));
        Optional<Lockfile> head = read(data.consumeRemainingAsBytes());
        if (base.isPresent() && head.isPresent()) {
            Lockfile changed = LockfileDiff.changedSince(head.get(), base.get());
            assertThat(head.get().packages()).containsAll(changed.packages());
        }
    }

    private static Optional<Lockfile> read(byte[] bytes) {
        try {
            return Optional.of(new LockfileReader().read(PATH, new ByteArrayInputStream(bytes)));
        } catch (LockfileException e) {
            assertThat(e.getMessage()).startsWith(PATH);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be read", e);
        }
    }

    private static void everyEntryIsUsable(Lockfile lockfile) {
        for (LockedPackage pkg : lockfile.packages()) {
            assertThat(pkg.locations()).isNotEmpty().allSatisfy(location -> assertThat(location.line()).isPositive());
            pkg.integrity().ifPresent(integrity -> integrity.strongestAlgorithm());
            if (!pkg.source().fromRegistry()) {
                assertThat(pkg.source().skipReason()).isNotBlank();
            }
        }
    }
}
