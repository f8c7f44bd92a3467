package io.github.npmprovenance.lockfile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a change to a lockfile brought in: packages whose name, version, integrity, source or resolved URL are new
 * ({@link LockedPackage#pinKey}), or that are now installed under a name the base did not install them as.
 */
public final class LockfileDiff {
    private LockfileDiff() {
    }

    /** The head lockfile restricted to packages the base did not pin exactly the same way. */
    public static Lockfile changedSince(Lockfile head, Lockfile base) {
        // the policy matches a package by every name it is installed as: an alias added in the change (code now
        // importing the base's other-ui as @myorg/ui) may bring it under a rule, so it is checked again
        Map<String, Set<String>> known = new HashMap<>();
        base.packages().forEach(p -> known.computeIfAbsent(p.pinKey(), k -> new HashSet<>()).addAll(p.installedAs()));
        List<LockedPackage> changed = head.packages().stream()
                .filter(p -> !known.containsKey(p.pinKey()) || !known.get(p.pinKey()).containsAll(p.installedAs()))
                .toList();
        return new Lockfile(head.path(), head.lockfileVersion(), changed);
    }
}
