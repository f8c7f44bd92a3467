package io.github.npmprovenance.report;

/**
 * A run that verified only the packages new or changed since a base lockfile: what it was compared with, and how
 * many packages the lockfile holds, so that no report reads as if it covered them all.
 *
 * @param base the revision or file the base lockfile was read from, as the front end names it
 * @param lockfilePackages the distinct packages of the whole lockfile, verified or not
 */
public record ChangedSince(String base, int lockfilePackages) {
}
