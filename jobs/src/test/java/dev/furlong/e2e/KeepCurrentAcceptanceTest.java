package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeping the database current: the scheduled syncs through a race day, and through a week, against the sandbox. */
@Acceptance
class KeepCurrentAcceptanceTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox", "PG_USER", "postgres");

    /** The weeks of results a lake holds before the syncs start: enough for horses with the standard profile's 3 prior runs. */
    static final int HISTORY_DAYS = 60;

    private static void run(SandboxServer sandbox, Path lake, String schema, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api-url", sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url", TestPostgres.url(),
                "--pg-schema", schema, "-q"));
        assertEquals(0, Furlong.run(ENV, all.toArray(new String[0])), String.join(" ", args));
    }

    /** The history before {@code day}, fetched fast (the sandbox's limits off: this is the setting, not what is tested). */
    private static void history(Path lake, String schema, LocalDate day) throws java.io.IOException {
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(day).withRateLimits(false), 0)) {
            run(sandbox, lake, schema, "fetch", "--from", day.minusDays(HISTORY_DAYS).toString(), "--to", day.minusDays(1).toString(),
                    "--today", day.toString(), "--historical-results");
        }
    }

    @Test
    void syncsThroughARaceDayBringItsResultsAsTheyArePublishedAndTomorrowsFiguresByNight(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        String schema = "keep_day";
        history(lake, schema, DAY);
        var db = TestPostgres.target(schema);
        List<Long> results = new ArrayList<>();
        for (LocalTime time : List.of(LocalTime.of(6, 0), LocalTime.of(14, 0), LocalTime.of(22, 0))) {
            LocalDateTime now = DAY.atTime(time);
            // The real API's behaviour, its rate limits on, with its clock at this hour.
            try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(now), 0)) {
                run(sandbox, lake, schema, "sync", "--scope", "transactions", "--now", now.toString());
            }
            long withResult = TestPostgres.scalar(db, "SELECT count(*) FROM keep_day.ra_race_results x JOIN keep_day.ra_races r "
                    + "USING (race_id) WHERE r.race_date = DATE '" + DAY + "'");
            // The API publishes a result 15 minutes after the off.
            long over = TestPostgres.scalar(db, "SELECT count(*) FROM keep_day.ra_races WHERE race_date = DATE '" + DAY + "' AND "
                    + "off_time + interval '15 minutes' <= TIMESTAMP '" + DAY + " " + time + "' AT TIME ZONE 'Europe/London'");
            assertEquals(over, withResult, "at " + time + ", every race over has its result, and no other");
            results.add(withResult);
        }
        assertEquals(0, results.get(0), "06:00: no race has been run");
        assertTrue(results.get(1) > 0 && results.get(1) < results.get(2), "14:00 some, 22:00 more: " + results);
        long declared = TestPostgres.scalar(db, "SELECT count(*) FROM keep_day.ra_runners n JOIN keep_day.ra_races r USING (race_id) "
                + "WHERE r.race_date = DATE '" + DAY.plusDays(1) + "'");
        long withFigures = TestPostgres.scalar(db, "SELECT count(*) FROM keep_day.ra_runner_statistics s JOIN keep_day.ra_races r "
                + "USING (race_id) WHERE r.race_date = DATE '" + DAY.plusDays(1) + "' AND s.profile = 'standard'");
        assertTrue(declared > 0 && withFigures > 0, "tomorrow's declared runners (" + declared + ") have their pre-race figures ("
                + withFigures + ")");
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM keep_day.etl_runs WHERE stage = 'run' AND outcome <> 'succeeded'"));
        assertEquals(3, TestPostgres.scalar(db, "SELECT count(*) FROM keep_day.etl_runs WHERE stage = 'stats' AND command = 'sync'"));
    }

    @Test
    void aWeekOfDailySyncsKeepsTheStatisticsEqualToAFullRecomputation(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        String schema = "keep_week";
        LocalDate first = DAY.minusDays(7);
        history(lake, schema, first);
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(first).withRateLimits(false), 0)) {
            run(sandbox, lake, schema, "transform", "--today", first.toString());
            for (String profile : List.of("standard", "high_quality")) {
                run(sandbox, lake, schema, "stats", "--profile", profile, "--today", first.toString());
            }
        }
        // Each evening's sync: the day's results (corrections to the days before among them) and the week's racecards.
        for (LocalDate day = first; !day.isAfter(DAY); day = day.plusDays(1)) {
            LocalDateTime now = day.atTime(22, 45);
            try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(now).withRateLimits(false), 0)) {
                run(sandbox, lake, schema, "sync", "--scope", "transactions", "--now", now.toString());
            }
        }
        SparkSession spark = SparkTestSession.get();
        Lake l = new Lake(lake.toString());
        Map<String, List<String>> incremental = figures(spark, l);
        Map<String, Long> versions = new java.util.HashMap<>();
        for (String table : incremental.keySet()) {
            versions.put(table, DeltaTables.version(spark, l.gold(table)));
        }
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(DAY).withRateLimits(false), 0)) {
            for (String profile : List.of("standard", "high_quality")) {
                run(sandbox, lake, schema, "stats", "--profile", profile, "--today", DAY.toString());
            }
        }
        Map<String, List<String>> full = figures(spark, l);
        for (String table : incremental.keySet()) {
            assertTrue(incremental.get(table).size() > 100, table + " has rows to compare: " + incremental.get(table).size());
            assertEquals(full.get(table), incremental.get(table), table + ": the syncs' rows are the full recomputation's");
        }
        // The full runs found nothing to change: the incremental rows were right to the last figure.
        assertEquals(versions.get("runner_statistics"), DeltaTables.version(spark, l.gold("runner_statistics")));
        assertEquals(versions.get("entity_statistics"), DeltaTables.version(spark, l.gold("entity_statistics")));
    }

    /**
     * The rows of the statistics a sync keeps current, sorted, without the columns that say when they were computed
     * ({@code calculated_at}, {@code stats_as_of}: a row whose figures did not change keeps its own).
     */
    private static Map<String, List<String>> figures(SparkSession spark, Lake lake) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String table : List.of("runner_statistics", "entity_statistics")) {
            var rows = spark.read().format("delta").load(lake.gold(table));
            for (String stamp : List.of("calculated_at", "stats_as_of")) {
                rows = rows.drop(stamp);
            }
            out.put(table, rows.collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return out;
    }
}
