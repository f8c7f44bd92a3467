package io.jenkins.plugins.npmprovenance.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.npmprovenance.VerifyNpmProvenanceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepParametersTest {
    @Test
    void blanksMeanDefaultsAndAreValid() {
        StepParameters parameters = new StepParameters(null, " ", "", null, null, null);

        assertThat(parameters.problems()).isEmpty();
        assertThat(parameters.lockfile()).isEmpty();
        assertThat(parameters.failOnOverride()).isEmpty();
    }

    @Test
    void everyMistakeIsNamed() {
        StepParameters parameters = new StepParameters("../../etc/passwd", "/abs/policy.yml", "invalid,sometimes",
                "ftp://npm.example", "", "some");

        assertThat(parameters.problems()).containsExactly(
                "lockfile must be a path inside the workspace, not '../../etc/passwd'",
                "policy must be a path inside the workspace, not '/abs/policy.yml'",
                "failOn: unknown status \"sometimes\" (expected some of invalid, error, unsigned, skipped, or none)",
                "registry must be an http(s) URL, not 'ftp://npm.example'",
                "mode must be 'all' or 'changed', not 'some'");
    }

    @Test
    void aTokenNeedsTheRegistryItIsFor() {
        StepParameters parameters = new StepParameters("", "", "", "", "npm-token", "");

        assertThat(parameters.problems()).containsExactly(
                "tokenCredentialsId needs registry: the token is sent only to the registry given with it");
    }

    @Test
    void theFormChecksATokenAsTheStepDoes() {
        // the form's check of tokenCredentialsId takes the registry field beside it
        assertThat(StepParameters.problemWithToken("npm-token", " ")).contains(
                "tokenCredentialsId needs registry: the token is sent only to the registry given with it");
        assertThat(StepParameters.problemWithToken("npm-token", "https://npm.example.com/")).isEmpty();
        assertThat(StepParameters.problemWithToken(null, "")).isEmpty();
    }

    @Test
    void theDefaultModeIsOfferedWithTheValueOfAStepThatSetsNone() {
        // the Snippet Generator writes a parameter whose value differs from a new step's: the first option used to
        // be 'all', so every snippet generated with the default mode read "mode: 'all'"
        assertThat(StepParameters.MODE_CHOICES.get(0).value()).isEqualTo(new VerifyNpmProvenanceStep().getMode());
        assertThat(StepParameters.MODE_CHOICES).extracting(StepParameters.Choice::value)
                .containsExactly("", "changed");
        for (StepParameters.Choice choice : StepParameters.MODE_CHOICES) {
            assertThat(new StepParameters("", "", "", "", "", choice.value()).problems()).isEmpty();
        }
    }

    @Test
    void validValuesPass() {
        StepParameters parameters = new StepParameters("web/package-lock.json", ".npm-provenance.yml", "invalid",
                "https://npm.example.com/artifactory/api/npm/npm/", "npm-token", "Changed");

        assertThat(parameters.problems()).isEmpty();
        assertThat(parameters.mode()).isEqualTo("changed");
        assertThat(parameters.failOnOverride()).isPresent();
    }

    @Test
    void aRegistryWithoutSchemeIsNamedAndOneInCapitalsIsTaken() {
        // the Snippet Generator's check of //npm.example.com/ answered with a NullPointerException, and the step
        // stopped with its stack trace; HTTPS://registry.npmjs.org/, which the command line takes, was refused
        assertThat(new StepParameters("", "", "", "//npm.example.com/", "", "").problems())
                .containsExactly("registry must be an http(s) URL, not '//npm.example.com/'");
        assertThat(StepParameters.problemWithRegistry("//npm.example.com/")).isPresent();
        assertThat(new StepParameters("", "", "", "HTTPS://registry.npmjs.org/", "", "").problems()).isEmpty();
    }

    @Test
    void aRegistryHoldingAPasswordIsRefusedWithoutQuotingIt() {
        // it was taken, and with a tokenCredentialsId that finds no credential the step printed the registry, password
        // and all, to the build log ("no secret-text credential ... for https://ci:s3cret@npm.example.com/"); the
        // agent refuses such a registry anyway (its URL is printed in every report)
        // a '/', '?' or '#' in the password made it no URL, quoted whole in "must be an http(s) URL, not '...'"
        for (String registry : List.of("https://ci:s3cret@npm.example.com/", "ftp://ci:s3cret@npm.example.com/",
                "https://ci:s3cret pass@npm.example.com/", "https://ci:abc/s3cret+x=@npm.example.com/",
                "https://ci:s3cr#t@npm.example.com/", "https://ci:s3cr?t@npm.example.com/",
                "ci:s3cret@npm.example.com", "https://ci:2024/s3cret@npm.example.com/",
                "https://ci:?s3cret@npm.example.com/", "https://ci:#s3cret@npm.example.com/")) {
            assertThat(new StepParameters("", "", "", registry, "npm-token", "").problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("registry must not hold credentials")
                            .contains("tokenCredentialsId").doesNotContain("s3cr"));
            assertThat(StepParameters.problemWithRegistry(registry)).hasValueSatisfying(
                    p -> assertThat(p).doesNotContain("s3cr"));
        }
        // no registry's URL holds an '@' (a scope goes in a package's URL), but for an Azure Artifacts feed's view
        assertThat(StepParameters.problemWithRegistry("https://npm.example.com/@scope/")).isPresent();
        assertThat(StepParameters.problemWithRegistry(
                "https://pkgs.dev.azure.com/contoso/_packaging/web@Release/npm/registry/")).isEmpty();
    }
}
