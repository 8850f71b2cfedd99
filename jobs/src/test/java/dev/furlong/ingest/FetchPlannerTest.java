package dev.furlong.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FetchPlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final List<String> REGIONS = List.of("gb", "ire");

    private static List<LocalDate> resultDates(FetchPlan plan) {
        return plan.units().stream().filter(u -> u.endpoint() == Endpoint.RESULTS).map(FetchUnit::partitionDate).toList();
    }

    @Test
    void oneResultsUnitPerDateNewestFirstPlusCoursesAndRegionsOnce() {
        FetchPlan plan = new FetchPlanner(TODAY, REGIONS, false, 3).plan(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22), false, Map.of());
        assertEquals(List.of(LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 20)), resultDates(plan));
        assertEquals(Map.of(Endpoint.RESULTS, 3L, Endpoint.COURSES, 1L, Endpoint.REGIONS, 1L), plan.unitsByEndpoint());
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void withoutTheAddOnResultsReachBack365DaysAndThePlanSaysSo() {
        FetchPlan plan = new FetchPlanner(TODAY, REGIONS, false, 3).plan(LocalDate.of(2015, 1, 1), LocalDate.of(2026, 12, 5), false, Map.of());
        List<LocalDate> dates = resultDates(plan);
        assertEquals(LocalDate.of(2026, 11, 27), dates.get(0));
        assertEquals(LocalDate.of(2025, 11, 28), dates.get(dates.size() - 1));
        assertEquals(365, dates.size());
        assertTrue(plan.notes().get(0).contains("--historical-results"), plan.notes().get(0));
        assertTrue(plan.notes().get(1).contains("not final yet"), plan.notes().get(1));
    }

    @Test
    void withTheAddOnTheWholeHistoryIsPlanned() {
        FetchPlan plan = new FetchPlanner(TODAY, REGIONS, true, 3).plan(LocalDate.of(2015, 1, 1), LocalDate.of(2026, 11, 27), false, Map.of());
        assertEquals(4349, resultDates(plan).size());
    }

    @Test
    void whatBronzeHoldsIsSkippedExceptTheMutableWindowAndRefresh() {
        Set<String> stored = LocalDate.of(2026, 11, 15).datesUntil(TODAY)
                .map(d -> RacingApiClient.resultsRequest(d, REGIONS).requestKey()).collect(Collectors.toSet());
        FetchPlanner planner = new FetchPlanner(TODAY, REGIONS, false, 3);
        FetchPlan plan = planner.plan(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 27), false, Map.of(Endpoint.RESULTS, stored));
        assertEquals(List.of(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 25)), resultDates(plan));
        assertEquals(10, plan.skipped().get(Endpoint.RESULTS));
        assertEquals(13, resultDates(planner.plan(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 27), true,
                Map.of(Endpoint.RESULTS, stored))).size());
    }
}
