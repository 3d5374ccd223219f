package io.metaloop.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in study files and on the command line: {@code 90s},
 * {@code 10m}, {@code 1h30m}, {@code 2h}, {@code 1d} (whole numbers of days, hours, minutes and
 * seconds, largest unit first, in any case), or ISO-8601 such as {@code PT10M}.
 */
public final class Durations {

    /** What a duration looks like, for error messages. */
    public static final String EXPECTED = "a duration such as 90s, 10m, 1h30m, 2h or PT10M";

    private static final Pattern COMPACT =
            Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @throws IllegalArgumentException with a message for the user when {@code text} is not one
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("a duration must be positive, got '" + text + "'");
        }
        Duration d;
        if (t.startsWith("p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        } else {
            if (t.matches("\\d+")) {
                throw new IllegalArgumentException("duration '" + text + "' needs a unit, e.g. " + t + "s or " + t + "m");
            }
            Matcher m = COMPACT.matcher(t);
            if (t.isEmpty() || !m.matches()) {
                throw invalid(text);
            }
            try {
                d = Duration.ofDays(part(m, 1))
                        .plusHours(part(m, 2))
                        .plusMinutes(part(m, 3))
                        .plusSeconds(part(m, 4));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration '" + text + "' is too long");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a duration must be positive, got '" + text + "'");
        }
        return d;
    }

    /** The compact form of {@code d}, e.g. {@code 1h30m}; ISO-8601 when it has a fraction of a second. */
    public static String format(Duration d) {
        if (d.getNano() != 0 || d.isNegative()) {
            return d.toString();
        }
        if (d.isZero()) {
            return "0s";
        }
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        append(b, s / 86_400, "d");
        append(b, s % 86_400 / 3_600, "h");
        append(b, s % 3_600 / 60, "m");
        append(b, s % 60, "s");
        return b.toString();
    }

    private static void append(StringBuilder b, long n, String unit) {
        if (n != 0) {
            b.append(n).append(unit);
        }
    }

    private static long part(Matcher m, int group) {
        String g = m.group(group);
        return g == null ? 0 : Long.parseLong(g);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
}
