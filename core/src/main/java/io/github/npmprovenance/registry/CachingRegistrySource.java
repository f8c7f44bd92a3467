package io.github.npmprovenance.registry;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * Serves published versions from a {@link VersionStore} and fetches only what it lacks. A published version's
 * {@code dist} never changes, so stored entries need no expiry; versions the registry does not have are not
 * stored, and keys are always asked of the registry (they rotate) but recorded when making a snapshot.
 *
 * <p>A snapshot being recorded is written, never read: it is what the registry says now. Recorded again into its
 * directory, it would otherwise keep what the earlier recording held, such as a version the registry has since
 * removed (unpublished, or taken down as malware), which is an error online; such a version's entry is removed.
 * So is whatever could not be fetched this time (a version, its attestations, the registry's keys): the snapshot
 * lists it as lacking, and verify --offline must find it lacking too, not pass it on the earlier recording's copy.
 *
 * <p>Whoever can write the store (a restored CI cache) can write any entry. A stored entry is served only when
 * what it says is checked against the registry anyway: its integrity bound by registry signatures, verified
 * against keys asked of the registry this run. An unsigned entry, or any entry of a registry that serves no keys,
 * could carry an integrity made to match a tampered lockfile, and is fetched again; so is an entry signed with a
 * key the registry no longer serves, which the registry may have signed again since with its current one.
 */
public final class CachingRegistrySource implements RegistrySource {
    private final VersionStore store;
    private final RegistrySource delegate;
    private final Optional<LocalStore> snapshot;
    /** Registries whose keys the snapshot holds. */
    private final Set<Registry> recordedKeys = ConcurrentHashMap.newKeySet();
    /**
     * The version documents served this run, from the store or the registry: the attestations stored are served only
     * for the document (its integrity) they were stored with.
     */
    private final Map<String, VersionMetadata> served = new ConcurrentHashMap<>();
    /** Versions fetched from the registry this run: asked again, they would come back the same. */
    private final Set<String> fetchedNow = ConcurrentHashMap.newKeySet();

    private CachingRegistrySource(VersionStore store, RegistrySource delegate, Optional<LocalStore> snapshot) {
        this.store = store;
        this.delegate = delegate;
        this.snapshot = snapshot;
    }

    /** A cache: an entry that cannot be written only costs time on a later run. */
    public static CachingRegistrySource caching(VersionStore cache, RegistrySource delegate) {
        return new CachingRegistrySource(cache, delegate, Optional.empty());
    }

    /** Records a snapshot, keys included; a snapshot that cannot be written completely fails. */
    public static CachingRegistrySource recording(LocalStore snapshot, RegistrySource delegate) {
        return new CachingRegistrySource(snapshot, delegate, Optional.of(snapshot));
    }

    @Override
    public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        Map<String, VersionMetadata> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String version : versions) {
            // without a signature to verify, nothing but the store vouches for the entry's integrity
            Optional<VersionMetadata> stored = snapshot.isPresent() ? Optional.empty()
                    : store.readVersion(registry, name, version).filter(m -> !m.signatures().isEmpty());
            stored.ifPresentOrElse(m -> found.put(version, m), () -> missing.add(version));
        }
        // asked only when the store had something: a cold run's first requests do not wait for the keys
        if (!found.isEmpty()) {
            Optional<RegistryKeys> keys = servedKeys(registry);
            // an entry signed with a key the registry no longer serves (rotated, the versions signed again) would
            // fail as signed by an unknown key on every run, where the registry's current document verifies
            for (var entries = found.entrySet().iterator(); entries.hasNext();) {
                var entry = entries.next();
                if (keys.isEmpty() || entry.getValue().signatures().stream()
                        .anyMatch(signature -> keys.get().find(signature.keyId()).isEmpty())) {
                    missing.add(entry.getKey());
                    entries.remove();
                }
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(fetch(registry, name, missing));
        }
        found.values().forEach(metadata -> served(registry, metadata));
        return found;
    }

    private void served(Registry registry, VersionMetadata metadata) {
        served.put(key(registry, metadata.name(), metadata.version()), metadata);
    }

    private static String key(Registry registry, String name, String version) {
        return registry.baseUri() + " " + name + "@" + version;
    }

    /**
     * A stored version the lockfile pins with another integrity is asked again: a registry that lets a version be
     * published anew (some private ones do) serves another tarball under it, which the lockfile may pin now. A
     * snapshot being recorded, and a version fetched this run, are what the registry serves already.
     */
    @Override
    public Map<String, Optional<VersionMetadata>> refetch(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        Set<String> stored = new LinkedHashSet<>(versions);
        stored.removeIf(version -> fetchedNow.contains(key(registry, name, version)));
        if (snapshot.isPresent() || stored.isEmpty()) {
            return Map.of();
        }
        Map<String, VersionMetadata> fetched = fetch(registry, name, stored);
        fetched.values().forEach(metadata -> served(registry, metadata));
        Map<String, Optional<VersionMetadata>> asked = new HashMap<>();
        stored.forEach(version -> asked.put(version, Optional.ofNullable(fetched.get(version))));
        return asked;
    }

    private Map<String, VersionMetadata> fetch(Registry registry, String name, Set<String> missing)
            throws RegistryException {
        Map<String, VersionMetadata> fetched;
        try {
            fetched = delegate.versions(registry, name, missing);
        } catch (RegistryException | RuntimeException | Error e) {
            if (snapshot.isPresent()) {
                // the registry has no such package (any more), or it could not be asked: either way the
                // snapshot lacks these versions, as `snapshot` lists them, and must not keep an earlier
                // recording's copy for verify --offline to pass
                missing.forEach(version -> removeFromSnapshot(registry, name, version));
            }
            throw e;
        }
        for (VersionMetadata metadata : fetched.values()) {
            fetchedNow.add(key(registry, metadata.name(), metadata.version()));
            try {
                store.writeVersion(registry, metadata);
            } catch (IOException e) {
                // a cache that cannot be written only costs time; a snapshot must be complete
                if (snapshot.isPresent()) {
                    throw new SnapshotWriteException(e);
                }
            }
        }
        if (snapshot.isPresent()) {
            for (String version : missing) {
                if (!fetched.containsKey(version)) {
                    removeFromSnapshot(registry, name, version);
                }
            }
        }
        return fetched;
    }

    private void removeFromSnapshot(Registry registry, String name, String version) {
        try {
            snapshot.orElseThrow().removeVersion(registry, name, version);
        } catch (IOException e) {
            throw new SnapshotWriteException(e);
        }
    }

    /**
     * An attestations response never changes for a published version document: cached with the integrity of the
     * document it was served for, and served for that document only.
     */
    @Override
    public com.fasterxml.jackson.databind.JsonNode attestations(Registry registry, String name, String version)
            throws RegistryException {
        Optional<VersionMetadata> document = Optional.ofNullable(served.get(key(registry, name, version)));
        String integrity = document.map(metadata -> metadata.integrity().orElse("")).orElse(null);
        var cached = snapshot.isPresent() || integrity == null
                ? Optional.<com.fasterxml.jackson.databind.JsonNode>empty()
                : store.readAttestations(registry, name, version, integrity);
        if (cached.isPresent()) {
            return cached.get();
        }
        com.fasterxml.jackson.databind.JsonNode fetched;
        try {
            fetched = delegate.attestations(registry, name, version);
        } catch (RegistryException | RuntimeException | Error e) {
            if (snapshot.isPresent()) {
                // listed as lacking: an earlier recording's copy must not stand in for it offline
                try {
                    snapshot.get().removeAttestations(registry, name, version);
                } catch (IOException removal) {
                    e.addSuppressed(removal);
                }
            }
            throw e;
        }
        // asked for because the version's document lists attestations: a response holding none, or none of the
        // provenance the document lists, is the registry's failing of the moment (or a mirror's still filling), and
        // kept it would fail the version on every later run after the registry mends; a snapshot records it as
        // served, since offline must judge what online did
        String provenance = document.flatMap(VersionMetadata::attestations)
                .map(listed -> listed.path("provenance").path("predicateType").textValue()).orElse(null);
        boolean lacksListedProvenance = provenance != null && StreamSupport
                .stream(fetched.path("attestations").spliterator(), false)
                .noneMatch(attestation -> provenance.equals(attestation.path("predicateType").textValue()));
        if (snapshot.isEmpty() && (fetched.path("attestations").isEmpty() || lacksListedProvenance
                || integrity == null)) {
            return fetched;
        }
        try {
            store.writeAttestations(registry, name, version, integrity == null ? "" : integrity, fetched);
        } catch (IOException e) {
            if (snapshot.isPresent()) {
                throw new SnapshotWriteException(e);
            }
        }
        return fetched;
    }

    /**
     * Asked of the delegate each time: a run asks each registry once through {@link KeysAhead} below this source.
     * A snapshot records them once per registry; a write that failed is tried again by the next caller.
     */
    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        Optional<RegistryKeys> keys;
        try {
            keys = delegate.keys(registry);
        } catch (RegistryException | RuntimeException | Error e) {
            if (snapshot.isPresent()) {
                // the registry's packages are listed as lacking: an earlier recording's keys (rotated since,
                // perhaps) must not verify them offline
                try {
                    snapshot.get().removeKeys(registry);
                } catch (IOException removal) {
                    e.addSuppressed(removal);
                }
            }
            throw e;
        }
        if (snapshot.isPresent() && recordedKeys.add(registry)) {
            try {
                snapshot.get().writeKeys(registry, keys);
            } catch (IOException e) {
                recordedKeys.remove(registry);
                throw new SnapshotWriteException(e);
            }
        }
        return keys;
    }

    /** The registry's signing keys; when it serves none, or they cannot be obtained, stored entries are not used. */
    private Optional<RegistryKeys> servedKeys(Registry registry) {
        try {
            return keys(registry);
        } catch (RegistryException | RuntimeException | OutOfMemoryError e) {
            // the packages then fail on the keys, not here: fetched again, their document is not what failed
            return Optional.empty();
        }
    }
}
