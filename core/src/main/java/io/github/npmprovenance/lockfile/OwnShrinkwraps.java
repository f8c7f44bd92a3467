package io.github.npmprovenance.lockfile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which lockfile locations npm installs as a dependency's own {@code npm-shrinkwrap.json} pins them, not as the
 * lockfile does. Arborist extracts an entry flagged {@code hasShrinkwrap} first, then rebuilds everything below it
 * from the shrinkwrap inside its tarball (reify's loadShrinkwrapsAndUpdateTrees): the lockfile's entries there are
 * thrown away, whatever they pin. It reads the entry as the package too, so {@code _hasShrinkwrap} counts as well.
 * A version 1 "dependencies" tree loses the flag on the way in (shrinkwrap.js metaFromLock), so only entries of a
 * "packages" section are believed.
 */
final class OwnShrinkwraps {
    private final Set<String> owners;

    private OwnShrinkwraps(Set<String> owners) {
        this.owners = owners;
    }

    static OwnShrinkwraps of(List<RawEntry> entries) {
        return new OwnShrinkwraps(entries.stream().filter(e -> !e.legacy() && e.hasOwnShrinkwrap())
                .map(RawEntry::location).collect(Collectors.toUnmodifiableSet()));
    }

    /** True when an entry above this location, in node_modules nesting, installs it from its own shrinkwrap. */
    boolean installsBelow(String location) {
        if (owners.isEmpty()) {
            return false;
        }
        for (String parent = Bundles.parentOf(location); parent != null && !parent.isEmpty();
                parent = Bundles.parentOf(parent)) {
            if (owners.contains(parent)) {
                return true;
            }
        }
        return false;
    }
}
