package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.lake.LakeLock;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code furlong maintain} on a lake that five daily syncs have filled with small files: fewer files, the same data, every
 * superseded answer still readable, and the syncs go on as before. Refused while a fetch runs. Then {@code furlong status} on
 * the same lake and database.
 */
@Acceptance
class MaintainAcceptanceTest {

    static final LocalDate FIRST = LocalDate.of(2026, 11, 19);
    static final int SYNCS = 5;
    static final Map<String, String> ENV = KeepCurrentAcceptanceTest.ENV;

    @Test
    void maintainAfterFiveDailySyncsCompactsTheLakeAndLosesNothing(@TempDir Path dir) throws Exception {
        Path lakeDir = dir.resolve("lake");
        String schema = "maintain";
        run(lakeDir, schema, FIRST, "fetch", "--from", FIRST.minusDays(7).toString(), "--to", FIRST.minusDays(1).toString(),
                "--historical-results");
        run(lakeDir, schema, FIRST, "transform");
        run(lakeDir, schema, FIRST, "publish");
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(lakeDir.toString());
        long before = DeltaTables.version(spark, lake.apiResponses());
        Map<String, String> answersBefore = hashes(spark.read().format("delta").option("versionAsOf", before).load(lake.apiResponses()).collectAsList());
        for (int day = 0; day < SYNCS; day++) {
            LocalDateTime now = FIRST.plusDays(day).atTime(22, 45);
            run(lakeDir, schema, now.toLocalDate(), "sync", "--scope", "transactions", "--now", now.toString());
        }
        // A result the syncs corrected: its first answer is in bronze's history only.
        Map<String, String> answersNow = hashes(spark.read().format("delta").load(lake.apiResponses()).collectAsList());
        String corrected = answersBefore.keySet().stream().filter(k -> !answersBefore.get(k).equals(answersNow.get(k))).findFirst()
                .orElseThrow(() -> new AssertionError("the syncs corrected no answer"));
        Map<String, List<String>> tables = contents(spark, lake);
        long diskFiles = dataFiles(lakeDir, "silver", "gold", "meta");

        Path conf = dir.resolve("maintain.conf");
        Files.writeString(conf, "furlong.maintain.vacuum-retention = 0h\n");
        try (LakeLock fetching = LakeLock.acquire(lakeDir.toString(), () -> null, Duration.ZERO, line -> { })) {
            String refused = run(1, lakeDir, schema, FIRST.plusDays(SYNCS), "maintain", "--conf", conf.toString());
            assertTrue(refused.contains("maintain refused: a fetch into " + lakeDir + " is running"), refused);
        }
        assertEquals(tables, contents(spark, lake), "a refused maintain changes nothing");

        String report = run(0, lakeDir, schema, FIRST.plusDays(SYNCS), "maintain", "--conf", conf.toString());
        String total = report.lines().filter(l -> l.startsWith("all ")).findFirst().orElseThrow(() -> new AssertionError(report));
        System.out.println("maintain after " + SYNCS + " daily syncs:\n" + report);
        long[] live = beforeAfter(total, 0);
        assertTrue(live[1] < live[0], "fewer live files: " + total);
        long diskFilesAfter = dataFiles(lakeDir, "silver", "gold", "meta");
        System.out.println("files on disk in silver, gold and meta: " + diskFiles + " → " + diskFilesAfter);
        assertTrue(diskFilesAfter < diskFiles, "fewer files on disk in silver, gold and meta: " + diskFiles + " → " + diskFilesAfter);
        assertTrue(report.contains("Postgres: VACUUM ANALYZE of 20 tables in schema maintain"), report);
        assertEquals(tables, contents(spark, lake), "every table reads back as it was");
        Row first = spark.read().format("delta").option("versionAsOf", before).load(lake.apiResponses())
                .where("request_key = '" + corrected + "'").head();
        assertEquals(answersBefore.get(corrected), first.getAs("body_sha256"), "the superseded answer is still readable");
        assertNotEquals(answersNow.get(corrected), first.getAs("body_sha256"));

        LocalDateTime next = FIRST.plusDays(SYNCS).atTime(22, 45);
        run(lakeDir, schema, next.toLocalDate(), "sync", "--scope", "transactions", "--now", next.toString());
        var db = TestPostgres.target(schema);
        assertEquals(0, TestPostgres.scalar(db, "SELECT count(*) FROM maintain.etl_runs WHERE stage = 'run' AND command = 'sync' "
                + "AND outcome <> 'succeeded'"), "every sync succeeded, the one after maintain too");
        assertEquals(SYNCS + 1, TestPostgres.scalar(db, "SELECT count(*) FROM maintain.etl_runs WHERE stage = 'run' AND command = 'sync'"));
        assertEquals(1, TestPostgres.scalar(db, "SELECT count(*) FROM maintain.etl_runs WHERE stage = 'run' AND command = 'maintain' "
                + "AND outcome = 'succeeded'"), "the run history has the maintain that ran, beside the one refused");

        // status then shows the lake and Postgres in step, year by year, and the syncs in the run history.
        String printed = run(0, lakeDir, schema, next.toLocalDate(), "status", "--json", "-q");
        var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(printed.substring(printed.indexOf("{\n")));
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

    private static void run(Path lake, String schema, LocalDate today, String... args) {
        run(0, lake, schema, today, args);
    }

    /** Runs a command against the sandbox as of {@code today}, expects its exit code, and returns what it printed. */
    static String run(int expected, Path lake, String schema, LocalDate today, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(today.atTime(22, 45)).withRateLimits(false), 0)) {
            all.addAll(List.of("--api-url", sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url", TestPostgres.url(),
                    "--pg-schema", schema));
            if (!all.contains("--now")) {
                all.addAll(List.of("--today", today.toString()));
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = System.out;
            PrintStream err = System.err;
            PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            int code;
            try {
                code = Furlong.run(ENV, all.toArray(new String[0]));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            String text = printed.toString(StandardCharsets.UTF_8);
            assertEquals(expected, code, String.join(" ", args) + "\n" + text);
            return text;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> hashes(List<Row> answers) {
        Map<String, String> out = new TreeMap<>();
        answers.forEach(r -> out.put(r.getAs("request_key"), r.getAs("body_sha256")));
        return out;
    }

    /** Every table of the lake as sorted rows, the run history aside (each run, maintain among them, adds to it). */
    private static Map<String, List<String>> contents(SparkSession spark, Lake lake) throws java.io.IOException {
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
    private static long dataFiles(Path lake, String... layers) throws java.io.IOException {
        long n = 0;
        for (String layer : layers) {
            try (Stream<Path> files = Files.walk(lake.resolve(layer))) {
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
