package dev.furlong.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.Lake;
import dev.furlong.publish.EmbeddedDatabase;
import dev.furlong.sandbox.SandboxArchive;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.spark.SparkSessions;
import dev.furlong.transform.TransformJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's sync stage, end to end on a week of sandbox racing and an embedded Postgres that, like any, has a password. The
 * acceptance tier: two to three minutes.
 */
@Tag("acceptance")
class SyncBenchTest {

    @Test
    void reportsEachStepOfTheEveningsSyncAndTheCallsOfALiveRun(@TempDir Path dir) throws Exception {
        LocalDate today = LocalDate.of(2026, 11, 28);
        Lake lake = new Lake(dir.resolve("lake").toString());
        try (SparkSession spark = SparkSessions.create("local[2]", 2);
             EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            TransformBench.land(spark, lake, new SandboxArchive(SandboxConfig.DEFAULT_SEED, today), today.minusDays(7),
                    today.minusDays(2), today, line -> { });
            new TransformJob(spark, lake, List.of("gb", "ire"), "bench").run();

            Map<String, Object> figures = SyncBench.run(spark, lake, db.target("bench"), SandboxConfig.DEFAULT_SEED, today, line -> { });

            for (String step : List.of("plan", "fetch", "transform", "stats", "publish", "sync")) {
                assertTrue(figures.get(step + "_seconds") instanceof Double seconds && seconds > 0, step + ": " + figures);
            }
            assertTrue((Integer) figures.get("api_calls") > 0, figures.toString());
            int live = (Integer) figures.get("live_api_calls");
            assertTrue(live > 0 && live <= 3, "a live run: today's results and racecards, at most 3 calls: " + live);
        }
    }
}
