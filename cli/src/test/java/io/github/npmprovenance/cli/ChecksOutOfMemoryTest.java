package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.verify.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that need more memory than the heap has cost only their package, even when they run on the fetcher that
 * queued them (the checkers' queue being full), not on a checker.
 */
class ChecksOutOfMemoryTest {
    /** With one processor there is one checker and room for 32 more groups' checks in its queue. */
    private static final int FILLERS = 1 + 32;

    @Test
    void checksTooLargeForTheHeapOnTheFetcherAreThatPackagesErrorAndTheRunCompletes(@TempDir Path dir)
            throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile();
            registry.putFillers(FILLERS, lockfile);
            lockfile.add("tuf-js", "1.0.0").add("sigstore", "1.0.0").add("nuxt", "4.1.2");
            // 24 MB of strings in the Rekor entry of tuf-js's provenance bundle: read in a 64 MB heap, but the
            // entry is serialized (twice its size in chars) and parsed again to be checked, which does not fit
            ObjectNode entry = (ObjectNode) registry.attestations("tuf-js", "1.0.0").path("attestations").get(0)
                    .path("bundle").path("verificationMaterial").path("tlogEntries").get(0);
            ArrayNode padding = entry.putArray("padding");
            String chunk = "A".repeat(64 * 1024);
            for (int i = 0; i < 384; i++) {
                padding.add(chunk);
            }
            // Until the keys come, every check waits for them: the checker on the first filler, the queue filled
            // by the others, so the fetcher of tuf-js runs tuf-js's checks itself and waits there too.
            CountDownLatch keys = registry.hold(FixtureRegistry.KEYS_PATH);
            // sigstore, fetched when the keys have come, is checked only after tuf-js, so that nothing but the
            // fillers' checks runs beside tuf-js's
            CountDownLatch sigstore = registry.hold("sigstore");
            lockfile.writeTo(dir);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:ActiveProcessorCount=1",
                    "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "verify", dir.toString(), "--registry", registry.url().toString(), "--no-cache",
                    "--userconfig", dir.resolve("no-npmrc").toString(), "--concurrency", "2", "--json"))
                    .redirectOutput(dir.resolve("out.json").toFile()).redirectError(dir.resolve("err.txt").toFile())
                    .start();
            process.getOutputStream().close();

            // --concurrency 2: one fetcher waits for the keys, the other fetches the packages in lockfile order
            waitUntil(process, () -> registry.requestCount("-/npm/v1/attestations/tuf-js@1.0.0") > 0);
            // time to read that answer and hand the checks over; a fetcher that could queue them would then ask
            // for sigstore at once
            Thread.sleep(2000);
            boolean fetcherRunsTheChecks = registry.requestCount("sigstore") == 0;
            keys.countDown();
            // the fetcher moves on to nuxt once tuf-js's checks are over
            waitUntil(process, () -> registry.requestCount("nuxt") > 0);
            sigstore.countDown();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // asked for nothing more while the keys were held: it was that fetcher, not a checker, that ran them
            assertThat(fetcherRunsTheChecks).isTrue();
            String err = Files.readString(dir.resolve("err.txt"));
            assertThat(err).doesNotContain("unexpectedly").doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
            assertThat(process.exitValue()).isEqualTo(ExitCodes.FAILED);
            Map<String, PackageReport> packages = JsonReportWriter.read(Files.readAllBytes(dir.resolve("out.json")))
                    .packages().stream().collect(Collectors.toMap(PackageReport::id, Function.identity()));
            PackageReport tuf = packages.get("tuf-js@1.0.0");
            assertThat(tuf.status()).isEqualTo(Status.ERROR);
            assertThat(tuf.code()).isEqualTo("OUT_OF_MEMORY");
            assertThat(tuf.reason()).startsWith("checking tuf-js@1.0.0 did not fit in memory (maximum heap ");
            assertThat(packages.get("sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
            assertThat(packages.get("nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
            assertThat(packages.values()).filteredOn(p -> p.name().startsWith("filler-")).hasSize(FILLERS)
                    .allSatisfy(p -> assertThat(p.status()).isEqualTo(Status.UNSIGNED));
        }
    }

    private static void waitUntil(Process process, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
