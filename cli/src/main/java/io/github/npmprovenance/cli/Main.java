package io.github.npmprovenance.cli;

import io.github.npmprovenance.registry.HttpThreads;
import io.github.npmprovenance.registry.ProxyAuthentication;
import io.github.npmprovenance.report.ReportFile;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code npm-provenance}: verify npm lockfiles against registry signatures. */
@Command(name = "npm-provenance", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Verifies that every package an npm lockfile pins is what the registry signed.",
        subcommands = {VerifyCommand.class, SnapshotCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every package passed",
            "1:a package failed the policy (--fail-on)",
            "2:usage error or unreadable input",
            "3:no package failed, but some could not be verified"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before any HTTP client exists: java.net.http reads it once (see ProxyAuthentication)
        ProxyAuthentication.allowBasicThroughTunnels();
        ReportFile.removeUnfinishedAtExit();
        int exitCode = run(args);
        HttpThreads.releaseBeforeExit();
        System.exit(exitCode);
    }

    /** Runs the command line without exiting; for tests and embedding. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true));
        commandLine.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err,
                java.nio.charset.StandardCharsets.UTF_8), true));
        // an empty path (an unset variable) is the current directory to Path.of, a checkout in CI: the cache, the
        // snapshot, the policy would be read from files a pull request commits, or written among them
        commandLine.registerConverter(java.nio.file.Path.class, value -> {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("needs a file name, not an empty value");
            }
            return java.nio.file.Path.of(value);
        });
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.USAGE_OR_INPUT);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            ErrorLine.print(cmd.getErr(), e);
            return ExitCodes.USAGE_OR_INPUT;
        });
        return commandLine;
    }

    /**
     * What was wrong, on a line of its own as every other error, and where help is: picocli's default printed the
     * whole help after it, some 70 lines on stderr that scrolled the line that mattered off the terminal.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        // picocli words a few of its messages "Error: ...", after which our own prefix would say it twice
        ErrorLine.print(err, e.getMessage().replaceFirst("^Error: ", ""));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for every option.");
        return ExitCodes.USAGE_OR_INPUT;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: verify or snapshot");
    }
}
