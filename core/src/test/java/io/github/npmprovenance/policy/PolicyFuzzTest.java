package io.github.npmprovenance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;

/**
 * The policy file is the project's, changed by pull requests like any file: whatever it holds, it is read or refused
 * with a {@link PolicyException} naming it (exit code 2), never another exception. In a normal build the test runs
 * its stored inputs ({@code PolicyFuzzTestInputs/}); see README, Tests.
 */
class PolicyFuzzTest {
    private static final String PATH = "web/.npm-provenance.yml";

    @FuzzTest(maxDuration = "10m")
    void anyTextIsAPolicyOrRefusedNamingTheFile(FuzzedDataProvider data) {
        try {
            new PolicyReader().read(PATH, new StringReader(data.consumeRemainingAsString()));
        } catch (PolicyException e) {
            assertThat(e.getMessage()).startsWith(PATH);
        }
    }
}
