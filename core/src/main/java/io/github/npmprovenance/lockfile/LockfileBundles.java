package io.github.npmprovenance.lockfile;

import static io.github.npmprovenance.lockfile.EntryFields.flag;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A lockfile's entries as the tree {@link Bundles} works on: what each depends on and what each bundles. */
final class LockfileBundles {
    private LockfileBundles() {
    }

    /**
     * The tree as npm sees it when deciding what is bundled. A v1 lockfile has no bundleDependencies: npm reads
     * each package's own from the registry before installing from a v1 lockfile, so we take them from the
     * "bundled" children of a parent that is not itself bundled. Whether the parent requires them says nothing:
     * a package may bundle what it does not depend on (fsevents 1.2.12 bundles node-pre-gyp), and npm still
     * leaves it to the tarball. A bundled entry that pins a tarball ("resolved" or "integrity") is not believed to
     * be bundled, since npm fetches it by them when the registry's bundleDependencies do not name it, and the
     * lockfile is what a pull request can edit; npm 6 never writes either there, npm 7+ may (from a bundled
     * package.json's _resolved), and then the pins are the published ones and verify. A version 1 lockfile with a
     * "packages" section (which npm never writes, and still upgrades from the registry) is read the same way, from
     * its "inBundle" flags.
     */
    static Bundles of(List<RawEntry> entries, Set<String> rootBundles, boolean upgraded) {
        Map<String, RawEntry> byLocation = new HashMap<>();
        entries.forEach(e -> byLocation.put(e.location(), e));
        Map<String, Set<String>> legacyBundles = new HashMap<>();
        for (RawEntry entry : byLocation.values()) {
            RawEntry parent = byLocation.get(Bundles.parentOf(entry.location()));
            if (believedBundled(entry, upgraded) && parent != null && !believedBundled(parent, upgraded)) {
                legacyBundles.computeIfAbsent(parent.location(), l -> new HashSet<>()).add(entry.folderName());
            }
        }
        Map<String, Bundles.Node> nodes = new HashMap<>();
        for (RawEntry entry : byLocation.values()) {
            Set<String> dependencyNames = new HashSet<>(entry.names("requires"));
            dependencyNames.addAll(entry.names("dependencies"));
            dependencyNames.addAll(entry.names("optionalDependencies"));
            dependencyNames.addAll(entry.names("peerDependencies"));
            Set<String> bundled = new HashSet<>(upgraded ? Set.of() : entry.names("bundleDependencies"));
            bundled.addAll(legacyBundles.getOrDefault(entry.location(), Set.of()));
            nodes.put(entry.location(), new Bundles.Node(entry.location(), dependencyNames, bundled,
                    !entry.legacy() && flag(entry.fields(), "link"), entry.claimsBundled()));
        }
        return new Bundles(nodes, rootBundles);
    }

    /**
     * A v1 entry's "bundled" (or, in a version 1 lockfile's "packages", "inBundle"), unless it pins a tarball: one
     * that does is verified as fetched, and so is a parent, whose own "bundled" children are then in its bundle.
     */
    private static boolean believedBundled(RawEntry entry, boolean upgraded) {
        return (entry.legacy() || upgraded) && flag(entry.fields(), entry.legacy() ? "bundled" : "inBundle")
                && !entry.fields().has("resolved")
                && !entry.fields().has("integrity");
    }
}
