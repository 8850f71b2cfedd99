package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The race dates a fetch covers ({@code backfill}, {@code fetch}): {@code --from}, {@code --to}, {@code --refresh}. */
final class FetchRange {

    /** Where Furlong's history starts. */
    static final LocalDate HISTORY_START = LocalDate.of(2015, 1, 1);

    @Option(names = "--from", paramLabel = "D", description = "First race date (YYYY-MM-DD; default 2015-01-01).")
    LocalDate from = HISTORY_START;

    @Option(names = "--to", paramLabel = "D", description = "Last race date (default today).")
    LocalDate to;

    @Option(names = "--refresh", description = "Fetch again what bronze already holds.")
    boolean refresh;

    /** The last date: {@code --to}, or today; never before {@code --from}. */
    LocalDate end(LocalDate today) {
        LocalDate end = to == null ? today : to;
        if (end.isBefore(from)) {
            throw new InvalidSettingException("--to " + end + " is before --from " + from);
        }
        return end;
    }
}
