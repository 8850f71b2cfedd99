package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.ChildFurlong;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * <p>Five kills here; {@code -Dfurlong.crash.trials=20} for a soak, {@code -Dfurlong.crash.seed=N} to replay one (the seed is
 * printed).
 */
@Acceptance
class CrashAnywhereTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox", "PG_USER", "postgres");
    /** Columns that say when or by which run a row was written: the only ones allowed to differ. */
    static final String WRITTEN = ".*_at|run_id";
    static final String REFERENCE = "crash_reference";

    private static List<String> backfill(SandboxServer sandbox, Path lake, String schema) {
        return List.of("backfill", "--from", TODAY.minusDays(5).toString(), "--to", TODAY.minusDays(2).toString(), "--api-url",
                sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema", schema, "--today",
                TODAY.toString());
    }

    @Test
    void aBackfillKilledAnywhereEndsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("furlong.crash.trials", 5);
        long seed = Long.getLong("furlong.crash.seed", System.nanoTime());
        System.out.println("crash-anywhere: seed " + seed + " (-Dfurlong.crash.seed=" + seed + " replays it), " + kills + " kills");
        Random random = new Random(seed);
        SparkSession spark = SparkTestSession.get();
        List<String> killedAt = new ArrayList<>();
        long rowsCompared = 0;
        // The sandbox's rate limits on: the fetch takes its real share of the run, so kills land in it too.
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(TODAY), 0)) {
            Path referenceLake = dir.resolve("reference/lake");
            long started = System.nanoTime();
            int exit = ChildFurlong.run(ENV, dir.resolve("reference.log"), backfill(sandbox, referenceLake, REFERENCE));
            assertEquals(0, exit, Files.readString(dir.resolve("reference.log")));
            long runMillis = (System.nanoTime() - started) / 1_000_000;
            Snapshot reference = Snapshot.of(spark, referenceLake, REFERENCE);
            assertTrue(reference.bronze().size() > 5 && reference.pgRows() > 1000, "a real backfill: " + reference.pgRows() + " rows");

            for (int attempt = 0; killedAt.size() < kills && attempt < 2 * kills; attempt++) {
                String schema = "crash_" + attempt;
                Path lake = dir.resolve(schema + "/lake");
                Path log = dir.resolve(schema + ".log");
                long delay = (long) (runMillis * (0.05 + 0.75 * random.nextDouble()));
                Process child = ChildFurlong.start(ENV, log, backfill(sandbox, lake, schema));
                if (child.waitFor(delay, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    System.out.println("crash-anywhere: the run ended before its kill at " + delay + " ms; drawn again");
                } else {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                    child.waitFor();
                    killedAt.add(String.format("%.1f s (%s)", delay / 1000.0, stageOf(Files.readAllLines(log))));
                }
                assertEquals(0, Furlong.run(ENV, backfill(sandbox, lake, schema).toArray(new String[0])), "the rerun completes");
                Snapshot after = Snapshot.of(spark, lake, schema);
                reference.assertSameAs(after, "after a kill at " + (killedAt.isEmpty() ? "-" : killedAt.get(killedAt.size() - 1)));
                rowsCompared += after.rows();
                assertEquals(0, Furlong.run(ENV, "validate", "--lake", lake.toString(), "--pg-url", TestPostgres.url(), "--pg-schema",
                        schema, "--today", TODAY.toString(), "-q"), "validate passes after the kill and the rerun");
            }
        }
        assertEquals(kills, killedAt.size(), "kills made: " + killedAt);
        System.out.println("crash-anywhere: seed " + seed + ", " + kills + " kills at " + killedAt + "; " + rowsCompared
                + " rows compared with the uninterrupted run, 0 differences");
    }

    /** What the run was doing when it was killed: the stage its last progress line names. */
    static String stageOf(List<String> log) {
        for (int i = log.size() - 1; i >= 0; i--) {
            String line = log.get(i).toLowerCase();
            for (String stage : List.of("publish", "stats", "statistic", "transform", "fetch")) {
                if (line.contains(stage)) {
                    return stage.equals("statistic") ? "stats" : stage;
                }
            }
        }
        return "start";
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
