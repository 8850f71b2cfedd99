package dev.furlong.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.furlong.lake.Lake;
import dev.furlong.publish.PgTarget;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.SandboxCli;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import dev.furlong.validate.HtmlReportTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code furlong validate} on a sandbox backfill: every check passes. Then the data is broken on purpose, one way at a time and
 * each on top of the last, and each time exactly the checks that see that breakage join the failures, with the measured value
 * expected. Last, the HTML report opens in headless Chromium (Debian's {@code chromium}) and is screenshotted.
 */
@Acceptance
class ValidateAcceptanceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 1, 5);
    /** Before the day's first race: yesterday's results are the latest there can be. */
    static final String NOW = TODAY + "T08:00";
    static final String SCHEMA = "validate";

    @Test
    void everyCheckPassesOnABackfillAndEachBreakageFailsItsOwnCheck(@TempDir Path dir) throws Exception {
        Path lakeDir = dir.resolve("lake");

        // Nothing yet: both say so plainly.
        String empty = SandboxCli.run(1, lakeDir, SCHEMA, TODAY, "validate", "--now", NOW);
        assertTrue(empty.contains("nothing published yet: schema validate has no Furlong tables"), empty);
        assertTrue(empty.contains("the lake at " + lakeDir + " holds no answers yet"), empty);
        assertTrue(!empty.contains("Exception") && !empty.contains("SQLState"), empty);
        String status = SandboxCli.run(0, lakeDir, SCHEMA, TODAY, "status", "--now", NOW);
        assertTrue(status.contains("has no Furlong tables"), status);

        SandboxCli.run(0, lakeDir, SCHEMA, TODAY, "backfill", "--from", "2025-12-22", "--historical-results", "--now", NOW);
        Map<String, JsonNode> checks = validate(dir, lakeDir, 0, NOW);
        assertEquals(Set.of(), failing(checks), "a backfill passes every check, warnings included");
        assertTrue(checks.get("rows.ra_runners").get("value").asDouble() > 1000, checks.get("rows.ra_runners").toString());
        Set<String> failing = new HashSet<>();

        // The lake ahead of Postgres: a day transformed and not published; publishing it catches up.
        SandboxCli.run(0, lakeDir, SCHEMA, TODAY, "fetch", "--from", "2025-12-21", "--to", "2025-12-21", "--now", NOW);
        SandboxCli.run(0, lakeDir, SCHEMA, TODAY, "transform", "--now", NOW);
        checks = breaks(dir, lakeDir, failing, Set.of("published"));
        assertTrue(checks.get("published").get("detail").asText().contains("ra_runners"), checks.get("published").toString());
        SandboxCli.run(0, lakeDir, SCHEMA, TODAY, "publish", "--now", NOW);
        failing.clear();
        assertEquals(Set.of(), failing(validate(dir, lakeDir, 0, NOW)), "published");

        PgTarget db = TestPostgres.target(SCHEMA);
        // A year of runners deleted from Postgres: runners per race (that year's and overall), and Postgres against the lake.
        sql(db, "DELETE FROM ra_runners WHERE race_id IN (SELECT race_id FROM ra_races WHERE race_date < '2026-01-01')");
        checks = breaks(dir, lakeDir, failing, Set.of("runners_per_race_by_year", "runners_per_race", "lake_vs_postgres"));
        assertEquals("2025: 0.00", checks.get("runners_per_race_by_year").get("measured").asText());
        assertTrue(checks.get("lake_vs_postgres").get("detail").asText().startsWith("ra_runners "), checks.get("lake_vs_postgres").toString());

        // A runner whose horse does not exist (the foreign keys switched off, as a bulk load might).
        sql(db, "SET session_replication_role = replica; UPDATE ra_runners SET horse_id = 'hrs_nowhere' "
                + "WHERE (race_id, horse_id) IN (SELECT race_id, horse_id FROM ra_runners LIMIT 1)");
        checks = breaks(dir, lakeDir, failing, Set.of("orphaned_references"));
        assertEquals(1.0, checks.get("orphaned_references").get("value").asDouble());
        assertEquals("1 ra_runners.horse_id not in ra_mst_horses", checks.get("orphaned_references").get("detail").asText());

        // A key held twice in the lake (a result row written again), then published: Postgres's primary key holds it once.
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(lakeDir.toString());
        Row result = spark.read().format("delta").load(lake.silver("race_results")).limit(1).collectAsList().get(0);
        spark.createDataFrame(List.of(result), result.schema()).write().format("delta").mode("append").save(lake.silver("race_results"));
        SandboxCli.run(0, lakeDir, SCHEMA, TODAY, "publish", "--now", NOW);
        checks = breaks(dir, lakeDir, failing, Set.of("duplicate_keys"));
        assertEquals(1.0, checks.get("duplicate_keys").get("value").asDouble());
        assertTrue(checks.get("duplicate_keys").get("detail").asText().startsWith("silver/race_results: 1 keys"), checks.get("duplicate_keys").toString());

        // A column nulled in a tenth of the runners left.
        sql(db, "UPDATE ra_runners SET trainer_id = NULL WHERE abs(hashtext(horse_id)) % 10 = 0");
        double nulls = TestPostgres.scalar(db, "SELECT count(*) FROM validate.ra_runners WHERE trainer_id IS NULL")
                / (double) TestPostgres.scalar(db, "SELECT count(*) FROM validate.ra_runners");
        checks = breaks(dir, lakeDir, failing, Set.of("null_rate.ra_runners.trainer_id"));
        assertEquals(nulls, checks.get("null_rate.ra_runners.trainer_id").get("value").asDouble(), 1e-9);
        assertTrue(nulls > 0.05, "a tenth or so: " + nulls);

        // The data aged: three days on with no sync, the finished races have no results, today has no racecard and the
        // statistics are old.
        String later = TODAY.plusDays(3) + "T20:00";
        checks = breaks(dir, lakeDir, failing, later, Set.of("freshness.results", "freshness.racecards", "statistics_age"));
        assertEquals(3.0, checks.get("freshness.racecards").get("value").asDouble(), "the backfill's cards end today");
        // Today's races, the last the racecards name, went off with no result since yesterday's last.
        assertTrue(checks.get("freshness.results").get("value").asDouble() > 24, checks.get("freshness.results").toString());
        assertTrue(checks.get("freshness.results").get("detail").asText().matches(
                "latest finished race off 2026-01-05T.*, latest with a result off 2026-01-04T.*"), checks.get("freshness.results").toString());
        assertEquals(84.0, checks.get("statistics_age").get("value").asDouble(), 0.1, "08:00 to three days later at 20:00");

        // The report: a chart per series, one mark per point, and it opens in a browser.
        Path html = dir.resolve("report.html");
        SandboxCli.run(1, lakeDir, SCHEMA, TODAY, "validate", "--now", later, "--report", html.toString());
        Map<String, Integer> marks = HtmlReportTest.marks(Files.readString(html));
        assertEquals(List.of("races_per_year", "runners_per_year", "result_coverage_by_year", "runners_per_race_by_month", "null_rates",
                "freshness"), List.copyOf(marks.keySet()));
        assertEquals(2, marks.get("races_per_year"), "2025 and 2026");
        assertEquals(3, marks.get("freshness"), "results, racecards, statistics");
        Path png = dir.resolve("report.png");
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=1200,3000", "--screenshot=" + png, html.toUri().toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, chromium.exitValue(), Files.readString(dir.resolve("chromium.log")));
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1200, shot.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 7) {
            for (int x = 0; x < shot.getWidth(); x += 7) {
                colours.add(shot.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the page is drawn, not blank: " + colours.size() + " colours");
        Path kept = Path.of("target", "validate-report");
        Files.createDirectories(kept);
        Files.copy(html, kept.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, kept.resolve("report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Validates and expects exactly the earlier failures plus {@code expected}; returns the checks by name. */
    private static Map<String, JsonNode> breaks(Path dir, Path lake, Set<String> failing, Set<String> expected) throws Exception {
        return breaks(dir, lake, failing, NOW, expected);
    }

    private static Map<String, JsonNode> breaks(Path dir, Path lake, Set<String> failing, String now, Set<String> expected) throws Exception {
        Map<String, JsonNode> checks = validate(dir, lake, 1, now);
        Set<String> want = new HashSet<>(failing);
        want.addAll(expected);
        assertEquals(new java.util.TreeSet<>(want), new java.util.TreeSet<>(failing(checks)), "the checks failing now");
        failing.addAll(expected);
        return checks;
    }

    private static Map<String, JsonNode> validate(Path dir, Path lake, int exit, String now) throws Exception {
        Path json = dir.resolve("validation.json");
        String printed = SandboxCli.run(exit, lake, SCHEMA, TODAY, "validate", "--fail-on", "warn", "--now", now, "--json",
                json.toString());
        System.out.println(printed);
        Map<String, JsonNode> out = new TreeMap<>();
        new ObjectMapper().readTree(json.toFile()).get("checks").forEach(c -> out.put(c.get("name").asText(), c));
        return out;
    }

    private static Set<String> failing(Map<String, JsonNode> checks) {
        Set<String> out = new java.util.TreeSet<>();
        checks.forEach((name, c) -> {
            if (!c.get("passed").asBoolean()) {
                out.add(name);
            }
        });
        return out;
    }

    private static void sql(PgTarget db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            s.execute(sql);
        }
    }
}
