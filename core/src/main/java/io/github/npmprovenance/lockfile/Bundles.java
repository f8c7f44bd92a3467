package io.github.npmprovenance.lockfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which lockfile locations npm leaves to a dependency's tarball (a bundle) instead of fetching them. npm does not
 * believe an entry's {@code inBundle} flag: @npmcli/arborist works it out from the tree ({@code Node.getBundler}).
 * An entry's bundler is its parent's bundler, else its parent when the parent's {@code bundleDependencies} names
 * it, else its parent when a package the parent bundles depends on it (a dependency deduplicated up to the
 * bundling level). Only a bundler other than the root project leaves an entry unfetched: what the root bundles,
 * and everything below it, is fetched like anything else.
 */
final class Bundles {
    private static final String NODE_MODULES = "node_modules/";
    private static final String ROOT = "";

    private final Map<String, Node> nodes;
    private final Set<String> inDependencyBundle = new HashSet<>();

    /**
     * @param location the entry's key ({@code node_modules/a/node_modules/b})
     * @param dependencyNames the names its dependencies, optional and peer dependencies ask for
     * @param bundleDependencies the names it bundles
     * @param link a link entry, which npm never makes anyone's parent
     * @param claimsBundled the entry says it is in a bundle; at the top that can only be the root project's
     */
    record Node(String location, Set<String> dependencyNames, Set<String> bundleDependencies, boolean link,
            boolean claimsBundled) {
    }

    /**
     * @param nodes the entries by location, a repeated location as its last occurrence (as JSON.parse keeps it)
     * @param rootBundles what the lockfile says the root project bundles (npm reads package.json, which we do not)
     */
    Bundles(Map<String, Node> nodes, Set<String> rootBundles) {
        this.nodes = nodes;
        Map<String, List<String>> children = new HashMap<>();
        List<String> tops = new ArrayList<>();
        for (String location : nodes.keySet()) {
            String parent = parentOf(location);
            if (parent == null) {
                continue;
            }
            if (parent.equals(ROOT) || nodes.containsKey(parent) && !nodes.get(parent).link()) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(location);
            } else {
                // its parent is not in the tree: npm gives it none, so nothing bundles it
                tops.add(location);
            }
        }
        // walked without recursion: a hostile lockfile can nest entries deeper than the stack
        Deque<String> unbundled = new ArrayDeque<>(tops);
        for (String top : children.getOrDefault(ROOT, List.of())) {
            if (nodes.get(top).claimsBundled() || rootBundles.contains(nameOf(top))) {
                // bundled by the root project, and so is everything inside it: all fetched
                continue;
            }
            unbundled.add(top);
        }
        while (!unbundled.isEmpty()) {
            String parent = unbundled.pop();
            Set<String> bundled = bundledBy(parent, children);
            for (String child : children.getOrDefault(parent, List.of())) {
                if (bundled.contains(child)) {
                    if (parent.contains(NODE_MODULES)) {
                        // a workspace folder that bundles is not fetched as a tarball, so its bundle is not skipped
                        inDependencyBundle.addAll(subtree(child, children));
                    }
                } else {
                    unbundled.add(child);
                }
            }
        }
    }

    /** True when npm takes the package at this location from a dependency's tarball, so it is not fetched. */
    boolean inDependencyBundle(String location) {
        return inDependencyBundle.contains(location);
    }

    /** The children a parent that nothing bundles bundles itself: those it names, and what they depend on. */
    private Set<String> bundledBy(String parent, Map<String, List<String>> children) {
        Set<String> bundled = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String child : children.getOrDefault(parent, List.of())) {
            if (nodes.get(parent).bundleDependencies().contains(nameOf(child))) {
                bundled.add(child);
                work.add(child);
            }
        }
        while (!work.isEmpty()) {
            for (String member : subtree(work.pop(), children)) {
                for (String name : nodes.get(member).dependencyNames()) {
                    String target = resolve(member, name);
                    if (target != null && parent.equals(parentOf(target)) && bundled.add(target)) {
                        work.add(target);
                    }
                }
            }
        }
        return bundled;
    }

    /** The location and everything below it. */
    private static List<String> subtree(String location, Map<String, List<String>> children) {
        List<String> all = new ArrayList<>();
        Deque<String> work = new ArrayDeque<>(List.of(location));
        while (!work.isEmpty()) {
            String next = work.pop();
            all.add(next);
            work.addAll(children.getOrDefault(next, List.of()));
        }
        return all;
    }

    /** Where a dependency named so, asked for at this location, is found: the nearest node_modules going up. */
    private String resolve(String from, String name) {
        String folder = from;
        while (true) {
            String candidate = (folder.isEmpty() ? "" : folder + "/") + NODE_MODULES + name;
            if (nodes.containsKey(candidate)) {
                return candidate;
            }
            if (folder.isEmpty()) {
                return null;
            }
            int slash = folder.lastIndexOf('/');
            folder = slash < 0 ? "" : folder.substring(0, slash);
        }
    }

    private static String nameOf(String location) {
        return location.substring(location.lastIndexOf(NODE_MODULES) + NODE_MODULES.length());
    }

    /** The parent package's location, {@code ""} for the root, null for a location outside any node_modules. */
    static String parentOf(String location) {
        int nested = location.lastIndexOf("/" + NODE_MODULES);
        if (nested >= 0) {
            return location.substring(0, nested);
        }
        return location.startsWith(NODE_MODULES) ? ROOT : null;
    }
}
