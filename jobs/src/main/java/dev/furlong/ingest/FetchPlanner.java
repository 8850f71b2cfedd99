package dev.furlong.ingest;

import dev.furlong.api.ApiRequest;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a date range into units of work: results per race date within the account's history window, courses and regions once.
 * Units already in bronze are skipped, except results inside the mutable window (recent results get corrected) or with
 * {@code refresh}.
 */
public final class FetchPlanner {

    /** The historical results add-on reaches back to this date. */
    public static final LocalDate HISTORICAL_RESULTS_START = LocalDate.of(1988, 1, 1);
    /** Without the add-on, results reach back this many days. */
    public static final int STANDARD_RESULTS_DAYS = 365;

    private final LocalDate today;
    private final List<String> regions;
    private final boolean historicalResults;
    private final int mutableWindowDays;

    public FetchPlanner(LocalDate today, List<String> regions, boolean historicalResults, int mutableWindowDays) {
        this.today = today;
        this.regions = regions;
        this.historicalResults = historicalResults;
        this.mutableWindowDays = mutableWindowDays;
    }

    /**
     * @param storedKeys request keys bronze already holds with a final answer, per endpoint
     */
    public FetchPlan plan(LocalDate from, LocalDate to, boolean refresh, Map<Endpoint, Set<String>> storedKeys) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        List<FetchUnit> units = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Endpoint, Integer> skipped = new EnumMap<>(Endpoint.class);

        addIfMissing(units, skipped, storedKeys, refresh, new FetchUnit(Endpoint.REGIONS,
                ApiRequest.get(Endpoint.REGIONS, "/v1/courses/regions").build(), today));
        addIfMissing(units, skipped, storedKeys, refresh, new FetchUnit(Endpoint.COURSES,
                ApiRequest.get(Endpoint.COURSES, "/v1/courses").build(), today));

        LocalDate earliest = historicalResults ? HISTORICAL_RESULTS_START : today.minusDays(STANDARD_RESULTS_DAYS);
        LocalDate latest = today.minusDays(1); // a day's results are complete once it is over
        LocalDate first = from.isBefore(earliest) ? earliest : from;
        LocalDate last = to.isAfter(latest) ? latest : to;
        if (from.isBefore(earliest)) {
            notes.add("results before " + earliest + " cannot be fetched: "
                    + (historicalResults ? "the API has none before 1988-01-01"
                    : "the account reaches back 365 days; pass --historical-results if it has the historical results add-on")
                    + " (" + from + " to " + earliest.minusDays(1) + " skipped)");
        }
        if (to.isAfter(latest)) {
            notes.add("results after " + latest + " are not final yet (" + (to.isBefore(today) ? to : latest.plusDays(1))
                    + " onwards skipped)");
        }
        LocalDate mutableFrom = today.minusDays(mutableWindowDays);
        for (LocalDate d = last; !d.isBefore(first); d = d.minusDays(1)) { // newest first
            FetchUnit unit = new FetchUnit(Endpoint.RESULTS, RacingApiClient.resultsRequest(d, regions), d);
            addIfMissing(units, skipped, storedKeys, refresh || !d.isBefore(mutableFrom), unit);
        }
        return new FetchPlan(List.copyOf(units), skipped, List.copyOf(notes));
    }

    private static void addIfMissing(List<FetchUnit> units, Map<Endpoint, Integer> skipped, Map<Endpoint, Set<String>> stored,
                                     boolean refetch, FetchUnit unit) {
        if (!refetch && stored.getOrDefault(unit.endpoint(), Set.of()).contains(unit.requestKey())) {
            skipped.merge(unit.endpoint(), 1, Integer::sum);
        } else {
            units.add(unit);
        }
    }
}
