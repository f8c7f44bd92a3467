package io.github.npmprovenance.lockfile;

import static io.github.npmprovenance.lockfile.LockfileJson.lineOf;
import static io.github.npmprovenance.lockfile.LockfileJson.plain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads npm {@code package-lock.json} (lockfile versions 1, 2 and 3) and {@code npm-shrinkwrap.json} with
 * Jackson's streaming parser, so that every entry keeps the line of its key. The sections are read by
 * {@link PackagesSection} (v2/v3) and {@link DependenciesSection} (v1), each entry's source is told by
 * {@link SourceClassifier}, and what is bundled by {@link LockfileBundles}; this class reads the top level and
 * merges the entries into distinct packages.
 */
public final class LockfileReader {
    /** npm's own preference when both exist. */
    public static final List<String> FILE_NAMES = LockfileLocator.FILE_NAMES;

    /** The lockfile itself, or the lockfile inside a directory. */
    public static Path locate(Path fileOrDirectory) throws LockfileException {
        return LockfileLocator.locate(fileOrDirectory);
    }

    public Lockfile read(Path fileOrDirectory) throws LockfileException {
        Path file = locate(fileOrDirectory);
        String path = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(path, in);
        } catch (NoSuchFileException e) {
            throw new LockfileException(path, "no such lockfile");
        } catch (IOException e) {
            throw new LockfileException(path, 0, "cannot read lockfile: " + e.getMessage(), e);
        }
    }

    public Lockfile read(String path, InputStream in) throws LockfileException, IOException {
        try (JsonParser parser = LockfileJson.parser(in)) {
            try {
                return parse(path, parser);
            } catch (JsonProcessingException e) {
                // a nesting limit is reported without a location: the parser's own is where it stopped
                JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new LockfileException(path, Math.max(0, where.getLineNr()), "malformed JSON: " + plain(e), e);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new LockfileException(path, line, "malformed JSON: " + plain(e), e);
        } catch (CharConversionException e) {
            // zero bytes or a byte order mark first make Jackson read UTF-16 or UTF-32, in which the rest is no text
            throw new LockfileException(path, 0, "malformed JSON: not UTF-8 text, which npm reads a lockfile as", e);
        } catch (OutOfMemoryError e) {
            // what the reader held is garbage once thrown: there is room for the message and the exit code
            throw new LockfileException(path, 0, "too large for the memory available (maximum heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give Java more, e.g. "
                    + "JAVA_TOOL_OPTIONS=-Xmx4g", null);
        }
    }

    private Lockfile parse(String path, JsonParser parser) throws IOException, LockfileException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new LockfileException(path, lineOf(parser), "a lockfile must be a JSON object", null);
        }
        // as written, with its line: an unsupported one is reported where it is
        String version = null;
        int versionLine = 0;
        PackagesSection packages = null;
        List<RawEntry> dependencies = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "lockfileVersion" -> {
                    if (!value.isNumeric()) {
                        throw new LockfileException(path, lineOf(parser), "lockfileVersion must be a number", null);
                    }
                    version = parser.getText();
                    versionLine = lineOf(parser);
                }
                case "packages" -> packages = PackagesSection.read(path, parser);
                case "dependencies" -> dependencies = DependenciesSection.read(path, parser);
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw new LockfileException(path, lineOf(parser), "unexpected content after the lockfile object", null);
        }
        if (version == null) {
            throw new LockfileException(path, 0, "no lockfileVersion (supported: 1, 2, 3)", null);
        }
        int supported = supportedVersion(version);
        if (supported == 0) {
            throw new LockfileException(path, versionLine,
                    "unsupported lockfileVersion " + version + " (supported: 1, 2, 3)", null);
        }
        List<RawEntry> entries;
        if (packages != null) {
            entries = packages.entries();
        } else if (dependencies != null) {
            entries = dependencies;
        } else if (supported == 3) {
            throw new LockfileException(path, versionLine, "lockfileVersion 3 without a \"packages\" section", null);
        } else {
            entries = List.of();
        }
        // npm upgrades a lockfile whose lockfileVersion is below 2 by reading every package's manifest from the
        // registry, "packages" section or not: the lockfile's bundleDependencies are then not what npm goes by
        Bundles bundles = LockfileBundles.of(entries, packages != null ? packages.rootBundles() : Set.of(),
                supported == 1);
        List<LockedPackage> pins = new ArrayList<>();
        for (RawEntry raw : entries) {
            pins.add(raw.toPackage(path, bundles));
        }
        if (packages != null && dependencies != null) {
            pins.addAll(legacyDisagreements(path, entries, pins, dependencies, bundles));
        }
        return new Lockfile(path, supported, merge(pins));
    }

    /**
     * npm 6 installs a version 2 lockfile from its "dependencies" copy, which npm writes equal to "packages". Where the
     * copy pins a registry package that "packages" pins nowhere (an edit to the copy alone, which npm 7 and later
     * ignore), that package is what npm 6 installs, and is verified too; where it puts another source in place of a
     * registry package, that is reported (as not verified) at its line. The same pin in another place (the copy nests
     * a workspace's dependencies below its link) adds nothing, nor does a dependency given as a tarball URL, which npm
     * writes into the copy v1-style: the URL as its "version", no resolved.
     */
    private static List<LockedPackage> legacyDisagreements(String path, List<RawEntry> entries,
            List<LockedPackage> pins, List<RawEntry> legacy, Bundles bundles) throws LockfileException {
        Map<String, LockedPackage> byLocation = new HashMap<>();
        Map<String, RawEntry> rawByLocation = new HashMap<>();
        Set<String> pinned = new HashSet<>();
        Set<String> fetchedFrom = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            LockedPackage pin = pins.get(i);
            byLocation.put(entries.get(i).location(), pin);
            rawByLocation.put(entries.get(i).location(), entries.get(i));
            pinned.add(pin.pinKey());
            pin.resolved().ifPresent(resolved -> fetchedFrom.add(urlPin(resolved, pin.integrity())));
        }
        List<LockedPackage> disagreeing = new ArrayList<>();
        for (RawEntry raw : legacy) {
            if (writtenAlike(raw, rawByLocation.get(raw.location()))) {
                // as npm writes nearly every entry of the copy: the same bytes, whatever else differs
                continue;
            }
            LockedPackage copy = raw.toPackage(path, bundles);
            if (copy.resolved().isEmpty() && fetchedFrom.contains(urlPin(raw.version(), copy.integrity()))) {
                // npm 6 fetches that "version" as "packages" fetches its resolved, against the same integrity
                continue;
            }
            LockedPackage current = byLocation.get(raw.location());
            boolean otherRegistryPackage = copy.source() == SourceKind.REGISTRY && !pinned.contains(copy.pinKey());
            boolean replacesRegistryPackage = copy.source() != SourceKind.REGISTRY && current != null
                    && current.source() == SourceKind.REGISTRY;
            if (otherRegistryPackage || replacesRegistryPackage) {
                disagreeing.add(copy);
            }
        }
        return disagreeing;
    }

    /** The same version, resolved URL and integrity, as written, in the same place. */
    private static boolean writtenAlike(RawEntry copy, RawEntry entry) {
        return entry != null && copy.version().equals(entry.version())
                && copy.fields().path("resolved").equals(entry.fields().path("resolved"))
                && copy.fields().path("integrity").equals(entry.fields().path("integrity"));
    }

        private static String urlPin(String url, Optional<Integrity> integrity) {
        return url + "\u0000" + integrity.map(Integrity::raw).orElse("");
    }

    /** 1, 2 or 3 for a number equal to one of them (3.0 is 3 to JavaScript), else 0. */
    private static int supportedVersion(String number) {
        try {
            BigDecimal value = new BigDecimal(number);
            for (int supported = 1; supported <= 3; supported++) {
                if (value.compareTo(BigDecimal.valueOf(supported)) == 0) {
                    return supported;
                }
            }
        } catch (NumberFormatException e) {
            // not a number Java reads: no version npm writes
        }
        return 0;
    }

    private static List<LockedPackage> merge(List<LockedPackage> pins) {
        Map<String, LockedPackage> byKey = new LinkedHashMap<>();
        for (LockedPackage pkg : pins) {
            // the resolved URL too: merged into a copy from elsewhere, an entry's own URL would be lost, and changed
            // mode compares it (without an integrity, it is all that says what gets installed)
            byKey.merge(pkg.pinKey(), pkg, LockfileReader::mergeLocations);
        }
        return List.copyOf(byKey.values());
    }

    private static LockedPackage mergeLocations(LockedPackage first, LockedPackage again) {
        List<Location> locations = new ArrayList<>(first.locations());
        locations.addAll(again.locations());
        // every name it is installed under: an entry installed under its own name lists no alias, and once merged
        // with one that does, its own name must stay among them, or the alias would seem to be all it is imported as
        Set<String> aliases = new LinkedHashSet<>(first.installedAs());
        aliases.addAll(again.installedAs());
        if (aliases.equals(Set.of(first.name()))) {
            aliases.clear();
        }
        // a package is dev-only or optional-only when every occurrence is
        return new LockedPackage(first.name(), first.version(), first.integrity(), first.resolved(),
                first.source(), first.dev() && again.dev(), first.optional() && again.optional(),
                first.peer() && again.peer(), locations, List.copyOf(aliases), first.ownShrinkwrap());
    }
}
