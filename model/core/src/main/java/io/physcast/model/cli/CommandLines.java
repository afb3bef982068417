package io.physcast.model.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parsing with picocli for every command: options are declared once, as annotated fields, and the
 * same declarations give {@code --help} and docs/configuration.md. Mistakes become {@link
 * IllegalArgumentException}s naming the option; {@code --help} prints the usage and throws {@link
 * HelpShown}.
 */
public final class CommandLines {
    private CommandLines() {}

    /** Thrown after {@code --help} or {@code --version} printed what was asked. */
    public static final class HelpShown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpShown() {
            super("help shown", null, false, false);
        }
    }

    public static <T> T parse(T options, List<String> args) {
        return parse(options, args.toArray(String[]::new));
    }

    public static <T> T parse(T options, String... args) {
        CommandLine cl = commandLine(options);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            throw new HelpShown();
        }
        return options;
    }

    /** The command line of an options object, with this project's value converters. */
    public static CommandLine commandLine(Object options) {
        return new CommandLine(options)
                .registerConverter(Duration.class, CommandLines::duration)
                .registerConverter(Instant.class, CommandLines::instant)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // the last of a repeated option wins, as a later setting overrides a default
                .setOverwrittenOptionsAllowed(true)
                .setTrimQuotes(false);
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d}, {@code 0s}, or ISO-8601 ({@code PT1H}). */
    public static Duration duration(String v) {
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException(v);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException(
                    "not a duration (90s, 15m, 1h, 1d): '" + v + "'");
        }
    }

    /** An instant ({@code 2005-01-01T00:00:00Z}) or a date ({@code 2005-01-01}, midnight UTC). */
    public static Instant instant(String v) {
        try {
            return v.length() == 10 ? Instant.parse(v + "T00:00:00Z") : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("not an instant: '" + v + "'");
        }
    }
}
