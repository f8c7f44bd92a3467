package io.github.npmprovenance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailOnTest {

    @Test
    void noneMixedWithStatusesSaysNoneStandsAloneInsteadOfCallingItUnknown() {
        assertThat(FailOn.parse("none").toString()).isEqualTo("none");

        assertThatThrownBy(() -> FailOn.parse("none,invalid")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("none stands alone: it cannot be combined with other statuses");
        assertThatThrownBy(() -> FailOn.parse("invalid, None")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("unknown status");
    }

    @Test
    void verifiedAndSignedCannotBeMadeToFail() {
        // every package that passes verification would fail the run
        for (String value : new String[] {"invalid,verified", "signed"}) {
            assertThatThrownBy(() -> FailOn.parse(value)).as(value).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("verified and signed packages cannot fail the run");
        }
    }
}
