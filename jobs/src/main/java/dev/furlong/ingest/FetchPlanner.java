package dev.furlong.ingest;

import dev.furlong.api.ApiRequest;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import dev.furlong.api.RequestLimits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a command into units of work: results per race date within the account's history window, racecards per date from
 * 2023-01-23 to a week ahead, courses and regions (once, then monthly), horse details within a budget. Units bronze already
 * holds are skipped, except inside the mutable window (results of the last days get corrected; racecards from today on change
 * until the off) or with {@code refresh}. Every date that cannot be fetched is named in the plan's notes, with the reason.
 */
public final class FetchPlanner {

    /** Racecards are published up to a week ahead. */
    public static final int RACECARD_DAYS_AHEAD = 7;
    /** Courses and regions are fetched again when bronze's copy is older than this. */
    public static final int STATIC_REFRESH_DAYS = 30;

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

    /** What bronze already holds: request key → the partition date of its row (the fetch date for courses and regions). */
    public record Stored(Map<Endpoint, Map<String, LocalDate>> keys) {
        public static final Stored NONE = new Stored(Map.of());

        boolean has(FetchUnit unit) {
            return keys.getOrDefault(unit.endpoint(), Map.of()).containsKey(unit.requestKey());
        }

        LocalDate storedOn(FetchUnit unit) {
            return keys.getOrDefault(unit.endpoint(), Map.of()).get(unit.requestKey());
        }
    }

    /** {@code backfill} and {@code fetch}: courses and regions if missing, then results and racecards for the range. */
    public FetchPlan plan(LocalDate from, LocalDate to, boolean refresh, Stored stored) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        Builder plan = new Builder(stored, refresh);
        addStatics(plan, false);
        addResults(plan, from, to);
        addRacecards(plan, from, to);
        return plan.build();
    }

    /**
     * {@code sync --scope transactions}: the results of the mutable window, today's results so far and the racecards from today
     * to a week ahead, all fetched again, and courses and regions when the lake has none (races name their courses); {@code static}:
     * courses and regions when missing or older than a month.
     */
    public FetchPlan planSync(boolean transactions, boolean statics, Stored stored) {
        Builder plan = new Builder(stored, false);
        if (statics || transactions) {
            addStatics(plan, statics);
        }
        if (transactions) {
            addResults(plan, today.minusDays(Math.max(1, mutableWindowDays)), today.minusDays(1));
            addResultsToday(plan);
            addRacecards(plan, today, today.plusDays(RACECARD_DAYS_AHEAD));
        }
        return plan.build();
    }

    /** {@code sync --scope live}: today's results so far and today's racecards (non-runners, going), both fetched again. */
    public FetchPlan planLive(Stored stored) {
        Builder plan = new Builder(stored, false);
        addResultsToday(plan);
        addRacecards(plan, today, today);
        return plan.build();
    }

    /**
     * {@code sync --scope amendments}: the results of the {@code days} before the mutable window fetched again, newest first, at most
     * {@code budget} dates: appeals and late disqualifications change results after the window has moved on.
     */
    public FetchPlan planAmendments(int days, int budget, Stored stored) {
        Builder plan = new Builder(stored, true);
        LocalDate newest = today.minusDays(Math.max(1, mutableWindowDays) + 1);
        LocalDate oldest = today.minusDays(Math.max(1, mutableWindowDays) + days);
        LocalDate earliest = historicalResults ? RequestLimits.HISTORICAL_RESULTS_START : today.minusDays(RequestLimits.STANDARD_RESULTS_DAYS);
        for (LocalDate d = newest; !d.isBefore(max(oldest, earliest)); d = d.minusDays(1)) {
            if (plan.units.size() >= budget) {
                plan.notes.add("amendments: budget of " + budget + " dates reached; " + d + " and older are not read again this time");
                break;
            }
            plan.add(new FetchUnit(Endpoint.RESULTS, RacingApiClient.resultsRequest(d, regions), d), true);
        }
        return plan.build();
    }

    /** Horse details for the given horses (newest runners first), each once, at most {@code budget} calls. */
    public FetchPlan planHorses(List<String> horseIds, int budget, Stored stored) {
        Builder plan = new Builder(stored, false);
        for (String id : horseIds) {
            if (plan.count(Endpoint.HORSE_PRO) >= budget) {
                plan.notes.add("horse details: budget of " + budget + " calls reached; "
                        + (horseIds.size() - plan.count(Endpoint.HORSE_PRO) - plan.skipped.getOrDefault(Endpoint.HORSE_PRO, 0))
                        + " horses wait for a later run");
                break;
            }
            plan.add(new FetchUnit(Endpoint.HORSE_PRO, ApiRequest.get(Endpoint.HORSE_PRO, "/v1/horses/" + id + "/pro").build(), today),
                    false);
        }
        return plan.build();
    }

    private void addStatics(Builder plan, boolean whenDue) {
        for (FetchUnit unit : List.of(
                new FetchUnit(Endpoint.REGIONS, ApiRequest.get(Endpoint.REGIONS, "/v1/courses/regions").build(), today),
                new FetchUnit(Endpoint.COURSES, ApiRequest.get(Endpoint.COURSES, "/v1/courses").build(), today))) {
            LocalDate storedOn = plan.stored.storedOn(unit);
            plan.add(unit, whenDue && storedOn != null && storedOn.isBefore(today.minusDays(STATIC_REFRESH_DAYS)));
        }
    }

    private void addResults(Builder plan, LocalDate from, LocalDate to) {
        LocalDate earliest = historicalResults ? RequestLimits.HISTORICAL_RESULTS_START
                : today.minusDays(RequestLimits.STANDARD_RESULTS_DAYS);
        LocalDate latest = today.minusDays(1); // a day's results are complete once it is over
        if (from.isBefore(earliest)) {
            plan.notes.add("results before " + earliest + " cannot be fetched: "
                    + (historicalResults ? "the API has none before 1988-01-01"
                    : "the account reaches back 365 days; pass --historical-results if it has the historical results add-on")
                    + " (" + from + " to " + min(to, earliest.minusDays(1)) + " skipped)");
        }
        if (to.isAfter(latest)) {
            plan.notes.add("results after " + latest + " are not final yet (" + max(from, today) + " to " + to + " skipped)");
        }
        LocalDate mutableFrom = today.minusDays(mutableWindowDays);
        for (LocalDate d = min(to, latest); !d.isBefore(max(from, earliest)); d = d.minusDays(1)) { // newest first
            plan.add(new FetchUnit(Endpoint.RESULTS, RacingApiClient.resultsRequest(d, regions), d), !d.isBefore(mutableFrom));
        }
    }

    /** Today's results as the API publishes them race by race ({@code /v1/results/today}), stored under today's date. */
    private void addResultsToday(Builder plan) {
        plan.add(new FetchUnit(Endpoint.RESULTS_TODAY, RacingApiClient.resultsTodayRequest(regions), today), true);
    }

    private void addRacecards(Builder plan, LocalDate from, LocalDate to) {
        LocalDate earliest = RequestLimits.RACECARDS_PRO_START;
        LocalDate latest = today.plusDays(RACECARD_DAYS_AHEAD);
        if (from.isBefore(earliest) && !to.isBefore(earliest)) {
            plan.notes.add("racecards exist from " + earliest + " (" + from + " to " + earliest.minusDays(1) + " have results only)");
        }
        for (LocalDate d = min(to, latest); !d.isBefore(max(from, earliest)); d = d.minusDays(1)) {
            plan.add(new FetchUnit(Endpoint.RACECARDS_PRO, RacingApiClient.racecardsProRequest(d, regions), d), !d.isBefore(today));
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Collects units, skipping what bronze holds unless the unit must be fetched again. */
    private static final class Builder {
        final Stored stored;
        final boolean refresh;
        final List<FetchUnit> units = new ArrayList<>();
        final Map<Endpoint, Integer> skipped = new EnumMap<>(Endpoint.class);
        final List<String> notes = new ArrayList<>();

        Builder(Stored stored, boolean refresh) {
            this.stored = stored;
            this.refresh = refresh;
        }

        void add(FetchUnit unit, boolean fetchAgain) {
            if (!refresh && !fetchAgain && stored.has(unit)) {
                skipped.merge(unit.endpoint(), 1, Integer::sum);
            } else {
                units.add(unit);
            }
        }

        int count(Endpoint e) {
            return (int) units.stream().filter(u -> u.endpoint() == e).count();
        }

        FetchPlan build() {
            return new FetchPlan(List.copyOf(units), skipped, List.copyOf(notes));
        }
    }
}
