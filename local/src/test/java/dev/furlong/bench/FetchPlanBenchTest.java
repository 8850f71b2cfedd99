package dev.furlong.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxWorld;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FetchPlanBenchTest {

    @Test
    void aYearOfBackfillCostsOneCallPerDateAndEndpointPlusTheStaticLists() {
        FetchPlanBench.Figures f = FetchPlanBench.run(new SandboxWorld(SandboxConfig.DEFAULT_SEED), LocalDate.of(2026, 11, 28), 1,
                8, line -> { });
        assertEquals(LocalDate.of(2025, 11, 28), f.from());
        assertEquals(365, f.days());
        assertEquals(365, f.resultsCalls(), "no day has more than 100 races");
        assertEquals(365, f.racecardsCalls());
        assertEquals(2, f.staticCalls());
        assertEquals(730, f.minimumCalls());
        assertEquals(732.0 / 730, f.ratioToMinimum(), 1e-9);
        assertEquals(365 / 2.0, f.plannedSeconds(), 1e-9, "racecards at 2/s are the slowest lane");
        assertTrue(f.races() > 300 * 30);
    }
}
