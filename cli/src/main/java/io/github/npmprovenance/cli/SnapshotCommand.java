package io.github.npmprovenance.cli;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.CachingRegistrySource;
import io.github.npmprovenance.registry.HttpRegistrySource;
import io.github.npmprovenance.registry.LocalStore;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.ProgressListener;
import io.github.npmprovenance.verify.VerifierSettings;
import io.github.npmprovenance.verify.Verifier;
import io.github.npmprovenance.report.Escape;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = {"Records every registry response a later 'verify --offline DIR' needs for this lockfile.",
            "The snapshot holds each locked version's registry metadata and each registry's signing keys."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the snapshot is complete",
            "2:usage error or unreadable input",
            "3:some packages could not be fetched; the snapshot lacks them"})
final class SnapshotCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE|DIR", defaultValue = ".",
            description = "The lockfile, or a directory holding one. Default: the current directory")
    Path lockfile;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Directory to write the snapshot to.")
    Path to;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    TrustOptions trustOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (registryOptions.offline != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offline makes no sense for snapshot");
        }
        Lockfile parsed;
        RegistryConfig config;
        try {
            parsed = new LockfileReader().read(lockfile);
            config = registryOptions.registryConfig(Path.of(parsed.path()));
        } catch (LockfileException e) {
            spec.commandLine().getErr().println("npm-provenance: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        var source = new CachingRegistrySource(new LocalStore(to),
                new HttpRegistrySource(registryOptions.httpOptions(), "npm-provenance/" + ToolVersion.VALUE), true);
        List<PackageResult> results = new Verifier(config, source,
                VerifierSettings.of(registryOptions.concurrency, trustOptions.load()), ProgressListener.NONE)
                .verify(parsed);
        List<PackageResult> missing = results.stream()
                .filter(r -> r.checks().stream().anyMatch(c -> c.name().equals(CheckResult.REGISTRY_METADATA)
                        || c.code().startsWith("REGISTRY_")))
                .toList();
        long recorded = results.stream().filter(r -> r.pkg().source().fromRegistry()).count() - missing.size();
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("snapshot " + Escape.plain(to.toString()) + ": " + recorded + " package versions recorded"
                + (missing.isEmpty() ? "" : ", " + missing.size() + " could not be fetched:"));
        for (PackageResult r : missing) {
            out.println("  " + Escape.plain(r.pkg().id()) + ": " + Escape.plain(r.reason()));
        }
        out.flush();
        return missing.isEmpty() ? ExitCodes.PASSED : ExitCodes.INCOMPLETE;
    }
}
