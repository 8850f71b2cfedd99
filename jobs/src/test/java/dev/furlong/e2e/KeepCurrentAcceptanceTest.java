package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.LakeLock;
import dev.furlong.publish.PgTarget;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SandboxCli;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One lake and database kept current through a week, as the schedule runs them against the sandbox: each evening's sync, then a
 * race day's syncs at 06:00, 14:00 and 22:00 (the sandbox's rate limits on), the statistics the syncs kept up to date compared
 * with a full recomputation, then the weekly {@code maintain}, the sync after it and {@code status}. The tests are the week's
 * chapters, in order, on the same lake.
 */
@Acceptance
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeepCurrentAcceptanceTest {

    /** The race day; the evening syncs run on the seven days before it. */
    static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    static final LocalDate FIRST = DAY.minusDays(7);
    /** The weeks of results the lake holds before the syncs start: enough for horses with the standard profile's 3 prior runs. */
    static final int HISTORY_DAYS = 60;
    static final String SCHEMA = "keep_current";

    @TempDir
    static Path dir;
    private Path lakeDir;
    private Lake lake;
    private PgTarget db;
    /** Bronze before the first sync: the version, and each answer's body hash. */
    private long bronzeBefore;
    private Map<String, String> answersBefore;
    private int syncs;

    /** The history before the week, fetched, transformed and with its statistics computed in full. */
    @BeforeAll
    void history() {
        lakeDir = dir.resolve("lake");
        lake = new Lake(lakeDir.toString());
        db = TestPostgres.target(SCHEMA);
        run(FIRST, "fetch", "--from", FIRST.minusDays(HISTORY_DAYS).toString(), "--to", FIRST.minusDays(1).toString(),
                "--historical-results");
        run(FIRST, "transform");
        for (String profile : List.of("standard", "high_quality")) {
            run(FIRST, "stats", "--profile", profile);
        }
        SparkSession spark = SparkTestSession.get();
        bronzeBefore = DeltaTables.version(spark, lake.apiResponses());
        answersBefore = hashes(spark.read().format("delta").option("versionAsOf", bronzeBefore).load(lake.apiResponses()).collectAsList());
    }

    @Test
    @Order(1)
    void eachEveningsSyncBringsTheDaysResults() throws Exception {
        for (LocalDate day = FIRST; day.isBefore(DAY); day = day.plusDays(1)) {
            sync(day.atTime(22, 45), false);
        }
        String week = "r.race_date >= DATE '" + FIRST + "' AND r.race_date < DATE '" + DAY + "'";
        long racingDays = TestPostgres.scalar(db, "SELECT count(DISTINCT r.race_date) FROM keep_current.ra_races r WHERE " + week);
        long withResults = TestPostgres.scalar(db, "SELECT count(DISTINCT r.race_date) FROM keep_current.ra_race_results x "
                + "JOIN keep_current.ra_races r USING (race_id) WHERE " + week);
        assertTrue(racingDays >= 5, "a week of racing: " + racingDays + " days");
        assertEquals(racingDays, withResults, "each evening brought its day's results");
    }

    @Test
    @Order(2)
    void syncsThroughARaceDayBringItsResultsAsTheyArePublishedAndTomorrowsFiguresByNight() throws Exception {
        List<Long> results = new ArrayList<>();
        for (LocalTime time : List.of(LocalTime.of(6, 0), LocalTime.of(14, 0), LocalTime.of(22, 0))) {
            // The real API's behaviour, its rate limits on, with its clock at this hour.
            sync(DAY.atTime(time), true);
            long withResult = TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.ra_race_results x JOIN keep_current.ra_races r "
                    + "USING (race_id) WHERE r.race_date = DATE '" + DAY + "'");
            // The API publishes a result 15 minutes after the off.
            long over = TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.ra_races WHERE race_date = DATE '" + DAY + "' AND "
                    + "off_time + interval '15 minutes' <= TIMESTAMP '" + DAY + " " + time + "' AT TIME ZONE 'Europe/London'");
            assertEquals(over, withResult, "at " + time + ", every race over has its result, and no other");
            results.add(withResult);
        }
        assertEquals(0, results.get(0), "06:00: no race has been run");
        assertTrue(results.get(1) > 0 && results.get(1) < results.get(2), "14:00 some, 22:00 more: " + results);
        long declared = TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.ra_runners n JOIN keep_current.ra_races r "
                + "USING (race_id) WHERE r.race_date = DATE '" + DAY.plusDays(1) + "'");
        long withFigures = TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.ra_runner_statistics s "
                + "JOIN keep_current.ra_races r USING (race_id) WHERE r.race_date = DATE '" + DAY.plusDays(1) + "' AND s.profile = 'standard'");
        assertTrue(declared > 0 && withFigures > 0, "tomorrow's declared runners (" + declared + ") have their pre-race figures ("
                + withFigures + ")");
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.etl_runs WHERE stage = 'run' AND outcome <> 'succeeded'"));
        assertEquals(syncs, TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.etl_runs WHERE stage = 'stats' AND command = 'sync'"),
                "each sync computed statistics");
    }

    @Test
    @Order(3)
    void theStatisticsTheSyncsKeptEqualAFullRecomputation() {
        SparkSession spark = SparkTestSession.get();
        Map<String, List<String>> incremental = figures(spark);
        Map<String, Long> versions = new HashMap<>();
        for (String table : incremental.keySet()) {
            versions.put(table, DeltaTables.version(spark, lake.gold(table)));
        }
        for (String profile : List.of("standard", "high_quality")) {
            run(DAY, "stats", "--profile", profile);
        }
        Map<String, List<String>> full = figures(spark);
        for (String table : incremental.keySet()) {
            assertTrue(incremental.get(table).size() > 100, table + " has rows to compare: " + incremental.get(table).size());
            assertEquals(full.get(table), incremental.get(table), table + ": the syncs' rows are the full recomputation's");
            // The full run found nothing to change: the incremental rows were right to the last figure.
            assertEquals(versions.get(table), DeltaTables.version(spark, lake.gold(table)), table);
        }
    }

    @Test
    @Order(4)
    void theWeeklyMaintainCompactsTheLakeLosesNothingAndTheSyncsGoOn() throws Exception {
        SparkSession spark = SparkTestSession.get();
        // A result the syncs corrected: its first answer is in bronze's history only.
        Map<String, String> answersNow = hashes(spark.read().format("delta").load(lake.apiResponses()).collectAsList());
        String corrected = answersBefore.keySet().stream().filter(k -> !answersBefore.get(k).equals(answersNow.get(k))).findFirst()
                .orElseThrow(() -> new AssertionError("the syncs corrected no answer"));
        Map<String, List<String>> tables = contents(spark);
        long diskFiles = dataFiles("silver", "gold", "meta");

        LocalDate next = DAY.plusDays(1);
        Path conf = dir.resolve("maintain.conf");
        Files.writeString(conf, "furlong.maintain.vacuum-retention = 0h\n");
        try (LakeLock fetching = LakeLock.acquire(lakeDir.toString(), () -> null, Duration.ZERO, line -> { })) {
            String refused = SandboxCli.run(1, lakeDir, SCHEMA, next, "maintain", "--conf", conf.toString());
            assertTrue(refused.contains("maintain refused: a fetch into " + lakeDir + " is running"), refused);
        }
        assertEquals(tables, contents(spark), "a refused maintain changes nothing");

        String report = SandboxCli.run(0, lakeDir, SCHEMA, next, "maintain", "--conf", conf.toString());
        String total = report.lines().filter(l -> l.startsWith("all ")).findFirst().orElseThrow(() -> new AssertionError(report));
        System.out.println("maintain after a week of syncs:\n" + report);
        long[] live = beforeAfter(total, 0);
        assertTrue(live[1] < live[0], "fewer live files: " + total);
        long diskFilesAfter = dataFiles("silver", "gold", "meta");
        System.out.println("files on disk in silver, gold and meta: " + diskFiles + " → " + diskFilesAfter);
        assertTrue(diskFilesAfter < diskFiles, "fewer files on disk in silver, gold and meta: " + diskFiles + " → " + diskFilesAfter);
        assertTrue(report.contains("Postgres: VACUUM ANALYZE of 20 tables in schema " + SCHEMA), report);
        assertEquals(tables, contents(spark), "every table reads back as it was");
        Row first = spark.read().format("delta").option("versionAsOf", bronzeBefore).load(lake.apiResponses())
                .where("request_key = '" + corrected + "'").head();
        assertEquals(answersBefore.get(corrected), first.getAs("body_sha256"), "the superseded answer is still readable");
        assertNotEquals(answersNow.get(corrected), first.getAs("body_sha256"));

        sync(next.atTime(22, 45), false);
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.etl_runs WHERE stage = 'run' AND command = 'sync' "
                + "AND outcome <> 'succeeded'"), "every sync succeeded, the one after maintain too");
        assertEquals(syncs, TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.etl_runs WHERE stage = 'run' AND command = 'sync'"));
        assertEquals(1, TestPostgres.scalar(db, "SELECT count(*) FROM keep_current.etl_runs WHERE stage = 'run' "
                + "AND command = 'maintain' AND outcome = 'succeeded'"), "the run history has the maintain that ran, beside the one refused");
    }

    @Test
    @Order(5)
    void statusShowsTheLakeAndPostgresInStepAndTheSyncs() throws Exception {
        String printed = SandboxCli.run(0, lakeDir, SCHEMA, DAY.plusDays(1), "status", "--json", "-q");
        var status = new ObjectMapper().readTree(printed.substring(printed.indexOf("{\n")));
        for (var table : status.get("tables")) {
            if (table.get("lakeTable").asText().matches("silver/(races|runners|race_results)")) {
                assertEquals(table.get("lakeRows").asLong(), table.get("pgRows").asLong(), table.toString());
                assertEquals(table.get("lakeVersion").asLong(), table.get("publishedVersion").asLong(), table.toString());
            }
        }
        assertTrue(status.get("years").size() > 0, status.toString());
        for (var year : status.get("years")) {
            assertEquals(year.get("lakeRunners").asLong(), year.get("pgRunners").asLong(), year.toString());
            assertTrue(year.get("lakeRunners").asLong() > 0, year.toString());
        }
        boolean syncRun = false;
        for (var r : status.get("runs")) {
            syncRun |= r.get("command").asText().equals("sync") && r.get("stage").asText().equals("run") && !r.get("succeededAt").isNull();
        }
        assertTrue(syncRun, status.get("runs").toString());
    }

    /** A command as of {@code today}, the sandbox's limits off. */
    private void run(LocalDate today, String... args) {
        SandboxCli.run(0, lakeDir, SCHEMA, today, args);
    }

    /** The transactions sync at {@code now}, against the sandbox with its clock at that time. */
    private void sync(LocalDateTime now, boolean rateLimits) {
        SandboxCli.run(0, SandboxConfig.defaults(now).withRateLimits(rateLimits), lakeDir, SCHEMA,
                "sync", "--scope", "transactions", "--now", now.toString(), "-q");
        syncs++;
    }

    /**
     * The rows of the statistics a sync keeps current, sorted, without the columns that say when they were computed
     * ({@code calculated_at}, {@code stats_as_of}: a row whose figures did not change keeps its own).
     */
    private Map<String, List<String>> figures(SparkSession spark) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String table : List.of("runner_statistics", "entity_statistics")) {
            var rows = spark.read().format("delta").load(lake.gold(table)).drop("calculated_at", "stats_as_of");
            out.put(table, rows.collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return out;
    }

    private static Map<String, String> hashes(List<Row> answers) {
        Map<String, String> out = new TreeMap<>();
        answers.forEach(r -> out.put(r.getAs("request_key"), r.getAs("body_sha256")));
        return out;
    }

    /** Every table of the lake as sorted rows, the run history aside (each run, maintain among them, adds to it). */
    private Map<String, List<String>> contents(SparkSession spark) throws java.io.IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String layer : List.of("bronze", "silver", "gold", "meta")) {
            try (Stream<Path> tables = Files.list(Path.of(lake.root(), layer))) {
                for (Path t : tables.filter(t -> !t.endsWith("etl_runs")).toList()) {
                    out.put(layer + "/" + t.getFileName(), spark.read().format("delta").load(t.toString()).collectAsList().stream()
                            .map(Row::toString).sorted().toList());
                }
            }
        }
        return out;
    }

    /** The data files in the layers' folders, logs aside. */
    private long dataFiles(String... layers) throws java.io.IOException {
        long n = 0;
        for (String layer : layers) {
            try (Stream<Path> files = Files.walk(lakeDir.resolve(layer))) {
                n += files.filter(f -> Files.isRegularFile(f) && !f.toString().contains("/_delta_log/")
                        && !f.getFileName().toString().startsWith(".")).count();
            }
        }
        return n;
    }

    /** "1,234 → 56" in the given column of the report's total line. */
    private static long[] beforeAfter(String total, int column) {
        String[] pairs = total.replaceAll("^all \\d+ tables\\s+", "").split("\\s{2,}");
        String[] parts = pairs[column].split(" → ");
        return new long[]{Long.parseLong(parts[0].replace(",", "").trim()), Long.parseLong(parts[1].replace(",", "").trim())};
    }
}
