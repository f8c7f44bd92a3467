package io.github.npmprovenance.registry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a rate-limited registry asks to be left alone: its {@code Retry-After} header, read as RFC 9110 has it. */
final class RetryAfter {
    /** RFC 850's date, weekday and year split off: {@code Sunday}, {@code 06-Nov-}, {@code 94}, {@code 08:49:37}. */
    private static final Pattern RFC_850 =
            Pattern.compile("([A-Z][a-z]{2,5}day), (\\d{2}-[A-Z][a-z]{2}-)(\\d{2}) (\\d{2}:\\d{2}:\\d{2}) GMT");
    /** The same without the weekday, the year in full. */
    private static final DateTimeFormatter RFC_850_DATE = DateTimeFormatter.ofPattern("dd-MMM-uuuu HH:mm:ss", Locale.US)
            .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);
    /** asctime's date, its day of the month padded with a space: {@code Sun Nov  6 08:49:37 1994}. */
    private static final Pattern ASCTIME =
            Pattern.compile("[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}");
    private static final DateTimeFormatter ASCTIME_DATE = DateTimeFormatter
            .ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.US)
            .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    /** The response's {@code Retry-After}, as of now. */
    static Optional<Duration> of(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> parse(value, Instant.now()));
    }

    /** A {@code Retry-After} value as of now: delay-seconds or an HTTP date; anything else is no value. */
    static Optional<Duration> parse(String header, Instant now) {
        String value = header.trim();
        if (value.matches("\\d+")) {
            // however long, it is a wait: one beyond maxRetryAfter fails the request rather than being ignored
            return Optional.of(Duration.ofSeconds(value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value)));
        }
        return httpDate(value, now).map(when -> {
            Duration wait = Duration.between(now, when);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    /**
     * An HTTP date in any of the three formats RFC 9110 (5.6.7) has a recipient accept: IMF-fixdate
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and
     * asctime ({@code Sun Nov  6 08:49:37 1994}), which servers still send.
     */
    private static Optional<Instant> httpDate(String value, Instant now) {
        try {
            Matcher rfc850 = RFC_850.matcher(value);
            if (rfc850.matches()) {
                // a two-digit year more than 50 years ahead is the latest past year with those digits (RFC 9110)
                ZonedDateTime limit = now.atZone(ZoneOffset.UTC).plusYears(50);
                int year = limit.getYear() - Math.floorMod(limit.getYear() - Integer.parseInt(rfc850.group(3)), 100);
                ZonedDateTime when = ZonedDateTime.parse(rfc850.group(2) + year + " " + rfc850.group(4), RFC_850_DATE);
                if (when.isAfter(limit)) {
                    when = ZonedDateTime.parse(rfc850.group(2) + (year - 100) + " " + rfc850.group(4), RFC_850_DATE);
                }
                // as in the other two formats, a weekday that is not the date's makes it no date
                boolean weekday = when.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US).equals(rfc850.group(1));
                return weekday ? Optional.of(when.toInstant()) : Optional.empty();
            }
            if (ASCTIME.matcher(value).matches()) {
                return Optional.of(ZonedDateTime.parse(value, ASCTIME_DATE).toInstant());
            }
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
