package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import java.time.LocalDate;

/** Checks a --from/--to pair: the end defaults to today and must not come before the start. */
final class DateRange {

    private DateRange() {
    }

    static LocalDate end(LocalDate from, LocalDate to, LocalDate today) {
        LocalDate end = to == null ? today : to;
        if (end.isBefore(from)) {
            throw new InvalidSettingException("--to " + end + " is before --from " + from);
        }
        return end;
    }
}
