package io.github.npmprovenance.lockfile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a change to a lockfile brought in: packages whose name, version, integrity or source are new. */
public final class LockfileDiff {
    private LockfileDiff() {
    }

    /** The head lockfile restricted to packages the base did not pin exactly the same way. */
    public static Lockfile changedSince(Lockfile head, Lockfile base) {
        Set<String> known = new HashSet<>();
        base.packages().forEach(p -> known.add(key(p)));
        List<LockedPackage> changed = head.packages().stream().filter(p -> !known.contains(key(p))).toList();
        return new Lockfile(head.path(), head.lockfileVersion(), changed);
    }

    private static String key(LockedPackage pkg) {
        return pkg.id() + "\u0000" + pkg.integrity().map(Integrity::raw).orElse("") + "\u0000" + pkg.source()
                + "\u0000" + pkg.resolved().orElse("");
    }
}
