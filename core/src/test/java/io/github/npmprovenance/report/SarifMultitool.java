package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Microsoft's SARIF Multitool ({@code @microsoft/sarif-multitool-linux} on the npm registry, installed by
 * {@code .ci/run}), the validator behind the SARIF web validator: the SARIF 2.1.0 schema, the specification's rules
 * and GitHub code scanning's ingestion rules ({@code --rule-kind Gh}), whose errors make code scanning reject a file.
 *
 * <p>Found through {@code SARIF_MULTITOOL} (the path of its {@code Sarif.Multitool} executable). Where that is
 * unset the tests that need it are skipped, saying so; where it is set, a validator that does not run fails them.
 */
public final class SarifMultitool {
    public static final String VARIABLE = "SARIF_MULTITOOL";
    /** A finding as the Multitool prints it: {@code file(line,column): error JSON1008: …}. */
    private static final Pattern FINDING = Pattern.compile("\\): (error|warning) [A-Z]+[0-9]+: ");

    private final Path executable;

    private SarifMultitool(Path executable) {
        this.executable = executable;
    }

    /** The configured Multitool; skips the calling test where none is configured. */
    public static SarifMultitool fromEnvironment() {
        String configured = System.getenv(VARIABLE);
        Assumptions.assumeTrue(configured != null && !configured.isBlank(), VARIABLE
                + " is not set: set it to the Sarif.Multitool of @microsoft/sarif-multitool-linux (see .ci/run) to "
                + "validate SARIF reports as GitHub code scanning's rules do");
        Path executable = Path.of(configured);
        assertThat(executable).as(VARIABLE).isExecutable();
        return new SarifMultitool(executable);
    }

    /** The errors and warnings the Multitool finds in {@code sarif}, as it prints them; empty for a valid file. */
    public List<String> problems(Path sarif, Path scratch) throws IOException, InterruptedException {
        Path output = Files.createTempFile(scratch, "validation", ".sarif");
        Path console = Files.createTempFile(scratch, "validation", ".log");
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "validate", sarif.toString(),
                "--output", output.toString(), "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh",
                "--level", "Error;Warning",
                // its default skips files over 10,000 KB; code scanning takes up to 10 MB gzip-compressed
                "--max-file-size-in-kb", "1000000")
                .redirectErrorStream(true).redirectOutput(console.toFile());
        // .NET needs ICU for culture data unless told to do without; a CI image may lack it
        builder.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
        builder.environment().put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the SARIF Multitool did not finish in 2 minutes");
        }
        String printed = Files.readString(console, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("the SARIF Multitool's exit code; it printed:%n%s", printed).isZero();
        assertThat(printed).as("the SARIF Multitool's output").contains("Analysis completed successfully");
        assertThat(output).as("the SARIF Multitool's own log; it printed:%n%s", printed).isNotEmptyFile();
        return printed.lines().filter(line -> FINDING.matcher(line).find()).toList();
    }
}
