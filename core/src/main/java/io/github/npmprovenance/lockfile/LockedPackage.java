package io.github.npmprovenance.lockfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One distinct package pinned by a lockfile. Entries with the same name, version, integrity, source and
 * resolved URL or spec are merged: verified once, reported at every location.
 *
 * @param name the real package name (aliases resolved)
 * @param version the exact version
 * @param integrity the lockfile's integrity, when it has one
 * @param resolved the lockfile's resolved URL or spec, when it has one
 * @param source where the content comes from
 * @param dev only a dev dependency
 * @param optional only an optional dependency
 * @param peer only a peer dependency
 * @param locations every place the package is pinned, in file order
 * @param aliases the other names it is installed under ({@code "@myorg/ui": "npm:other@1.0.0"} installs other as
 *        {@code @myorg/ui}), which the project's code imports it by; when it is also installed under its own name,
 *        that name too. Empty: installed under its own name only
 * @param ownShrinkwrap its entry says its tarball holds an npm-shrinkwrap.json ({@code hasShrinkwrap}): npm then
 *        installs what is below it as that file pins it, not as this lockfile does
 */
public record LockedPackage(
        String name,
        String version,
        Optional<Integrity> integrity,
        Optional<String> resolved,
        SourceKind source,
        boolean dev,
        boolean optional,
        boolean peer,
        List<Location> locations,
        List<String> aliases,
        boolean ownShrinkwrap) {

    public LockedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(source, "source");
        locations = List.copyOf(locations);
        aliases = List.copyOf(aliases);
    }

    public LockedPackage(String name, String version, Optional<Integrity> integrity, Optional<String> resolved,
            SourceKind source, boolean dev, boolean optional, boolean peer, List<Location> locations,
            List<String> aliases) {
        this(name, version, integrity, resolved, source, dev, optional, peer, locations, aliases, false);
    }

    /** A package installed under its own name only. */
    public LockedPackage(String name, String version, Optional<Integrity> integrity, Optional<String> resolved,
            SourceKind source, boolean dev, boolean optional, boolean peer, List<Location> locations) {
        this(name, version, integrity, resolved, source, dev, optional, peer, locations, List.of());
    }

    /** Every name it is installed under, what the project's code imports it by: its aliases, else its own name. */
    public List<String> installedAs() {
        return aliases.isEmpty() ? List.of(name) : aliases;
    }

    /** {@code name@version}, as npm prints it. */
    public String id() {
        return name + "@" + version;
    }

    /**
     * What makes two pins the same package: name, version, integrity, source, resolved URL or spec, and whether it
     * says it has its own shrinkwrap. The reader merges entries by it, and changed mode counts a package as unchanged
     * when the base pinned one with the same.
     */
    String pinKey() {
        return id() + "\u0000" + integrity.map(Integrity::raw).orElse("") + "\u0000" + source + "\u0000"
                + resolved.orElse("") + (ownShrinkwrap ? "\u0000shrinkwrap" : "");
    }

    public Location firstLocation() {
        return locations.get(0);
    }
}
