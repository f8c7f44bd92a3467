package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Git;
import io.github.npmprovenance.testing.TestLockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PR-diff mode on the command line: what a change brought into the lockfile is verified, what it kept is not. */
class ChangedSinceTest {
    private final FixtureRegistry registry = FixtureRegistry.start();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        registry.close();
    }

    private static TestLockfile base() {
        return VerifyCommandTest.signed();
    }

    /** The base with nuxt added, its integrity tampered with. */
    private static TestLockfile head() {
        return VerifyCommandTest.oneTampered();
    }

    private CliRun verify(Path project, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", project.toString(), "--registry",
                registry.url().toString(), "--no-cache", "--userconfig", dir.resolve("no-npmrc").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A repository whose commit holds the base lockfile in {@code sub/}, with the head's in the working tree. */
    private Path repositoryWithTheHeadUncommitted() throws Exception {
        Path repository = dir.resolve("repo");
        Path project = repository.resolve("sub");
        base().writeTo(project);
        Git.commitAll(repository, "base");
        head().writeTo(project);
        return project;
    }

    @Test
    void onlyWhatChangedSinceTheRevisionIsVerifiedAndATamperedAdditionFails() throws Exception {
        Path project = repositoryWithTheHeadUncommitted();

        CliRun run = verify(project, "--changed-since", "HEAD");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: 1 package new or changed since HEAD (of 3) in ")
                .contains("INVALID  nuxt@3.13.0");
        // and the reports say so too, not only how many were verified
        CliRun json = verify(project, "--changed-since", "HEAD", "--json");
        assertThat(json.out()).contains("\"changedSince\" : {").contains("\"base\" : \"HEAD\"")
                .contains("\"lockfilePackages\" : 3");
        // the packages the revision already pinned the same way were not even fetched
        assertThat(registry.requests()).extracting(FixtureRegistry.Request::path)
                .noneMatch(p -> p.contains("sigstore") || p.contains("tuf-js"));
    }

    /** git's own ways of naming the commit before: the commonest base on a command line, where no branch names it. */
    @Test
    void aRevisionRelativeToAnotherAsGitWritesItIsTheBase() throws Exception {
        Path project = repositoryWithTheHeadUncommitted();
        Git.run(project, "add", ".");
        Git.run(project, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "head");

        for (String revision : List.of("HEAD~1", "HEAD^", "HEAD~", "HEAD^1~0")) {
            CliRun run = verify(project, "--changed-since", revision);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).as(revision).contains("FAILED: 1 package new or changed since " + revision
                    + " (of 3) in ").contains("INVALID  nuxt@3.13.0");
            assertThat(run.err()).as(revision).doesNotContain("warning");
        }
    }

    @Test
    void aRepositoryCommittedBesideTheLockfileCannotStandInForTheBase() throws Exception {
        // a pull request can commit a bare repository's HEAD, objects/, refs/ and config beside its lockfile; git
        // started there takes it for the repository, and its replace ref answers for the base commit with the head's
        // own lockfile, so that nothing would count as changed
        Path project = repositoryWithTheHeadUncommitted();
        Path repository = project.getParent();
        String base = Git.run(repository, "rev-parse", "HEAD").strip();
        Git.run(repository, "add", ".");
        Git.run(repository, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "head");
        Git.plantRepository(project, base, project.resolve("package-lock.json"), "package-lock.json");

        CliRun run = verify(project, "--changed-since", base);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("INVALID  nuxt@3.13.0");
        assertThat(run.out()).contains("1 package new or changed since " + base + " (of 3) in ");
    }

    @Test
    void aBaseLockfileFileServesWhereThereIsNoGit() throws Exception {
        Path baseFile = base().writeTo(dir.resolve("base"));
        Path project = dir.resolve("head");
        head().writeTo(project);

        CliRun run = verify(project, "--base-lockfile", baseFile.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: 1 package new or changed since " + baseFile
                + " (of 3) in ").contains("INVALID  nuxt@3.13.0");
    }

    @Test
    void aRevisionGitCannotShowMeansEveryPackageIsVerifiedWithAWarning() throws Exception {
        Path project = repositoryWithTheHeadUncommitted();

        CliRun run = verify(project, "--changed-since", "no-such-branch");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: 3 packages");
        assertThat(run.err()).contains("warning: git cannot show package-lock.json at no-such-branch (no such "
                + "revision in this checkout, or no lockfile there then); verifying every package");
    }

    @Test
    void aBaseNotShownSaysWhetherTheRevisionOrTheCheckoutIsWhatWasNotTaken() throws Exception {
        Path project = repositoryWithTheHeadUncommitted();
        Path worktree = dir.resolve("worktree");
        head().writeTo(worktree);
        // as git worktree add writes it: a file, which a submodule's checkout has too, and which is not followed
        Files.writeString(worktree.resolve(".git"), "gitdir: " + project.getParent().resolve(".git") + "\n");

        CliRun reflog = verify(project, "--changed-since", "HEAD@{1}");
        CliRun inWorktree = verify(worktree, "--changed-since", "HEAD");

        assertThat(reflog.err()).contains("warning: git cannot show package-lock.json at HEAD@{1} (not a revision "
                + "this tool asks git for: a commit id, or a branch or tag name, followed by ~N or ^N at most)");
        assertThat(inWorktree.err()).contains("warning: git cannot show package-lock.json at HEAD (no .git "
                + "directory above the lockfile: the .git file of a git worktree or a submodule is not followed)");
        assertThat(List.of(reflog, inWorktree)).allSatisfy(run -> assertThat(run.out()).contains("FAILED: 3 packages"));
    }

    @Test
    void bothBasesAtOnceOrAnUnreadableBaseFileAreUsageErrors() throws Exception {
        Path project = dir.resolve("head");
        head().writeTo(project);

        CliRun both = verify(project, "--changed-since", "HEAD", "--base-lockfile", project.toString());
        CliRun missing = verify(project, "--base-lockfile", dir.resolve("nothing-here").toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("npm-provenance: --changed-since=REV, --base-lockfile=FILE are mutually "
                + "exclusive");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nothing-here");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void anEmptyRevisionIsAUsageErrorNotEveryPackage() throws Exception {
        // --changed-since "$BASE_SHA" with the variable unset: that is a mistake in the workflow, not a base git
        // cannot show, and every pull request would verify the whole lockfile with only a warning to say so
        Path project = dir.resolve("head");
        head().writeTo(project);

        CliRun run = verify(project, "--changed-since", " ");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--changed-since").contains("not an empty value");
        assertThat(registry.requests()).isEmpty();
    }

    /**
     * npm installs from npm-shrinkwrap.json when there is one and ignores package-lock.json beside it, and so does a
     * run given the folder: a package-lock.json that the base kept beside its shrinkwrap was never what was verified.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "emptied rather than deleted: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aShrinkwrapRemovedSinceTheRevisionDoesNotMakeThePackageLockItHidTheBase(boolean emptied) throws Exception {
        Path repository = dir.resolve("repo");
        Path project = repository.resolve("sub");
        java.nio.file.Files.createDirectories(project);
        java.nio.file.Files.writeString(project.resolve("npm-shrinkwrap.json"), base().json());
        head().writeTo(project);
        Git.commitAll(repository, "base: the shrinkwrap is what npm installs, the package-lock.json is ignored");
        if (emptied) {
            // npm passes over an empty one, and installs the package-lock.json the base hid
            java.nio.file.Files.writeString(project.resolve("npm-shrinkwrap.json"), "");
        } else {
            java.nio.file.Files.delete(project.resolve("npm-shrinkwrap.json"));
        }

        CliRun run = verify(project, "--changed-since", "HEAD");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: 3 packages").contains("INVALID  nuxt@3.13.0");
        assertThat(run.err()).contains("npm-shrinkwrap.json").contains("verifying every package");
    }

    @Test
    void anEmptyShrinkwrapRemovedSinceTheRevisionHidNothing() throws Exception {
        // npm passes over an empty npm-shrinkwrap.json for the package-lock.json beside it: that was the base
        Path repository = dir.resolve("repo");
        Path project = repository.resolve("sub");
        java.nio.file.Files.createDirectories(project);
        java.nio.file.Files.writeString(project.resolve("npm-shrinkwrap.json"), "");
        base().writeTo(project);
        Git.commitAll(repository, "base: an empty shrinkwrap, which npm passes over");
        java.nio.file.Files.delete(project.resolve("npm-shrinkwrap.json"));
        head().writeTo(project);

        CliRun run = verify(project, "--changed-since", "HEAD");

        assertThat(run.err()).doesNotContain("verifying every package");
        assertThat(run.out()).contains("1 package new or changed since HEAD (of 3)").contains("INVALID  nuxt@3.13.0");
    }

    /**
     * The README's workflow names package-lock.json. A pull request that adds an npm-shrinkwrap.json beside it, with
     * a tampered pin, has npm install from the shrinkwrap and ignore the package-lock.json, which it left as the base
     * had it: verifying that file passed, changed mode and all (0 packages new or changed, exit 0).
     */
    @Test
    void aPackageLockGivenByNameWithAShrinkwrapBesideItIsNotWhatNpmInstallsFrom() throws Exception {
        Path repository = dir.resolve("repo");
        Path project = repository.resolve("sub");
        base().writeTo(project);
        Git.commitAll(repository, "base");
        java.nio.file.Files.writeString(project.resolve("npm-shrinkwrap.json"), head().json());
        Path packageLock = project.resolve("package-lock.json");

        for (CliRun run : List.of(verify(packageLock, "--changed-since", "HEAD"), verify(packageLock))) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.out()).doesNotContain("PASSED");
            assertThat(run.err()).contains("package-lock.json").contains("npm-shrinkwrap.json beside it");
        }
        // the folder is what npm reads: its shrinkwrap, new since the base, is verified whole
        CliRun folder = verify(project, "--changed-since", "HEAD");
        assertThat(folder.exitCode()).as(folder.out() + folder.err()).isEqualTo(1);
        assertThat(folder.out()).contains("INVALID  nuxt@3.13.0");
    }

    /**
     * git takes a tag before a remote branch of the same name: a tag origin/main (which whoever may push tags can
     * push, without being allowed to push to main) made --changed-since origin/main read the lockfile of the commit
     * it tags, the pull request's own, and nothing counted as changed.
     */
    @Test
    void aRevisionNamingMoreThanOneRefIsNoBase() throws Exception {
        Path project = repositoryWithTheHeadUncommitted();
        Path repository = project.getParent();
        Git.run(repository, "update-ref", "refs/remotes/origin/main", "HEAD");
        Git.run(repository, "add", ".");
        Git.run(repository, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "head");
        Git.run(repository, "tag", "origin/main");

        CliRun run = verify(project, "--changed-since", "origin/main");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: 3 packages").contains("INVALID  nuxt@3.13.0");
        assertThat(run.err()).contains("origin/main").contains("ambiguous").contains("verifying every package");
        // the full name still serves
        CliRun named = verify(project, "--changed-since", "refs/remotes/origin/main");
        assertThat(named.out()).as(named.err()).contains("1 package new or changed since refs/remotes/origin/main (of 3)");
    }
}
