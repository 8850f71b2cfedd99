package dev.furlong.sandbox;

import java.time.LocalDate;

/** The request limits The Racing API documents, as the sandbox enforces them (422 past them). */
final class DocumentedLimits {

    static final int RESULTS_MAX_LIMIT = 100;
    static final int RESULTS_MAX_SKIP = 20_000;
    /** What the live API does when no limit is sent; the spec says 50. */
    static final int RESULTS_DEFAULT_LIMIT = 25;
    /** {@code /v1/results/today}: limit 1 to 100 (default 50); skip has no maximum. */
    static final int RESULTS_TODAY_DEFAULT_LIMIT = 50;
    static final int RACECARDS_MAX_LIMIT = 500;
    static final int RACECARDS_MAX_SKIP = 500;
    static final int MAX_RANGE_DAYS = 365;
    /** Results reach back this many days, or to {@link #HISTORICAL_RESULTS_START} with the historical-results add-on. */
    static final int STANDARD_RESULTS_DAYS = 365;
    static final LocalDate HISTORICAL_RESULTS_START = LocalDate.of(1988, 1, 1);
    /** Racecards pro are tracked from this date. */
    static final LocalDate RACECARDS_PRO_START = LocalDate.of(2023, 1, 23);
    /** Racecards reach this many days ahead. */
    static final int RACECARDS_DAYS_AHEAD = 7;

    private DocumentedLimits() {
    }
}
