package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static io.github.npmprovenance.testing.Verification.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.FixtureRegistry.Fault;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A registry that misbehaves for one package makes that package ERROR, names the cause, and spares the rest. */
class RegistryFaultTest {
    private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-27T23:00:00Z");
    private final FixtureRegistry registry = FixtureRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private static TestLockfile lockfile() {
        return new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").add("nuxt", "4.1.2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SERVER_ERROR,       REGISTRY_HTTP_ERROR,          HTTP 500 (server error) (after 3 attempts)",
        "REQUEST_TIMEOUT,    REGISTRY_HTTP_ERROR,          HTTP 408 (request timeout) (after 3 attempts)",
        // only the keys' 400 means "none" (Nexus); a package's is the registry refusing the request, not its absence
        "BAD_REQUEST,        REGISTRY_HTTP_ERROR,          the registry answered HTTP 400",
        "RATE_LIMITED,       REGISTRY_RATE_LIMITED,        HTTP 429",
        "HANG,               REGISTRY_TIMEOUT,             no answer within 1500 ms",
        "STALLED_BODY,       REGISTRY_TIMEOUT,             'the registry answered, but its body did not all arrive within 1500 ms'",
        "TRUNCATED_JSON,     REGISTRY_MALFORMED_RESPONSE,  malformed registry document for tuf-js",
        "WRONG_CONTENT_TYPE, REGISTRY_WRONG_CONTENT_TYPE,  text/html",
        "CONNECTION_DROPPED, REGISTRY_CONNECTION,          connection failed",
        "REDIRECT_ELSEWHERE, REGISTRY_REDIRECT_REFUSED,    not followed",
        "NOT_MODIFIED,       REGISTRY_HTTP_ERROR,          HTTP 304 (not modified) to a request that was not conditional"
    })
    void persistentFaultIsAnErrorForThatPackageOnly(Fault fault, String code, String cause) {
        assertThat(tufUnder(fault, code).reason()).contains("tuf-js").contains(cause);
    }

    /** tuf-js under a fault that does not pass: an ERROR of that code, and the other packages verified. */
    private PackageResult tufUnder(Fault fault, String code) {
        registry.fault("tuf-js", fault, 100);

        List<PackageResult> results = verify(lockfile(), registry);

        PackageResult tuf = result(results, "tuf-js@1.0.0");
        assertThat(tuf.status()).isEqualTo(Status.ERROR);
        assertThat(tuf.decisiveCheck().orElseThrow().code()).isEqualTo(code);
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
        return tuf;
    }

    /** A short timeout and one retry: a request takes 0.6 s in full, and four go at a time. */
    private static HttpRegistrySource shortTimeouts() {
        return new HttpRegistrySource(new HttpOptions(java.time.Duration.ofMillis(300), 1,
                java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(5)), "npm-provenance-test");
    }

    /** A lockfile of {@code count} packages whose documents the registry never sends. */
    private TestLockfile hanging(String prefix, int count) {
        TestLockfile lockfile = new TestLockfile();
        for (int i = 0; i < count; i++) {
            lockfile.add(prefix + i, "1.0.0", "sha512-" + "A".repeat(86) + "==");
            registry.fault(prefix + i, Fault.HANG, 100);
        }
        return lockfile;
    }

    @Test
    void aRegistryThatStopsAnsweringIsGivenUpOnRatherThanWaitedForPackageByPackage() {
        HttpRegistrySource source = shortTimeouts();
        TestLockfile lockfile = hanging("down-", 40);
        registry.fault(HttpRegistrySource.KEYS_PATH, Fault.HANG, 100);

        List<PackageResult> results = verify(lockfile, RegistryConfig.of(new Registry(registry.url(),
                java.util.Optional.empty())), source);

        // every package is an ERROR that says why, but only the first eight requests (and those under way with them)
        // waited through their attempts: asked one by one, 40 packages take 6 s
        assertThat(results).hasSize(40).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_TIMEOUT");
        });
        long asked = java.util.stream.IntStream.range(0, 40).filter(i -> registry.requestCount("down-" + i) > 0).count();
        assertThat(asked).isBetween(8L, 16L);
        assertThat(results).filteredOn(r -> r.reason().matches(".*not asked, as the last \\d+ requests to this registry "
                + "failed every attempt, and so did asking it for its keys \\(the last: .*")).hasSize(40 - (int) asked);
    }

    @Test
    void packagesThatHangNextToEachOtherAreNotTakenForARegistryThatIsDown() {
        // more rounds of hanging packages than it takes to count an outage, then packages the registry serves: asked
        // for its keys, the registry answers, so it is not given up on
        HttpRegistrySource source = shortTimeouts();
        TestLockfile lockfile = hanging("hangs-", 24);
        lockfile.add("sigstore", "1.0.0").add("tuf-js", "1.0.0").add("nuxt", "4.1.2");

        List<PackageResult> results = verify(lockfile, RegistryConfig.of(new Registry(registry.url(),
                java.util.Optional.empty())), source);

        assertThat(results).filteredOn(r -> r.pkg().name().startsWith("hangs-")).hasSize(24)
                .allSatisfy(r -> assertThat(r.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_TIMEOUT"));
        assertThat(results).extracting(PackageResult::reason).noneMatch(reason -> reason.contains("not asked"));
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(results, "nuxt@4.1.2").status()).isEqualTo(Status.VERIFIED);
        // the keys were asked for again, to tell
        assertThat(registry.requestCount(HttpRegistrySource.KEYS_PATH)).isGreaterThan(1);
    }

    @Test
    void requestsSentTogetherThatTimeOutTogetherAreOneFailureNotAnOutage() throws Exception {
        // as many packages that hang as there are fetchers, next to each other in the lockfile: sent at once, they
        // time out at once, each having waited the timeout times the attempts; the registry answers everything else
        HttpRegistrySource source = shortTimeouts();
        Registry fixture = new Registry(registry.url(), java.util.Optional.empty());
        int together = HttpFetcher.REQUESTS_BEFORE_GIVING_UP + 2;
        java.util.concurrent.ExecutorService fetchers = java.util.concurrent.Executors.newFixedThreadPool(together);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(together);
            List<java.util.concurrent.Future<RegistryException.Kind>> hung = new java.util.ArrayList<>();
            for (int i = 0; i < together; i++) {
                String name = "hangs-" + i;
                registry.fault(name, Fault.HANG, 100);
                hung.add(fetchers.submit(() -> {
                    start.await();
                    try {
                        source.versions(fixture, name, java.util.Set.of("1.0.0"));
                        return null;
                    } catch (RegistryException e) {
                        return e.kind();
                    }
                }));
            }
            for (java.util.concurrent.Future<RegistryException.Kind> fetch : hung) {
                assertThat(fetch.get()).isEqualTo(RegistryException.Kind.TIMEOUT);
            }
        } finally {
            fetchers.shutdownNow();
        }

        // the next package is asked, and found
        assertThat(source.versions(fixture, "sigstore", java.util.Set.of("1.0.0"))).containsKey("1.0.0");
        assertThat(registry.requestCount("sigstore")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    // npm (make-fetch-happen) retries 408, 420, 429 and 5xx, and failed connections
    @CsvSource({"SERVER_ERROR", "REQUEST_TIMEOUT", "HANG", "CONNECTION_DROPPED"})
    void transientFaultIsRetried(Fault fault) {
        registry.fault("tuf-js", fault, 1);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat(registry.requestCount("tuf-js")).isEqualTo(2);
    }

    @Test
    void aGzipEncodedDocumentIsReadAsNpmReadsIt() {
        // asked for identity (the registry is on this machine), a registry may still compress: gzip is read
        registry.fault("tuf-js", Fault.GZIPPED, 100);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
    }

    @Test
    void aContentCodingThatWasNotOfferedIsAnErrorNamingIt() {
        assertThat(tufUnder(Fault.BROTLI, "REGISTRY_MALFORMED_RESPONSE").reason()).contains("tuf-js")
                .contains("content encoding \"br\"");
    }

    @Test
    void aBodyThatIsNotTheGzipItsContentEncodingClaimsIsMalformedNotAFailedConnection() {
        assertThat(tufUnder(Fault.NOT_GZIP, "REGISTRY_MALFORMED_RESPONSE").reason()).contains("tuf-js")
                .contains("not valid gzip").doesNotContain("connection failed");
        // the same bytes would come back
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedNotAFailedConnection() {
        // zero bytes first make the JSON parser read UTF-32, in which the document is no text: found by
        // RegistryDocumentsFuzzTest, and retried as a dropped connection
        assertThat(tufUnder(Fault.NOT_UTF8, "REGISTRY_MALFORMED_RESPONSE").reason()).contains("tuf-js")
                .contains("not UTF-8").doesNotContain("connection failed");
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
    }

    /**
     * Under a 429 with this fault's Retry-After, once: every package verified, tuf-js asked again, after waiting at
     * least this long (far longer than the test's 20 ms backoff: the header was waited for, not ignored).
     */
    private void waitedForThenVerified(Fault fault, long atLeastMillis) {
        registry.fault("tuf-js", fault, 1);
        long start = System.nanoTime();

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(atLeastMillis);
        assertThat(registry.requestCount("tuf-js")).isEqualTo(2);
    }

    @Test
    void rateLimitHonoursRetryAfter() {
        // Retry-After: 1
        waitedForThenVerified(Fault.RATE_LIMITED, 1000);
    }

    @Test
    void aRetryAfterAsLongAsTheLongestHonouredIsWaitedFor() {
        // Retry-After: 1 with at most 1 s honoured: waited for, then asked again
        registry.fault("tuf-js", Fault.RATE_LIMITED, 1);
        HttpRegistrySource source = new HttpRegistrySource(new HttpOptions(java.time.Duration.ofMillis(1500), 2,
                java.time.Duration.ofMillis(20), java.time.Duration.ofSeconds(1)), "npm-provenance-test");

        List<PackageResult> results = verify(lockfile(),
                RegistryConfig.of(new Registry(registry.url(), java.util.Optional.empty())), source);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat(registry.requestCount("tuf-js")).isEqualTo(2);
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateWithinTheLongestHonouredIsWaitedFor() {
        // Retry-After: <IMF-fixdate 3 s ahead, to the second>, 2 to 3 s away, within the test's 5 s
        waitedForThenVerified(Fault.RATE_LIMITED_UNTIL_SOON, 1500);
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateBeyondTheLongestHonouredFailsAtOnce() {
        long start = System.nanoTime();

        PackageResult tuf = tufUnder(Fault.RATE_LIMITED_UNTIL_TOMORROW, "REGISTRY_RATE_LIMITED");

        // a day away, to within the seconds the request took
        assertThat(tuf.reason()).contains("tuf-js")
                .containsPattern("HTTP 429 \\(too many requests\\), Retry-After 86[34]\\d\\d s");
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
        // not waited for: a day, where a shared CI machine takes seconds at most
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
    }

    @ParameterizedTest(name = "{0}")
    // RFC 9110 5.6.7: a recipient must accept all three formats of HTTP date, the two obsolete ones included
    @CsvSource({"RATE_LIMITED_UNTIL_TOMORROW_RFC_850", "RATE_LIMITED_UNTIL_TOMORROW_ASCTIME"})
    void aRetryAfterGivenAsAnObsoleteHttpDateIsHonoured(Fault fault) {
        PackageResult tuf = tufUnder(fault, "REGISTRY_RATE_LIMITED");

        // before: taken for no Retry-After at all, tuf-js was asked again after the client's own backoff
        assertThat(tuf.reason()).contains("tuf-js")
                .containsPattern("HTTP 429 \\(too many requests\\), Retry-After 86[34]\\d\\d s");
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
    }

    @Test
    void aRetryAfterThatIsNoHttpDateIsRetriedAfterTheClientsOwnBackoff() {
        // Retry-After: <ISO 8601 a day ahead>, once: neither waited for nor failed at once
        registry.fault("tuf-js", Fault.RATE_LIMITED_UNTIL_TOMORROW_ISO, 1);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat(registry.requestCount("tuf-js")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // as of Fri, 27 Nov 2026 23:00:00 GMT
        "Sat, 28 Nov 2026 00:00:00 GMT     | 3600",
        "Saturday, 28-Nov-26 00:00:00 GMT  | 3600",
        "Sat Nov 28 00:00:00 2026          | 3600",
        "Fri Nov 27 23:00:09 2026          | 9",
        "Tue Dec  1 23:00:00 2026          | 345600",
        // a two-digit year 50 years ahead at most is the one ahead, further ahead the one a century earlier
        "Friday, 27-Nov-76 23:00:00 GMT    | 1577923200",
        "Saturday, 27-Nov-76 23:00:01 GMT  | 0",
        // the past is no wait
        "Sunday, 06-Nov-94 08:49:37 GMT    | 0",
        "Sun Nov  6 08:49:37 1994          | 0"
    })
    void aRetryAfterIsReadInEachFormatOfHttpDate(String value, long seconds) {
        assertThat(RetryAfter.parse(value, NOW)).contains(java.time.Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2026-11-28T00:00:00Z",
        // the weekday is not the date's
        "Friday, 28-Nov-26 00:00:00 GMT",
        "Fri Nov 28 00:00:00 2026",
        // a four-digit year, no zone, a zone other than GMT, an unpadded day
        "Saturday, 28-Nov-2026 00:00:00 GMT",
        "Saturday, 28-Nov-26 00:00:00",
        "Saturday, 28-Nov-26 00:00:00 PST",
        "Sat Nov 28 00:00:00 26",
        "Sun Nov 6 08:49:37 1994"
    })
    void aRetryAfterThatIsNoHttpDateIsNoValue(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }

    @Test
    void aPackageDocumentAnsweredBadRequestIsNotRetried() {
        tufUnder(Fault.BAD_REQUEST, "REGISTRY_HTTP_ERROR");
        // the same request would be refused again
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
    }

    @Test
    void aRetryAfterBeyondTheLongestHonouredFailsAtOnceHoweverManyDigitsItHas() {
        registry.fault("tuf-js", Fault.RATE_LIMITED_FOR_AGES, 100);

        List<PackageResult> results = verify(lockfile(), registry);

        PackageResult tuf = result(results, "tuf-js@1.0.0");
        assertThat(tuf.status()).isEqualTo(Status.ERROR);
        assertThat(tuf.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_RATE_LIMITED");
        assertThat(tuf.reason()).contains("Retry-After");
        // asked to stay away, the client does not come back after its own backoff
        assertThat(registry.requestCount("tuf-js")).isEqualTo(1);
    }

    @Test
    void keysEndpointFailingIsAnErrorForEveryPackageOfThatRegistry() {
        registry.fault(FixtureRegistry.KEYS_PATH, Fault.SERVER_ERROR, 100);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results.get(0).reason()).contains("cannot obtain the registry's signing keys").contains("HTTP 500");
    }

    @Test
    void garbageKeysDocumentIsAnError() {
        registry.setKeys(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("keys", "nope"));

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results.get(0).decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
    }

    @Test
    void documentOfAnotherPackageIsRejected() {
        registry.putPackument("tuf-js", registry.packument("sigstore").deepCopy());

        PackageResult tuf = result(verify(lockfile(), registry), "tuf-js@1.0.0");

        assertThat(tuf.status()).isEqualTo(Status.ERROR);
        assertThat(tuf.reason()).contains("answered with the document of \"sigstore\"");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"many tokens", "long strings"})
    void aDistObjectFarLargerThanAnyRegistryServesIsRefusedUnbuilt(String how) {
        // a few MB of gzip can expand to a dist of gigabytes, built as a tree per attempt: bounded by its tokens and
        // by its text, as a few strings of 19 M characters are few tokens
        com.fasterxml.jackson.databind.node.ObjectNode packument = registry.packument("tuf-js").deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode padding = ((com.fasterxml.jackson.databind.node.ObjectNode)
                packument.path("versions").path("1.0.0").path("dist")).putArray("padding");
        if (how.equals("many tokens")) {
            for (int i = 0; i < 60_000; i++) {
                padding.addArray();
            }
        } else {
            padding.add("a".repeat(600_000)).add("b".repeat(600_000));
        }
        registry.putPackument("tuf-js", packument);

        List<PackageResult> results = verify(lockfile(), registry);

        PackageResult tuf = result(results, "tuf-js@1.0.0");
        assertThat(tuf.status()).isEqualTo(Status.ERROR);
        assertThat(tuf.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(tuf.reason()).contains("tuf-js").contains("a \"dist\" object of more than 100000 JSON tokens or "
                + "1000000 characters of text");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void anAttestationsResponseOfMoreTokensThanAnyRegistryServesIsRefusedUnbuilt() {
        // within the size limit, 32 MiB of [[],[],…] would be millions of nodes, hundreds of MB for each in flight
        com.fasterxml.jackson.databind.node.ObjectNode response = registry.attestations("sigstore", "1.0.0").deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode padding = response.putArray("padding");
        for (int i = 0; i < 60_000; i++) {
            padding.addArray();
        }
        registry.setAttestations("sigstore", "1.0.0", response);

        List<PackageResult> results = verify(lockfile(), registry);

        PackageResult sigstore = result(results, "sigstore@1.0.0");
        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(sigstore.reason()).contains("the attestations response of sigstore@1.0.0 is refused")
                .contains("Token count").contains("100000");
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aKeysDocumentWithContentAfterItIsAnError() {
        // read whole before it is parsed, so, as JSON.parse in npm, nothing may follow the document
        registry.fault(FixtureRegistry.KEYS_PATH, Fault.TRAILING_GARBAGE, 100);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results.get(0).decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(results.get(0).reason()).contains("registry keys are not valid JSON")
                .contains("Unexpected character ('<'").doesNotContain("[Source:");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "key     | AAAA       | SIGNATURE_UNCHECKABLE",
        "key     | !!!        | SIGNATURE_UNCHECKABLE",
        // npm's Date.parse gives NaN, which no publish time is before: EEXPIREDSIGNATUREKEY
        "expires | never      | KEY_EXPIRED",
        "expires | 2025-01-29 | KEY_EXPIRED"
    })
    void aServedKeyThatCannotBeReadFailsOnlyWhatItSigned(String field, String value, String code) {
        com.fasterxml.jackson.databind.node.ObjectNode keys = registry.keys();
        String keyId = keys.path("keys").get(0).path("keyid").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) keys.path("keys").get(0)).put(field, value);
        registry.setKeys(keys);

        List<PackageResult> results = verify(lockfile(), registry);

        // what that key signed fails for that key; what the registry's other key signed still verifies
        java.util.function.Function<PackageResult, CheckResult> signature = r -> r.checks().stream()
                .filter(c -> c.name().equals(CheckResult.REGISTRY_SIGNATURE)).findFirst().orElseThrow();
        assertThat(results).filteredOn(r -> signature.apply(r).message().contains(keyId)).isNotEmpty()
                .allSatisfy(r -> assertThat(signature.apply(r).code()).isEqualTo(code))
                .allSatisfy(r -> assertThat(r.status()).isIn(Status.INVALID, Status.ERROR))
                .allSatisfy(r -> assertThat(r.reason()).doesNotContain("java."));
        assertThat(results).filteredOn(r -> !signature.apply(r).message().contains(keyId)).isNotEmpty()
                .extracting(PackageResult::status).containsOnly(Status.VERIFIED);
    }

    @Test
    void aKeyOfAnotherTypeBesideTheOnesInUseCostsNothing() {
        // as npm reads the keys: only the one a signature names; a registry adding an Ed25519 key to its rotation
        // must not make every package it signed with its P-256 key unverifiable
        com.fasterxml.jackson.databind.node.ObjectNode keys = registry.keys();
        ((com.fasterxml.jackson.databind.node.ArrayNode) keys.path("keys")).addObject().putNull("expires")
                .put("keyid", "SHA256:next").put("keytype", "ssh-ed25519").put("scheme", "ed25519")
                .put("key", "MCowBQYDK2VwAyEAEDjqV5Q5qvU6xnVPhcz5/rS+bRiTVIQskzW06a7I64s=");
        ((com.fasterxml.jackson.databind.node.ArrayNode) keys.path("keys")).addObject().put("key", "no key id");
        registry.setKeys(keys);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
    }

    @Test
    void aKeysDocumentFarLargerThanAnyRegistryServesIsRefusedUnread() {
        // valid JSON, padded past 1 MiB with whitespace: keys are read whole, so they are bounded
        byte[] keys = registry.keys().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] padded = java.util.Arrays.copyOf(keys, keys.length + 2 * 1024 * 1024);
        java.util.Arrays.fill(padded, keys.length, padded.length, (byte) ' ');
        registry.putRaw(FixtureRegistry.KEYS_PATH, padded);

        List<PackageResult> results = verify(lockfile(), registry);

        assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
        assertThat(results.get(0).decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(results.get(0).reason()).contains("the keys document exceeds 1 MiB");
    }
}
