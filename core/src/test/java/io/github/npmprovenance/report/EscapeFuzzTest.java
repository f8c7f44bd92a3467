package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Package names, versions and registry messages reach logs, job summaries and pull request comments through
 * {@link Escape}: whatever they hold, a log line stays one line that no CI runner takes for a command (GitHub's runner
 * finds {@code ##[} with any characters outside ASCII between), and Markdown keeps none of the characters that start
 * formatting, links or HTML. In a normal build the test runs its stored inputs ({@code EscapeFuzzTestInputs/}).
 */
class EscapeFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void escapedTextIsOneLineThatNoRunnerReadsAsACommand(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        String plain = Escape.plain(text);
        String markdown = Escape.markdown(text);

        for (String escaped : new String[] {plain, markdown}) {
            assertThat(escaped.codePoints()).noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                    || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
            String ascii = escaped.replaceAll("[^\\x00-\\x7F]", "");
            assertThat(ascii).doesNotContain("##[").doesNotContain("##vso[");
        }
        assertThat(markdown).doesNotContainPattern("[<>|`\\[\\]()*_~\\\\!$]");
    }
}
