package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** Race dates a stage limits itself to ({@code transform}, {@code stats}, {@code publish}); either end may be open. */
final class DateLimits {

    @Option(names = "--from", paramLabel = "D", description = "Race dates from D (YYYY-MM-DD).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", description = "Race dates up to D (YYYY-MM-DD).")
    LocalDate to;

    boolean given() {
        return from != null || to != null;
    }

    /** Checks that the limits are in order; returns this. */
    DateLimits checked() {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidSettingException("--from " + from + " is after --to " + to);
        }
        return this;
    }
}
