package io.github.npmprovenance.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.attestation.SigstoreBundleVerifier;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.PackageNames;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKey;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.registry.SnapshotWriteException;
import io.github.npmprovenance.registry.VersionMetadata;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies every package of a lockfile: one registry request per package name (besides one for each registry's
 * keys and one for each attestations list a version names), in parallel and bounded, then the checks for each
 * locked version. A package that fails in any way gets its own ERROR or INVALID result;
 * nothing one package does can abort the others.
 */
public final class Verifier {
    /** The code of a package a snapshot being recorded could not write: it is missing from the snapshot. */
    public static final String SNAPSHOT_WRITE_FAILED = "SNAPSHOT_WRITE_FAILED";
    private final RegistryConfig config;
    private final RegistrySource source;
    private final int concurrency;
    private final Map<URI, RegistryKeys> knownKeys;
    private final RegistrySignatureCheck signatureCheck;
    private final AttestationChecks attestationChecks;
    private final ProgressListener progress;

    public Verifier(RegistryConfig config, RegistrySource source, VerifierSettings settings,
            ProgressListener progress) {
        this.config = Objects.requireNonNull(config);
        this.source = Objects.requireNonNull(source);
        this.concurrency = settings.concurrency();
        this.knownKeys = settings.knownKeys();
        this.signatureCheck = new RegistrySignatureCheck();
        this.attestationChecks = new AttestationChecks(new SigstoreBundleVerifier(settings.trust()),
                settings.trust().registryKeys());
        this.progress = Objects.requireNonNull(progress);
    }

    public List<PackageResult> verify(Lockfile lockfile) {
        List<LockedPackage> packages = lockfile.packages();
        PackageResult[] results = new PackageResult[packages.size()];
        AtomicInteger done = new AtomicInteger();
        Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            LockedPackage pkg = packages.get(i);
            Optional<PackageResult> early = precheck(pkg);
            if (early.isPresent()) {
                results[i] = early.get();
                tellProgress(done.incrementAndGet(), packages.size());
                continue;
            }
            groups.computeIfAbsent(new GroupKey(config.registryFor(pkg.name()), pkg.name()), k -> new ArrayList<>())
                    .add(i);
        }

        if (!groups.isEmpty()) {
            EcdsaP256.prepare();
        }
        ExecutorService fetchers = daemonPool(Math.min(concurrency, Math.max(1, groups.size())), null);
        // Each registry's keys are asked for first, on the fetchers (so within the concurrency), all at once, and
        // only the checks wait for them: packages are fetched while the keys are on their way.
        Map<Registry, CompletableFuture<SigningKeys>> keys = new HashMap<>();
        for (GroupKey group : groups.keySet()) {
            keys.computeIfAbsent(group.registry(),
                    registry -> CompletableFuture.supplyAsync(() -> signingKeys(registry), fetchers));
        }
        // Checks (ECDSA, Sigstore) run on as many threads as there are processors, apart from the fetchers: with
        // only those competing for CPU, the HTTP client's threads get it as soon as a response arrives, so requests
        // keep flowing while the checks run. The bounded queue makes a fetcher that finds it full run its checks
        // itself, so fetched documents cannot pile up in memory.
        int processors = Runtime.getRuntime().availableProcessors();
        ExecutorService checkers = daemonPool(processors, new ArrayBlockingQueue<>(processors * 32));
        CountDownLatch checked = new CountDownLatch(groups.size());
        try {
            List<Future<?>> fetches = new ArrayList<>();
            for (Map.Entry<GroupKey, List<Integer>> group : groups.entrySet()) {
                GroupKey key = group.getKey();
                List<Integer> indexes = group.getValue();
                fetches.add(fetchers.submit(() -> {
                    Runnable fetched;
                    try {
                        fetched = fetchGroup(key, indexes, packages, keys.get(key.registry()), results);
                    } catch (RuntimeException | Error e) {
                        // whatever escapes the fetch costs this group only, never the run (rethrown, it left no results)
                        fetched = failAll(indexes, packages, results,
                                unexpectedFailure(CheckResult.REGISTRY_METADATA, e));
                    }
                    Runnable checks = fetched;
                    checkers.execute(() -> {
                        try {
                            checks.run();
                        } finally {
                            try {
                                for (int ignored : indexes) {
                                    tellProgress(done.incrementAndGet(), packages.size());
                                }
                            } finally {
                                // skipped, the run would wait for this group forever
                                checked.countDown();
                            }
                        }
                    });
                }));
            }
            for (Future<?> fetch : fetches) {
                fetch.get();
            }
            checked.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed unexpectedly", e.getCause());
        } finally {
            fetchers.shutdownNow();
            checkers.shutdownNow();
            EcdsaP256.finishPreparing();
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                // fail closed: a package whose checks did not complete is never left out or passed
                results[i] = PackageResult.of(packages.get(i), List.of(CheckResult.of(CheckResult.REGISTRY_METADATA,
                        Outcome.ERROR, "INTERNAL_ERROR", "verification did not complete")));
            }
        }
        return List.of(results);
    }

    /** The listener only shows progress: its failure (a closed console) must cost neither a result nor the run. */
    private void tellProgress(int done, int total) {
        try {
            progress.progress(done, total);
        } catch (RuntimeException e) {
            // nothing to tell it with; the results do not depend on it
        }
    }

    /** A fixed pool of daemon threads; with a queue, a full queue runs the task in the submitting thread. */
    private static ExecutorService daemonPool(int threads, ArrayBlockingQueue<Runnable> queue) {
        ThreadFactory factory = r -> {
            Thread thread = new Thread(r, "npm-provenance-verify");
            thread.setDaemon(true);
            return thread;
        };
        return queue == null ? Executors.newFixedThreadPool(threads, factory)
                : new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, factory,
                        new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private Optional<PackageResult> precheck(LockedPackage pkg) {
        if (!pkg.source().fromRegistry()) {
            return Optional.of(PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.SOURCE, Outcome.SKIPPED,
                    "NOT_FROM_REGISTRY", pkg.source().skipReason()))));
        }
        if (!PackageNames.isValidName(pkg.name())) {
            return Optional.of(PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.SOURCE, Outcome.ERROR,
                    "INVALID_PACKAGE_NAME", "the lockfile names a package that is not a valid npm package name"))));
        }
        if (!PackageNames.isValidVersion(pkg.version())) {
            return Optional.of(PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.SOURCE, Outcome.ERROR,
                    "INVALID_VERSION", "the lockfile pins a version that is not an exact semantic version"))));
        }
        return Optional.empty();
    }

    /**
     * Fetches what the group's checks need: the package's versions and, where the registry lists them, their
     * attestations. Registry failures become the packages' results here; the rest is left to the returned checks.
     */
    private Runnable fetchGroup(GroupKey group, List<Integer> indexes, List<LockedPackage> packages,
            CompletableFuture<SigningKeys> signingKeys, PackageResult[] results) {
        Set<String> versions = new LinkedHashSet<>();
        indexes.forEach(i -> versions.add(packages.get(i).version()));
        Map<String, VersionMetadata> found;
        // versions that failed on their own: they get this check as their result
        Map<String, CheckResult> missing = new HashMap<>();
        try {
            found = versions(group, versions, missing);
        } catch (RegistryException e) {
            return failAll(indexes, packages, results, CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR,
                    e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            return failAll(indexes, packages, results, unexpectedFailure(CheckResult.REGISTRY_METADATA, e));
        } catch (OutOfMemoryError e) {
            // the heap it filled is garbage once thrown: the other packages can go on
            return failAll(indexes, packages, results, outOfMemory(CheckResult.REGISTRY_METADATA,
                    "the registry's document for " + group.name()));
        } catch (Error e) {
            // a StackOverflowError from a document nested too deep: as with any failure, the others go on
            return failAll(indexes, packages, results, unexpectedFailure(CheckResult.REGISTRY_METADATA, e));
        }
        Map<String, VersionMetadata> current = refetchedWhereTheLockfileDiffers(group, indexes, packages, found,
                missing);
        Map<String, AttestationChecks.Fetch> attestations = new HashMap<>();
        for (VersionMetadata metadata : current.values()) {
            if (metadata.attestations().isPresent() && !missing.containsKey(metadata.version())) {
                try {
                    attestations.put(metadata.version(),
                            prefetch(group.registry(), group.name(), metadata.version()));
                } catch (OutOfMemoryError e) {
                    // as for the package's document: this version is an error, the others go on
                    missing.put(metadata.version(), outOfMemory(CheckResult.PROVENANCE,
                            "the attestations of " + group.name() + "@" + metadata.version()));
                } catch (Error e) {
                    missing.put(metadata.version(), unexpectedFailure(CheckResult.PROVENANCE, e));
                }
            }
        }
        List<Integer> present = new ArrayList<>();
        for (int i : indexes) {
            CheckResult failure = missing.get(packages.get(i).version());
            if (failure != null) {
                results[i] = PackageResult.of(packages.get(i), List.of(failure));
            } else {
                present.add(i);
            }
        }
        return () -> checkGroup(present, packages, current, attestations, signingKeys, results);
    }

    /**
     * The group's versions. A snapshot that lacks some fails the whole request; it is then asked version by
     * version, so that each missing one is its own error and the versions it holds are still checked.
     */
    private Map<String, VersionMetadata> versions(GroupKey group, Set<String> versions,
            Map<String, CheckResult> missing) throws RegistryException {
        try {
            return source.versions(group.registry(), group.name(), versions);
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.OFFLINE_MISSING || versions.size() == 1) {
                throw e;
            }
        }
        Map<String, VersionMetadata> found = new HashMap<>();
        for (String version : versions) {
            try {
                found.putAll(source.versions(group.registry(), group.name(), Set.of(version)));
            } catch (RegistryException e) {
                missing.put(version, CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR, e.code(),
                        e.getMessage()));
            }
        }
        return found;
    }

    /**
     * The versions whose integrity differs from the lockfile's asked of the registry again past any cache (see
     * {@link RegistrySource#refetch}): a version it no longer lists is not found, and where asking fails, the
     * versions are errors with that cause, as without a cache: the stored document alone does not show the
     * lockfile tampered.
     */
    private Map<String, VersionMetadata> refetchedWhereTheLockfileDiffers(GroupKey group, List<Integer> indexes,
            List<LockedPackage> packages, Map<String, VersionMetadata> found, Map<String, CheckResult> missing) {
        Set<String> differing = new LinkedHashSet<>();
        for (int i : indexes) {
            VersionMetadata metadata = found.get(packages.get(i).version());
            if (metadata != null
                    && IntegrityBinding.check(packages.get(i), metadata).code().equals("INTEGRITY_MISMATCH")) {
                differing.add(metadata.version());
            }
        }
        if (differing.isEmpty()) {
            return found;
        }
        Map<String, VersionMetadata> refetched = new HashMap<>(found);
        CheckResult failure;
        try {
            source.refetch(group.registry(), group.name(), differing).forEach((version, metadata) -> metadata
                    .ifPresentOrElse(m -> refetched.put(version, m), () -> refetched.remove(version)));
            return refetched;
        } catch (RegistryException e) {
            failure = CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR, e.code(), e.getMessage());
        } catch (OutOfMemoryError e) {
            failure = outOfMemory(CheckResult.REGISTRY_METADATA, "the registry's document for " + group.name());
        } catch (RuntimeException | Error e) {
            failure = unexpectedFailure(CheckResult.REGISTRY_METADATA, e);
        }
        differing.forEach(version -> missing.put(version, failure));
        return found;
    }

    /** The attestations response fetched now, handed to the checks later as it came: a document or the failure. */
    private AttestationChecks.Fetch prefetch(Registry registry, String name, String version) {
        try {
            JsonNode response = source.attestations(registry, name, version);
            return () -> response;
        } catch (RegistryException e) {
            return () -> {
                throw e;
            };
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        }
    }

    /** The group's packages get this one failed check; nothing is left to check. */
    private static Runnable failAll(List<Integer> indexes, List<LockedPackage> packages, PackageResult[] results,
            CheckResult failure) {
        indexes.forEach(i -> results[i] = PackageResult.of(packages.get(i), List.of(failure)));
        return () -> { };
    }

    private void checkGroup(List<Integer> indexes, List<LockedPackage> packages, Map<String, VersionMetadata> found,
            Map<String, AttestationChecks.Fetch> attestations, CompletableFuture<SigningKeys> signingKeys,
            PackageResult[] results) {
        for (int i : indexes) {
            LockedPackage pkg = packages.get(i);
            VersionMetadata metadata = found.get(pkg.version());
            if (metadata == null) {
                results[i] = PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.REGISTRY_METADATA,
                        Outcome.ERROR, "VERSION_NOT_FOUND", "the registry does not list version " + pkg.version()
                                + " of " + pkg.name() + " (unpublished, or never published there)")));
                continue;
            }
            try {
                List<CheckResult> checks = new ArrayList<>();
                checks.add(IntegrityBinding.check(pkg, metadata));
                checks.add(signatureCheck.check(metadata, signingKeys.join()));
                AttestationChecks.Result attested = attestationChecks.check(pkg, metadata,
                        attestations.get(pkg.version()), signingKeys.join());
                checks.addAll(attested.checks());
                results[i] = PackageResult.of(pkg, withOwnShrinkwrap(pkg, checks), attested.provenance());
            } catch (RuntimeException e) {
                // a bug or an unwritable snapshot must cost this package, not the run, and never pass it
                results[i] = PackageResult.of(pkg, List.of(unexpectedFailure(CheckResult.REGISTRY_METADATA, e)));
            } catch (OutOfMemoryError e) {
                // Checks run on a checker or, when the checkers' queue is full, on the fetcher that queued them; an
                // error escaping them left the group unchecked on the one and ended the whole run on the other.
                // Caught here, the thread running them makes no difference: as for a document too large, this
                // package is an error and its heap is garbage for the others.
                results[i] = PackageResult.of(pkg, List.of(outOfMemory(CheckResult.REGISTRY_METADATA,
                        "checking " + pkg.id())));
            } catch (Error e) {
                // a StackOverflowError or the like: on a fetcher running the checks it would end the whole run
                results[i] = PackageResult.of(pkg, List.of(unexpectedFailure(CheckResult.REGISTRY_METADATA, e)));
            }
        }
    }

    /**
     * A package whose entry says its tarball holds an npm-shrinkwrap.json: npm installs what is below it as that file
     * pins it, and the entries this lockfile has there are thrown away (or, when the tarball holds none, installed as
     * they are, and verified as every other). What that file pins is read from no lockfile, so is not verified.
     */
    private static List<CheckResult> withOwnShrinkwrap(LockedPackage pkg, List<CheckResult> checks) {
        if (!pkg.ownShrinkwrap()) {
            return checks;
        }
        List<CheckResult> all = new ArrayList<>(checks);
        all.add(CheckResult.of(CheckResult.SOURCE, Outcome.ERROR, "OWN_SHRINKWRAP_UNREAD", "its lockfile entry says "
                + "its tarball holds an npm-shrinkwrap.json (hasShrinkwrap), from which npm installs the packages "
                + "below it instead of this lockfile's entries; this tool reads no tarball, so those are not verified"));
        return all;
    }

    /**
     * A bug, or an error of the JVM's such as a stack overflow: this package's error, never a pass. A snapshot
     * entry that could not be written is no bug: its message says which file and why, for people.
     */
    private static CheckResult unexpectedFailure(String check, Throwable e) {
        if (e instanceof SnapshotWriteException) {
            return CheckResult.of(check, Outcome.ERROR, SNAPSHOT_WRITE_FAILED, e.getMessage());
        }
        return CheckResult.of(check, Outcome.ERROR, "INTERNAL_ERROR", "unexpected failure: " + e);
    }

    /** What did not fit in memory is this package's error, with the heap it did not fit in. */
    private static CheckResult outOfMemory(String check, String what) {
        return CheckResult.of(check, Outcome.ERROR, "OUT_OF_MEMORY", what + " did not fit in memory (maximum heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)");
    }

    /**
     * The keys a registry is known to sign with. npm trusts the public registry's keys by host and path whatever the
     * scheme (its TUF target is {@code registry.npmjs.org/keys.json}), so {@code http://registry.npmjs.org/} is held
     * to them too: there, whoever is on the way could otherwise withhold the keys and the signatures with them. So is
     * {@code registry.npmjs.org.}, the same host by its fully qualified name, which a pull request's {@code .npmrc}
     * could otherwise name to escape them.
     */
    private Optional<RegistryKeys> pinnedKeys(Registry registry) {
        URI base = registry.hostUri();
        RegistryKeys keys = knownKeys.get(base);
        if (keys == null && base.getScheme().equals("http")) {
            keys = knownKeys.get(URI.create("https" + base.toString().substring("http".length())));
        }
        return Optional.ofNullable(keys);
    }

    private SigningKeys signingKeys(Registry registry) {
        Optional<RegistryKeys> pinned = pinnedKeys(registry);
        Optional<RegistryKeys> served;
        try {
            served = source.keys(registry);
        } catch (RegistryException e) {
            return SigningKeys.error(e.code(), "cannot obtain the registry's signing keys: " + e.getMessage());
        } catch (SnapshotWriteException e) {
            return SigningKeys.error(SNAPSHOT_WRITE_FAILED, "cannot record the registry's signing keys: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            // a bug costs this registry's packages their signature check, never the run
            return SigningKeys.error("INTERNAL_ERROR", "cannot obtain the registry's signing keys: unexpected failure: "
                    + e);
        }
        if (served.filter(keys -> !keys.keys().isEmpty()).isEmpty()) {
            // npm audits a registry's packages only if it serves at least one key
            return pinned.isEmpty() ? SigningKeys.none() : SigningKeys.error("REGISTRY_KEYS_MISSING", registry.shown()
                    + " is known to sign its packages but serves no keys at /-/npm/v1/keys (a mirror or proxy"
                    // what users behind one see: the registry itself always serves them
                    + " answering in its place that does not pass this request on?)");
        }
        List<RegistryKey> effective = new ArrayList<>();
        Set<String> notTrusted = new TreeSet<>();
        // the keys of every registry known to sign, this one's among them
        List<RegistryKey> known = knownKeys.values().stream().flatMap(keys -> keys.keys().stream()).toList();
        for (RegistryKey key : served.get().keys()) {
            if (known.stream().anyMatch(k -> k.keyId().equals(key.keyId()) && !k.encoded().equals(key.encoded()))) {
                // a key id is the hash of its material: a mirror passes the public registry's keys on as they are
                return SigningKeys.error("REGISTRY_KEYS_MISMATCH", "the registry serves key " + key.keyId()
                        + " with different key material than the known copy (embedded, or given to the run)");
            }
            if (pinned.isPresent()) {
                List<RegistryKey> copies = pinned.get().keys().stream().filter(k -> k.keyId().equals(key.keyId()))
                        .toList();
                if (copies.isEmpty()) {
                    // npm takes the public registry's keys from its signed TUF target, never from what the registry
                    // (or whoever answers for it: a snapshot's writer, a proxy, an interception the JVM trusts)
                    // serves; here the embedded ones, or --registry-keys, stand for that target
                    notTrusted.add(key.keyId());
                }
                // for the uses the known copies give it (one copy per use), each until the earlier of the two expiries
                copies.forEach(copy -> key.limitedTo(copy.usage())
                        .ifPresent(use -> effective.add(use.expiringNoLaterThan(copy.expires()))));
                continue;
            }
            // a copy that drops or postpones a known expiry, under the key's own id or another, must not revive it
            effective.add(expiringNoLaterThanAll(key,
                    known.stream().filter(k -> k.encoded().equals(key.encoded())).toList()));
        }
        return SigningKeys.of(new RegistryKeys(effective), notTrusted);
    }

    private static RegistryKey expiringNoLaterThanAll(RegistryKey key, List<RegistryKey> copies) {
        RegistryKey bounded = key;
        for (RegistryKey copy : copies) {
            bounded = bounded.expiringNoLaterThan(copy.expires());
        }
        return bounded;
    }

    private record GroupKey(Registry registry, String name) {
    }
}
