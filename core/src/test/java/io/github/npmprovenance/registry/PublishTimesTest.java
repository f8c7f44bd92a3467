package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Publish times decide whether a registry key had expired when a version was published, so the quick reading must
 * give exactly what {@link Instant#parse} gives, and refuse exactly what it refuses.
 */
class PublishTimesTest {
    private static final String CHARACTERS = "0123456789-:.TZtz+ ";

    @Test
    void readsTheRegistrysFormToTheNanosecond() {
        assertThat(PublishTimes.parse("2023-04-07T18:09:45.123Z")).isEqualTo(Instant.ofEpochSecond(1_680_890_985L,
                123_000_000));
        assertThat(PublishTimes.parse("2023-04-07T18:09:45Z")).isEqualTo(Instant.ofEpochSecond(1_680_890_985L));
        assertThat(PublishTimes.parse("2023-04-07T18:09:45.000000001Z")).isEqualTo(
                Instant.ofEpochSecond(1_680_890_985L, 1));
    }

    @Test
    void agreesWithInstantParseOnEdgesAndOtherForms() {
        for (String text : List.of("2020-02-29T00:00:00Z", "2021-02-29T00:00:00Z", "2021-04-31T00:00:00Z",
                "2021-13-01T00:00:00Z", "2021-00-01T00:00:00Z", "2021-01-00T00:00:00Z", "2016-12-31T23:59:60Z",
                "2021-01-01T24:00:00Z", "2021-01-01T23:60:00Z", "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00.1234567891Z",
                "2021-01-01t00:00:00z", "2021-01-01T00:00:00+01:00", "2021-01-01T00:00:00", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "+2021-01-01T00:00:00Z", "2021-1-01T00:00:00.000Z",
                "2021-01-01T00:00:00.0-0Z", "2021-01-01 00:00:00Z", "", "Z")) {
            assertSameAsInstantParse(text);
        }
    }

    @Test
    void agreesWithInstantParseOnRandomTimesAndTheirMutations() {
        Random random = new Random(20261128);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            String text = instant.toString();
            int cut = text.indexOf('.');
            if (cut > 0 && random.nextBoolean()) {
                // 0 to 9 fraction digits
                text = text.substring(0, Math.min(text.length() - 1, cut + random.nextInt(11))) + "Z";
            }
            assertSameAsInstantParse(text);
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
            assertSameAsInstantParse(new String(mutated));
        }
    }

    private static void assertSameAsInstantParse(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> PublishTimes.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(PublishTimes.parse(text)).as(text).isEqualTo(expected);
    }
}
