package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.lake.RunHistory;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SandboxCli;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash anywhere: a backfill SIGKILLed at a seeded random moment of its run (fetch, transform, statistics or publish), then run
 * again to the end, leaves the lake and Postgres as an uninterrupted backfill does — bronze on request key and body hash,
 * every silver and gold table and every published table row for row, ignoring only run ids and the times rows were written —
 * and {@code validate} passes on it (no duplicate key, bronze = silver + quarantine, Postgres = the lake at its watermarks).
 *
 * <p>Then the first lake that came through its kills has the evening's sync, killed once at a seeded random moment and run
 * again: it must end as the uninterrupted sync of the reference does, and {@code validate} pass.
 *
 * <p>Five kills in a row on one lake here, each run after a kill its rerun; a soak runs more, checking after fewer kills each,
 * and kills the sync on more lakes: {@code -Dfurlong.crash.kills=20 -Dfurlong.crash.kills-per-lake=5
 * -Dfurlong.crash.sync-kills=4}. {@code -Dfurlong.crash.seed=N} replays a run (the seed is printed).
 */
@Acceptance
class CrashAnywhereTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final Map<String, String> ENV = SandboxCli.ENV;
    /**
     * Columns that say when or by which run a row was written, the only ones allowed to differ: times, run ids, and the bronze
     * version an answer was read at (a fetch cut short stores its answers over more commits).
     */
    static final String WRITTEN = ".*_at|run_id|bronze_version";
    static final String REFERENCE = "crash_reference";

    private static List<String> backfill(SandboxServer sandbox, Path lake, String schema) {
        return List.of("backfill", "--from", TODAY.minusDays(5).toString(), "--to", TODAY.minusDays(2).toString(), "--api-url",
                sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema", schema, "--today",
                TODAY.toString());
    }

    /** The evening's sync after the backfill: the mutable window's results, the day's, and the week's cards. */
    static final java.time.LocalDateTime EVENING = TODAY.atTime(22, 45);

    private static List<String> sync(SandboxServer sandbox, Path lake, String schema) {
        return List.of("sync", "--scope", "transactions", "--now", EVENING.toString(), "--api-url", sandbox.baseUrl(), "--lake",
                lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema", schema);
    }

    @Test
    void aBackfillKilledAnywhereEndsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("furlong.crash.kills", 5);
        int killsPerLake = Integer.getInteger("furlong.crash.kills-per-lake", 5);
        int syncKills = Integer.getInteger("furlong.crash.sync-kills", 1);
        long seed = Long.getLong("furlong.crash.seed", System.nanoTime());
        System.out.println("crash-anywhere: seed " + seed + " (-Dfurlong.crash.seed=" + seed + " replays it): " + kills + " kills, "
                + killsPerLake + " a lake, and " + syncKills + " of a sync");
        Random random = new Random(seed);
        SparkSession spark = SparkTestSession.get();
        List<String> killedAt = new ArrayList<>();
        List<String> syncKilledAt = new ArrayList<>();
        long rowsCompared = 0;
        int lakes = 0;
        // The sandbox's rate limits on: the fetch takes its real share of the run, so kills land in it too.
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0);
             SandboxServer evening = SandboxServer.start(SandboxConfig.defaults(EVENING), 0)) {
            long started = System.nanoTime();
            assertEquals(0, ChildFurlong.run(ENV, dir.resolve("reference.log"), backfill(sandbox, dir.resolve("reference/lake"), REFERENCE)),
                    Files.readString(dir.resolve("reference.log")));
            long runMillis = (System.nanoTime() - started) / 1_000_000;
            Snapshot reference = Snapshot.of(spark, dir.resolve("reference/lake"), REFERENCE);
            assertTrue(reference.bronze().size() > 5 && reference.pgRows() > 1000, "a real backfill: " + reference.pgRows() + " rows");
            System.out.println("crash-anywhere: the uninterrupted backfill took " + runMillis + " ms");

            Snapshot syncReference = null;
            long syncMillis = 0;

            // Each lake is killed up to killsPerLake times, every run after a kill being the rerun of the one before; then a
            // last run goes to the end, and the lake and its database must equal the reference.
            int onThisLake = 0;
            int endedFirst = 0;
            boolean complete = false;
            for (int run = 0; killedAt.size() < kills || onThisLake > 0; run++) {
                String schema = "crash_" + lakes;
                Path lake = dir.resolve(schema + "/lake");
                if (onThisLake == killsPerLake || killedAt.size() == kills) {
                    assertEquals(0, Furlong.run(ENV, backfill(sandbox, lake, schema).toArray(new String[0])), "the last rerun completes");
                    complete = true;
                } else {
                    long delay = (long) (runMillis * (0.05 + 0.75 * random.nextDouble()));
                    Path log = dir.resolve(schema + "-" + run + ".log");
                    Process child = ChildFurlong.start(ENV, log, backfill(sandbox, lake, schema));
                    if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                        assertEquals(0, child.exitValue(), Files.readString(log));
                        assertTrue(++endedFirst <= kills, "runs keep ending before their kill: the kill times are wrong");
                        complete = true; // it ended before its kill: what it left is checked as it is
                    } else {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                        child.waitFor();
                        killedAt.add(String.format("%.1f s (%s)", delay / 1000.0, onThisLake > 0 ? "rerun"
                                : stageAt(spark, dir.resolve("reference/lake"), "backfill", delay)));
                        onThisLake++;
                    }
                }
                if (complete) {
                    Snapshot after = Snapshot.of(spark, lake, schema);
                    reference.assertSameAs(after, "on lake " + schema + " after kills at " + killedAt);
                    rowsCompared += after.rows();
                    assertEquals(0, Furlong.run(ENV, "validate", "--lake", lake.toString(), "--pg-url", TestPostgres.url(),
                            "--pg-schema", schema, "--today", TODAY.toString(), "-q"), "validate passes on " + schema);

                    // The evening's sync on the first lakes (one in CI), killed once, then run again to the end.
                    if (syncKilledAt.size() < syncKills) {
                        if (syncReference == null) {
                            started = System.nanoTime();
                            Path referenceLog = dir.resolve("reference-sync.log");
                            assertEquals(0, ChildFurlong.run(ENV, referenceLog, sync(evening, dir.resolve("reference/lake"), REFERENCE)),
                                    Files.readString(referenceLog));
                            syncMillis = (System.nanoTime() - started) / 1_000_000;
                            syncReference = Snapshot.of(spark, dir.resolve("reference/lake"), REFERENCE);
                            System.out.println("crash-anywhere: the uninterrupted sync took " + syncMillis + " ms");
                        }
                        long delay = (long) (syncMillis * (0.05 + 0.75 * random.nextDouble()));
                        Path log = dir.resolve(schema + "-sync.log");
                        Process child = ChildFurlong.start(ENV, log, sync(evening, lake, schema));
                        if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                            assertEquals(0, child.exitValue(), Files.readString(log));
                            syncKilledAt.add("none: it ended first");
                        } else {
                            child.destroyForcibly();
                            child.waitFor();
                            syncKilledAt.add(String.format("%.1f s (%s)", delay / 1000.0,
                                    stageAt(spark, dir.resolve("reference/lake"), "sync", delay)));
                            assertEquals(0, Furlong.run(ENV, sync(evening, lake, schema).toArray(new String[0])),
                                    "the sync's rerun completes");
                        }
                        Snapshot synced = Snapshot.of(spark, lake, schema);
                        syncReference.assertSameAs(synced, "on lake " + schema + " after the sync killed at "
                                + syncKilledAt.get(syncKilledAt.size() - 1));
                        rowsCompared += synced.rows();
                        assertEquals(0, Furlong.run(ENV, "validate", "--lake", lake.toString(), "--pg-url", TestPostgres.url(),
                                "--pg-schema", schema, "--now", EVENING.toString(), "-q"), "validate passes on " + schema + " after its sync");
                    }
                    lakes++;
                    onThisLake = 0;
                    complete = false;
                }
            }
        }
        System.out.println("crash-anywhere: seed " + seed + ", " + killedAt.size() + " backfill kills at " + killedAt + " over " + lakes
                + " lakes, and the sync killed at " + syncKilledAt + "; " + rowsCompared
                + " rows compared with the uninterrupted runs, 0 differences");
    }

    /**
     * The stage the uninterrupted run of {@code command} was in that many milliseconds after its start (its run history's
     * times, from the start of the run; the JVM's own start, a second or two, is not in them): where a first kill on a lake
     * landed. A rerun has less to do, so its kills are only timed.
     */
    static String stageAt(SparkSession spark, Path lake, String command, long millis) {
        List<Row> stages = spark.read().format("delta").load(new Lake(lake.toString()).etlRuns()).where(functions.col("command")
                .equalTo(command)).orderBy("started_at").collectAsList();
        Instant start = stages.stream().filter(r -> r.getAs("stage").equals(RunHistory.RUN)).map(r -> instant(r, "started_at"))
                .findFirst().orElseThrow();
        Instant at = start.plusMillis(millis);
        String stage = "start-up";
        for (Row r : stages) {
            if (!r.getAs("stage").equals(RunHistory.RUN) && !at.isBefore(instant(r, "started_at"))) {
                stage = at.isBefore(instant(r, "ended_at")) ? r.getAs("stage") : "after " + r.getAs("stage");
            }
        }
        return stage;
    }

    private static Instant instant(Row row, String field) {
        Object value = row.getAs(field);
        return value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
    }

    /** A lake and its database as rows, the columns that say when a row was written left out. */
    record Snapshot(Map<String, String> bronze, Map<String, List<String>> lakeTables, Map<String, List<String>> pgTables,
                    List<String> watermarks) {

        static Snapshot of(SparkSession spark, Path lake, String schema) throws IOException, SQLException {
            Map<String, String> bronze = new TreeMap<>();
            for (Row r : spark.read().format("delta").load(new Lake(lake.toString()).apiResponses())
                    .select("request_key", "body_sha256").collectAsList()) {
                assertEquals(null, bronze.put(r.getString(0), r.getString(1)), "stored twice: " + r.getString(0));
            }
            Map<String, List<String>> lakeTables = new TreeMap<>();
            for (String layer : List.of("silver", "gold")) {
                try (Stream<Path> tables = Files.list(lake.resolve(layer))) {
                    for (Path table : tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList()) {
                        lakeTables.put(layer + "/" + table.getFileName(), rows(spark.read().format("delta").load(table.toString())));
                    }
                }
            }
            Map<String, List<String>> pgTables = new TreeMap<>();
            List<String> watermarks = new ArrayList<>();
            try (Connection c = TestPostgres.target(schema).connect(); Statement s = c.createStatement()) {
                for (String table : strings(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name NOT IN ('etl_runs', 'etl_watermarks', 'flyway_schema_history')")) {
                    List<String> columns = strings(s, "SELECT quote_ident(column_name) FROM information_schema.columns WHERE "
                            + "table_schema = '" + schema + "' AND table_name = '" + table + "' AND column_name !~ '^(" + WRITTEN
                            + ")$' ORDER BY ordinal_position");
                    pgTables.put(table, strings(s, "SELECT row_to_json(x)::text AS r FROM (SELECT " + String.join(", ", columns)
                            + " FROM " + schema + "." + table + ") x ORDER BY r"));
                }
                watermarks.addAll(strings(s, "SELECT table_name FROM " + schema + ".etl_watermarks ORDER BY 1"));
            }
            return new Snapshot(bronze, lakeTables, pgTables, watermarks);
        }

        private static List<String> rows(Dataset<Row> table) {
            Column[] kept = Arrays.stream(table.columns()).filter(c -> !c.matches(WRITTEN)).map(functions::col).toArray(Column[]::new);
            return table.select(functions.to_json(functions.struct(kept)).as("r")).orderBy("r").as(
                    org.apache.spark.sql.Encoders.STRING()).collectAsList();
        }

        private static List<String> strings(Statement s, String sql) throws SQLException {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }

        long pgRows() {
            return pgTables.values().stream().mapToLong(List::size).sum();
        }

        long rows() {
            return bronze.size() + lakeTables.values().stream().mapToLong(List::size).sum() + pgRows();
        }

        /** Equal sorted rows; else how many differ, with a few of each side. */
        private static void assertSameRows(List<String> expected, List<String> actual, String what) {
            if (expected.equals(actual)) {
                return;
            }
            List<String> missing = new ArrayList<>(expected);
            actual.forEach(missing::remove);
            List<String> extra = new ArrayList<>(actual);
            expected.forEach(extra::remove);
            throw new AssertionError(what + ": " + missing.size() + " rows missing, " + extra.size() + " extra; missing "
                    + missing.stream().limit(3).toList() + "; extra " + extra.stream().limit(3).toList());
        }

        /** The same without these tables (their lake table in gold or silver, and their {@code ra_} table). */
        Snapshot without(List<String> tables) {
            Map<String, List<String>> lake = new TreeMap<>(lakeTables);
            Map<String, List<String>> pg = new TreeMap<>(pgTables);
            for (String t : tables) {
                lake.keySet().removeIf(k -> k.endsWith("/" + t));
                pg.remove("ra_" + t);
            }
            return new Snapshot(bronze, lake, pg, watermarks);
        }

        /** Whether {@code other} holds the same rows in this table, in the lake and in Postgres. */
        boolean holdsSameAs(Snapshot other, String table) {
            return lakeTables.get("gold/" + table).equals(other.lakeTables.get("gold/" + table))
                    && pgTables.get("ra_" + table).equals(other.pgTables.get("ra_" + table));
        }

        void assertSameAs(Snapshot other, String when) {
            assertEquals(bronze, other.bronze, "bronze " + when);
            assertEquals(lakeTables.keySet(), other.lakeTables.keySet(), "lake tables " + when);
            lakeTables.forEach((table, rows) -> assertSameRows(rows, other.lakeTables.get(table), table + " " + when));
            assertEquals(pgTables.keySet(), other.pgTables.keySet(), "Postgres tables " + when);
            pgTables.forEach((table, rows) -> assertSameRows(rows, other.pgTables.get(table), table + " " + when));
            assertEquals(watermarks, other.watermarks, "watermarked tables " + when);
        }
    }
}
