package io.github.npmprovenance.run;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.report.Report;
import java.util.List;

/**
 * A finished run.
 *
 * @param lockfile the whole lockfile as read
 * @param verified how many distinct packages were verified (fewer than the lockfile holds in changed-only mode)
 * @param report the result
 * @param warnings problems that did not affect the verdicts (e.g. a cache that could not be written)
 */
public record RunOutcome(Lockfile lockfile, int verified, Report report, List<String> warnings) {
    public RunOutcome {
        warnings = List.copyOf(warnings);
    }
}
