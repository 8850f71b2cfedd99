package dev.furlong.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchPlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final List<String> REGIONS = List.of("gb", "ire");
    private final FetchPlanner planner = new FetchPlanner(TODAY, REGIONS, false, 3);

    private static List<LocalDate> dates(FetchPlan plan, Endpoint e) {
        return plan.units().stream().filter(u -> u.endpoint() == e).map(FetchUnit::partitionDate).toList();
    }

    /** Bronze holding results and racecards for every date of a range, and courses and regions fetched on a date. */
    private static FetchPlanner.Stored stored(LocalDate from, LocalDate to, LocalDate staticsOn) {
        Map<String, LocalDate> results = new HashMap<>();
        Map<String, LocalDate> cards = new HashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            results.put(RacingApiClient.resultsRequest(d, REGIONS).requestKey(), d);
            cards.put(RacingApiClient.racecardsProRequest(d, REGIONS).requestKey(), d);
        }
        return new FetchPlanner.Stored(Map.of(Endpoint.RESULTS, results, Endpoint.RACECARDS_PRO, cards,
                Endpoint.COURSES, Map.of("/v1/courses", staticsOn), Endpoint.REGIONS, Map.of("/v1/courses/regions", staticsOn)));
    }

    @Test
    void oneUnitPerDatePerEndpointNewestFirstPlusCoursesAndRegionsOnce() {
        FetchPlan plan = planner.plan(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22), false, FetchPlanner.Stored.NONE);
        List<LocalDate> expected = List.of(LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 20));
        assertEquals(expected, dates(plan, Endpoint.RESULTS));
        assertEquals(expected, dates(plan, Endpoint.RACECARDS_PRO));
        assertEquals(Map.of(Endpoint.RESULTS, 3L, Endpoint.RACECARDS_PRO, 3L, Endpoint.COURSES, 1L, Endpoint.REGIONS, 1L),
                plan.unitsByEndpoint());
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void withoutTheAddOnResultsReachBack365DaysAndRacecardsStartIn2023AndEndAWeekAhead() {
        FetchPlan plan = planner.plan(LocalDate.of(2015, 1, 1), LocalDate.of(2026, 12, 31), false, FetchPlanner.Stored.NONE);
        List<LocalDate> results = dates(plan, Endpoint.RESULTS);
        assertEquals(LocalDate.of(2026, 11, 27), results.get(0));
        assertEquals(LocalDate.of(2025, 11, 28), results.get(results.size() - 1));
        assertEquals(365, results.size());
        List<LocalDate> cards = dates(plan, Endpoint.RACECARDS_PRO);
        assertEquals(LocalDate.of(2026, 12, 5), cards.get(0));
        assertEquals(LocalDate.of(2023, 1, 23), cards.get(cards.size() - 1));
        assertEquals(List.of(
                "results before 2025-11-28 cannot be fetched: the account reaches back 365 days; pass --historical-results if it has "
                        + "the historical results add-on (2015-01-01 to 2025-11-27 skipped)",
                "results after 2026-11-27 are not final yet (2026-11-28 to 2026-12-31 skipped)",
                "racecards exist from 2023-01-23 (2015-01-01 to 2023-01-22 have results only)"), plan.notes());
    }

    @Test
    void withTheAddOnTheWholeHistoryIsPlanned() {
        FetchPlan plan = new FetchPlanner(TODAY, REGIONS, true, 3).plan(LocalDate.of(2015, 1, 1), LocalDate.of(2026, 11, 27), false,
                FetchPlanner.Stored.NONE);
        assertEquals(4349, dates(plan, Endpoint.RESULTS).size());
        assertEquals(1405, dates(plan, Endpoint.RACECARDS_PRO).size());
    }

    @Test
    void whatBronzeHoldsIsSkippedExceptTheMutableWindowAndRefresh() {
        FetchPlanner.Stored stored = stored(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 30), TODAY.minusDays(2));
        FetchPlan plan = planner.plan(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 30), false, stored);
        assertEquals(List.of(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 25)),
                dates(plan, Endpoint.RESULTS));
        assertEquals(List.of(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 28)),
                dates(plan, Endpoint.RACECARDS_PRO), "cards from today on change until the off");
        assertEquals(Map.of(Endpoint.RESULTS, 10, Endpoint.RACECARDS_PRO, 13, Endpoint.COURSES, 1, Endpoint.REGIONS, 1), plan.skipped());
        FetchPlan refreshed = planner.plan(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 27), true, stored);
        assertEquals(13, dates(refreshed, Endpoint.RESULTS).size());
    }

    @Test
    void syncFetchesTheMutableWindowAndTheWeekAheadAndTheStaticListsWhenAMonthOld() {
        FetchPlan fresh = planner.planSync(true, true, stored(LocalDate.of(2026, 11, 1), TODAY.plusDays(7), TODAY.minusDays(10)));
        assertEquals(List.of(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 25)),
                dates(fresh, Endpoint.RESULTS));
        assertEquals(List.of(TODAY), dates(fresh, Endpoint.RESULTS_TODAY), "today's results so far");
        assertEquals(8, dates(fresh, Endpoint.RACECARDS_PRO).size());
        assertEquals(List.of(), dates(fresh, Endpoint.COURSES), "courses fetched ten days ago are not due");
        FetchPlan due = planner.planSync(false, true, stored(TODAY, TODAY, TODAY.minusDays(31)));
        assertEquals(Map.of(Endpoint.COURSES, 1L, Endpoint.REGIONS, 1L), due.unitsByEndpoint());
        FetchPlan transactions = planner.planSync(true, false, stored(TODAY, TODAY, TODAY.minusDays(31)));
        assertEquals(List.of(), dates(transactions, Endpoint.COURSES), "transactions leave the month-old lists to static");
        FetchPlan first = planner.planSync(true, false, new FetchPlanner.Stored(Map.of()));
        assertEquals(1L, first.unitsByEndpoint().get(Endpoint.COURSES), "a lake with no courses gets them: races name their course");
        assertEquals(1L, first.unitsByEndpoint().get(Endpoint.REGIONS));
    }

    @Test
    void horseDetailsStayWithinTheBudgetAndAreFetchedOnce() {
        Map<String, LocalDate> enriched = Map.of("/v1/horses/hrs_2/pro", TODAY.minusDays(5));
        FetchPlan plan = planner.planHorses(List.of("hrs_1", "hrs_2", "hrs_3", "hrs_4", "hrs_5"), 2,
                new FetchPlanner.Stored(Map.of(Endpoint.HORSE_PRO, enriched)));
        assertEquals(List.of("/v1/horses/hrs_1/pro", "/v1/horses/hrs_3/pro"), plan.units().stream().map(FetchUnit::requestKey).toList());
        assertTrue(plan.notes().get(0).contains("budget of 2 calls"), plan.notes().toString());
    }

    @Test
    void liveIsTodaysResultsSoFarAndTodaysRacecardsTwoCalls() {
        FetchPlan live = planner.planLive(stored(LocalDate.of(2026, 11, 1), TODAY.plusDays(7), TODAY));
        assertEquals(Map.of(Endpoint.RESULTS_TODAY, 1L, Endpoint.RACECARDS_PRO, 1L), live.unitsByEndpoint());
        assertEquals(List.of("/v1/results/today?limit=100&region=gb&region=ire&skip=0",
                "/v1/racecards/pro?date=2026-11-28&limit=500&region_codes=gb&region_codes=ire&skip=0"),
                live.units().stream().map(FetchUnit::requestKey).toList());
    }

    @Test
    void amendmentsReadTheDaysBeforeTheMutableWindowAgainWithinABudget() {
        FetchPlanner.Stored all = stored(LocalDate.of(2026, 10, 1), TODAY, TODAY);
        // The window is the last 3 days (25 to 27 November); the 5 days before it are read again, bronze or not.
        assertEquals(List.of(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 22),
                LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 20)), dates(planner.planAmendments(5, 60, all), Endpoint.RESULTS));
        FetchPlan capped = planner.planAmendments(28, 2, all);
        assertEquals(List.of(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 23)), dates(capped, Endpoint.RESULTS));
        assertEquals(List.of("amendments: budget of 2 dates reached; 2026-11-22 and older are not read again this time"), capped.notes());
    }
}
