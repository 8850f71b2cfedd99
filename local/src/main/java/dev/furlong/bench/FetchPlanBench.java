package dev.furlong.bench;

import dev.furlong.api.Endpoint;
import dev.furlong.api.RequestLimits;
import dev.furlong.ingest.FetchPlan;
import dev.furlong.ingest.FetchPlanner;
import dev.furlong.ingest.FetchUnit;
import dev.furlong.sandbox.SandboxWorld;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fetch plan of a long backfill, priced in API calls against a sandbox world: every planned unit plus the extra pages its
 * day needs, next to the minimum (one results call per race date and one racecards call per date from 2023-01-23), and the
 * wall time those calls take at the documented rate limits. Nothing is fetched.
 */
public final class FetchPlanBench {

    /** The figures, in the order the report prints them. */
    public record Figures(LocalDate from, LocalDate to, long days, long resultsCalls, long racecardsCalls, long staticCalls,
                          long minimumCalls, double callsPerDay, double ratioToMinimum, double plannedSeconds, long races) {

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("days", days);
            m.put("races", races);
            m.put("results_calls", resultsCalls);
            m.put("racecards_calls", racecardsCalls);
            m.put("static_calls", staticCalls);
            m.put("planned_calls", resultsCalls + racecardsCalls + staticCalls);
            m.put("minimum_calls", minimumCalls);
            m.put("calls_per_backfilled_day", round(callsPerDay));
            m.put("ratio_to_minimum", round(ratioToMinimum));
            m.put("planned_wall_seconds_at_documented_limits", Math.round(plannedSeconds));
            return m;
        }

        private static double round(double x) {
            return Math.round(x * 10_000) / 10_000.0;
        }
    }

    private FetchPlanBench() {
    }

    public static Figures run(SandboxWorld world, LocalDate today, int years, double globalRate, Consumer<String> progress) {
        LocalDate from = today.minusYears(years);
        LocalDate to = today.minusDays(1);
        FetchPlan plan = new FetchPlanner(today, List.of("gb", "ire"), true, 3).plan(from, to, false, FetchPlanner.Stored.NONE);
        long results = 0;
        long cards = 0;
        long statics = 0;
        long races = 0;
        int lastYear = -1;
        for (FetchUnit unit : plan.units()) {
            if (unit.endpoint() == Endpoint.RESULTS || unit.endpoint() == Endpoint.RACECARDS_PRO) {
                int n = world.racesOn(unit.partitionDate()).size();
                if (unit.endpoint() == Endpoint.RESULTS) {
                    races += n;
                    results += Math.max(1, (n + RequestLimits.RESULTS_MAX_LIMIT - 1) / RequestLimits.RESULTS_MAX_LIMIT);
                    if (unit.partitionDate().getYear() != lastYear) {
                        lastYear = unit.partitionDate().getYear();
                        progress.accept("pricing " + lastYear + "...");
                    }
                } else {
                    cards += Math.max(1, (n + RequestLimits.RACECARDS_MAX_LIMIT - 1) / RequestLimits.RACECARDS_MAX_LIMIT);
                }
            } else {
                statics++;
            }
        }
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        LocalDate cardsFrom = from.isBefore(RequestLimits.RACECARDS_PRO_START) ? RequestLimits.RACECARDS_PRO_START : from;
        long minimum = days + Math.max(0, to.toEpochDay() - cardsFrom.toEpochDay() + 1);
        long planned = results + cards + statics;
        // Lanes run side by side, each at its endpoint's rate, all under the global bucket.
        double seconds = Math.max(Math.max(results / Endpoint.RESULTS.documentedRatePerSecond(),
                cards / Endpoint.RACECARDS_PRO.documentedRatePerSecond()), planned / globalRate);
        return new Figures(from, to, days, results, cards, statics, minimum, (double) planned / days, (double) planned / minimum,
                seconds, races);
    }
}
