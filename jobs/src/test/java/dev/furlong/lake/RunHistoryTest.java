package dev.furlong.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history in the lake: what goes in comes back, and "last succeeded" is per scope, from runs that succeeded. */
class RunHistoryTest {

    static RunHistory.Stage run(String id, String scope, String at, String outcome) {
        Instant start = Instant.parse(at);
        return new RunHistory.Stage(id, RunHistory.RUN, "sync", scope, start, start.plusSeconds(40), outcome, Map.of("stages", 3L),
                Map.of("results", 3L, "racecards_pro", 8L), outcome.equals(RunHistory.FAILED) ? "failed: fetch" : null);
    }

    @Test
    void stagesComeBackAsTheyWentInAndTheLastSuccessIsPerScope(@TempDir Path dir) {
        Lake lake = new Lake(dir.resolve("lake").toString());
        var spark = SparkTestSession.get();
        assertEquals(Map.of(), RunHistory.lastSucceeded(spark, lake, "sync"), "no history yet");
        RunHistory.Stage fetch = new RunHistory.Stage("r1", "fetch", "sync", "transactions,live", Instant.parse("2026-11-28T06:00:01Z"),
                Instant.parse("2026-11-28T06:00:31Z"), RunHistory.SUCCEEDED, Map.of("stored", 11L), Map.of("results", 3L), null);
        RunHistory.append(spark, lake, List.of(fetch, run("r1", "transactions,live", "2026-11-28T06:00:00Z", RunHistory.SUCCEEDED)));
        RunHistory.append(spark, lake, List.of(run("r2", "horses", "2026-11-28T13:00:00Z", RunHistory.SUCCEEDED),
                run("r3", "transactions,live", "2026-11-28T10:00:00Z", RunHistory.FAILED)));

        List<RunHistory.Stage> all = RunHistory.endedSince(spark, lake, null);
        assertEquals(List.of("r1 run", "r1 fetch", "r3 run", "r2 run"), all.stream().map(st -> st.runId() + " " + st.stage()).toList(),
                "oldest first");
        assertEquals(fetch, all.get(1));
        assertEquals(2, RunHistory.endedSince(spark, lake, Instant.parse("2026-11-28T10:00:00Z")).size(), "r2 and r3");
        assertEquals(Map.of("transactions", Instant.parse("2026-11-28T06:00:00Z"), "live", Instant.parse("2026-11-28T06:00:00Z"),
                "horses", Instant.parse("2026-11-28T13:00:00Z")), RunHistory.lastSucceeded(spark, lake, "sync"),
                "the failed 10:00 run does not count");
    }
}
