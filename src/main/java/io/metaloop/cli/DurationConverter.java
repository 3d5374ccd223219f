package io.metaloop.cli;

import io.metaloop.spec.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Reads durations such as {@code 90s}, {@code 10m}, {@code 1h30m} for options. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
