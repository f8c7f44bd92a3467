package io.github.npmprovenance.lockfile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a change to a lockfile brought in: packages whose name, version, integrity, source or resolved URL are new
 * ({@link LockedPackage#pinKey}).
 */
public final class LockfileDiff {
    private LockfileDiff() {
    }

    /** The head lockfile restricted to packages the base did not pin exactly the same way. */
    public static Lockfile changedSince(Lockfile head, Lockfile base) {
        Set<String> known = new HashSet<>();
        base.packages().forEach(p -> known.add(p.pinKey()));
        List<LockedPackage> changed = head.packages().stream().filter(p -> !known.contains(p.pinKey())).toList();
        return new Lockfile(head.path(), head.lockfileVersion(), changed);
    }
}
