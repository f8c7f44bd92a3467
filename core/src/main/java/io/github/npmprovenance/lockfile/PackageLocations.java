package io.github.npmprovenance.lockfile;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where npm installs an entry, from its lockfile key: arborist resolves the key as a path, so {@code node_modules/./x},
 * {@code node_modules//x}, {@code node_modules/x/} and {@code node_modules/y/../x} all install {@code x}, which the
 * project's code imports by that name. npm writes none of them; a lockfile that does is refused, lest the name a rule
 * is matched against differ from the one the code imports.
 */
final class PackageLocations {
    private PackageLocations() {
    }

    /** The key as a normalized path: no empty or {@code .} segment, {@code ..} only leading (a folder outside). */
    static String normalized(String key) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : key.replace('\\', '/').split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") && !segments.isEmpty() && !segments.peekLast().equals("..")) {
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    /** @throws LockfileException unless the key is the path npm would write for where it installs the entry */
    static void requireNormalized(String path, int line, String key) throws LockfileException {
        String normalized = normalized(key);
        if (!normalized.equals(key)) {
            throw new LockfileException(path, line, "package key \"" + key + "\" is not written as npm writes it:"
                    + " npm installs it at \"" + normalized + "\"", null);
        }
    }
}
