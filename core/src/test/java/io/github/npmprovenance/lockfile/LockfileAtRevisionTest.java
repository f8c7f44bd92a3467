package io.github.npmprovenance.lockfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileAtRevisionTest {
    private static final String LOCKFILE = """
            {"lockfileVersion": 3, "packages": {"": {"name": "p"},
              "node_modules/sigstore": {"version": "1.0.0",
                "resolved": "https://registry.npmjs.org/sigstore/-/sigstore-1.0.0.tgz",
                "integrity": "sha512-AAAA"}}}
            """;

    @TempDir
    Path dir;

    @Test
    void readsTheLockfileAsCommitted() throws Exception {
        Path repository = committedLockfile();
        String commit = Git.run(repository, "rev-parse", "HEAD").strip();
        Files.writeString(repository.resolve("package-lock.json"), "{}");

        Lockfile base = LockfileAtRevision.read(repository, commit, "package-lock.json").orElseThrow();

        assertThat(base.packages()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo("sigstore@1.0.0"));
    }

    @Test
    void aLockfileBelowTheRepositorysRootIsReadFromItsOwnFolder() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("checkout"));
        Path project = Files.createDirectories(repository.resolve("web"));
        Files.writeString(project.resolve("package-lock.json"), LOCKFILE);
        Git.commitAll(repository, "lockfile");
        Files.writeString(project.resolve("package-lock.json"), "{}");

        Lockfile base = LockfileAtRevision.readFile(project.resolve("package-lock.json"), "HEAD").orElseThrow();

        assertThat(base.packages()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo("sigstore@1.0.0"));
        assertThat(LockfileAtRevision.readFile(dir.resolve("package-lock.json"), "HEAD")).isEmpty();
    }

    @Test
    void aBackslashInAFolderNameIsPartOfTheNameNotASeparator() throws Exception {
        // fixtures/tampered holds a lockfile nobody verifies; the pull request adds the folder "fixtures\tampered",
        // whose lockfile had no base: read as fixtures/tampered's, every pin of it there counted as unchanged
        Path repository = Files.createDirectories(dir.resolve("checkout"));
        Files.writeString(Files.createDirectories(repository.resolve("fixtures/tampered")).resolve("package-lock.json"),
                LOCKFILE);
        Git.commitAll(repository, "fixture");
        Path added = Files.createDirectories(repository.resolve("fixtures\\tampered")).resolve("package-lock.json");
        Files.writeString(added, LOCKFILE);

        assertThat(LockfileAtRevision.gitPath(repository, added)).isEqualTo("fixtures\\tampered/package-lock.json");
        assertThat(LockfileAtRevision.readFile(added, "HEAD")).isEmpty();
        assertThat(LockfileAtRevision.readFile(repository.resolve("fixtures/tampered/package-lock.json"), "HEAD"))
                .isPresent();
    }

    /**
     * A pull request can turn the lockfile's folder into a submodule of a repository it controls; checked out with
     * --recurse-submodules, the folder's .git (a file) led to that repository, whose main held the pull request's own
     * lockfile: compared with it, nothing had changed, and nothing was verified.
     */
    @Test
    void aSubmoduleThePullRequestChoseIsNotTheRepositoryTheBaseIsReadFrom() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("checkout"));
        Path project = Files.createDirectories(repository.resolve("frontend"));
        Files.writeString(project.resolve("package-lock.json"), LOCKFILE);
        Git.commitAll(repository, "lockfile");
        String tampered = LOCKFILE.replace("sha512-AAAA", "sha512-BBBB");
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("package-lock.json"), tampered);
        Git.commitAll(foreign, "the pull request's own base");
        // what a submodule checkout leaves: a .git file pointing at the submodule's repository
        Files.writeString(project.resolve(".git"), "gitdir: " + foreign.resolve(".git") + "\n");
        Files.writeString(project.resolve("package-lock.json"), tampered);

        Lockfile base = LockfileAtRevision.readFile(project.resolve("package-lock.json"), "HEAD").orElseThrow();

        assertThat(LockfileAtRevision.repositoryRoot(project)).contains(repository.toRealPath());
        assertThat(base.packages()).singleElement().satisfies(p -> assertThat(p.integrity().orElseThrow().toString())
                .isEqualTo("sha512-AAAA"));
    }

    /**
     * Git runs hooks (pre-push, say,    /**
     * Git runs hooks (pre-push, say, where a project may run verify --changed-since) with GIT_DIR set; git then
     * takes its working directory as the working tree's root. A lockfile in a subfolder was compared with the
     * root's lockfile, and the packages the two pin alike were taken as unchanged and not verified.
     */
    @Test
    void aGitDirInheritedFromAHookDoesNotMakeAnotherLockfileTheBase() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("checkout"));
        Path project = Files.createDirectories(repository.resolve("web"));
        Files.writeString(project.resolve("package-lock.json"), LOCKFILE);
        Files.writeString(repository.resolve("package-lock.json"), LOCKFILE.replace("sigstore", "tuf-js"));
        Git.commitAll(repository, "lockfiles");

        ProcessBuilder child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), ReadFile.class.getName(),
                project.resolve("package-lock.json").toString(), "HEAD")
                .redirectErrorStream(true).directory(repository.toFile());
        child.environment().put("GIT_DIR", repository.resolve(".git").toString());
        Process run = child.start();
        String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(run.waitFor()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("[sigstore@1.0.0]");
    }

    /** Prints the ids of the packages {@link LockfileAtRevision#readFile} reads, in a JVM of its own environment. */
    public static final class ReadFile {
        public static void main(String[] args) throws Exception {
            System.out.println(LockfileAtRevision.readFile(Path.of(args[0]), args[1]).orElseThrow().packages()
                    .stream().map(LockedPackage::id).toList());
        }
    }

    /**
     * A partial clone (actions/checkout's filter: blob:none) lacks the base's blobs and fetches them when shown; a
     * remote that never answers held the action until the job's own timeout, since git's output was read before the
     * timeout began. Here the remote's upload-pack is a command that sleeps.
     */
    @Test
    void aPartialCloneWhoseRemoteHangsIsGivenUpOnAfterTheTimeout() throws Exception {
        Path origin = committedLockfile();
        Git.run(origin, "config", "uploadpack.allowFilter", "true");
        Path clone = dir.resolve("clone");
        Git.run(dir, "clone", "-q", "--no-checkout", "--filter=blob:none", origin.toUri().toString(), clone.toString());
        String commit = Git.run(clone, "rev-parse", "HEAD").strip();
        Path hanging = dir.resolve("hanging-upload-pack");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 600\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        Git.run(clone, "config", "remote.origin.uploadpack", hanging.toString());

        long start = System.nanoTime();
        var base = LockfileAtRevision.read(clone, commit, "package-lock.json", Duration.ofSeconds(3));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(base).isEmpty();
        assertThat(seconds).isLessThan(30);
    }

    /**
     * git reads an abbreviated commit id in either case, and takes a ref of that name before it: a tag named like
     * the base's id in capitals, pushed on the pull request's own commit, stood in for the base.
     */
    @Test
    void anAbbreviatedCommitIdInCapitalsThatATagAlsoAnswersToIsRefused() throws Exception {
        Path repository = committedLockfile();
        String base = Git.run(repository, "rev-parse", "HEAD").strip();
        Files.writeString(repository.resolve("package-lock.json"), LOCKFILE.replace("sigstore", "tuf-js"));
        Git.run(repository, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qam", "head");
        String abbreviated = base.substring(0, 12).toUpperCase(java.util.Locale.ROOT);
        Git.run(repository, "tag", abbreviated);

        assertThatThrownBy(() -> LockfileAtRevision.read(repository, abbreviated, "package-lock.json"))
                .isInstanceOf(LockfileException.class).hasMessageContaining("ambiguous")
                .hasMessageContaining("refs/tags/" + abbreviated);
    }

    /**
     * In a SHA-256 repository, 40 hex digits are an abbreviated commit id, which a ref of that name answers to
     * first; they were let through as a full id.
     */
    @Test
    void fortyHexDigitsInASha256RepositoryAreAnAbbreviationThatATagCanShadow() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("sha256"));
        Git.run(repository, "init", "-q", "--object-format=sha256");
        Files.writeString(repository.resolve("package-lock.json"), LOCKFILE);
        Git.run(repository, "add", ".");
        Git.run(repository, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "base");
        String base = Git.run(repository, "rev-parse", "HEAD").strip();
        Files.writeString(repository.resolve("package-lock.json"), LOCKFILE.replace("sigstore", "tuf-js"));
        Git.run(repository, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qam", "head");
        Git.run(repository, "tag", base.substring(0, 40));

        assertThatThrownBy(() -> LockfileAtRevision.read(repository, base.substring(0, 40), "package-lock.json"))
                .isInstanceOf(LockfileException.class).hasMessageContaining("ambiguous");
        // the full id is the commit, whatever refs are named
        assertThat(LockfileAtRevision.read(repository, base, "package-lock.json").orElseThrow().packages())
                .singleElement().satisfies(p -> assertThat(p.id()).isEqualTo("sigstore@1.0.0"));
    }

    private Path committedLockfile() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("origin"));
        Files.writeString(repository.resolve("package-lock.json"), LOCKFILE);
        Git.commitAll(repository, "lockfile");
        return repository;
    }
}
