package dev.furlong.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.PgAssert;
import dev.furlong.testing.SandboxLake;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a sandbox lake: every ra_* table holds exactly its lake table's rows; a re-publish writes nothing; one new day
 * writes only that day's rows and the entities it changed, read from the change feed.
 */
class PublishJobTest {

    static final LocalDate FROM = LocalDate.of(2026, 11, 19);
    static final LocalDate TO = LocalDate.of(2026, 11, 20);
    static final LocalDate NEW_DAY = LocalDate.of(2026, 11, 21);

    static void assertEveryTableAsTheLakeHoldsIt(SparkSession spark, Lake lake, PgTarget db) throws Exception {
        int compared = 0;
        for (PublishedTable t : PublishedTable.ALL) {
            if (t.lakeTable().startsWith("silver/")) {
                PgAssert.assertSameRows(t.shape().apply(spark.read().format("delta").load(t.path(lake))), db, t.pgTable());
                compared++;
            }
        }
        assertEquals(14, compared);
    }

    @Test
    @Acceptance
    void publishesTheLakeThenOnlyWhatChanged(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        PgTarget db = TestPostgres.target("publish_job");
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults(SandboxLake.TODAY).withRateLimits(false), 0)) {
            SandboxLake.fetchAndTransform(sandbox.baseUrl(), lake.root(), FROM, TO);

            List<PublishResult> first = new PublishJob(spark, lake, db, "first").run(false);
            assertEquals(14, first.size(), "no gold tables yet: the 14 silver tables");
            first.forEach(r -> assertEquals("all rows (first publish)", r.read(), r.table()));
            assertEveryTableAsTheLakeHoldsIt(spark, lake, db);
            long runners = TestPostgres.scalar(db, "SELECT count(*) FROM publish_job.ra_runners");
            assertTrue(runners > 500, "two days of runners: " + runners);
            assertEquals(runners, first.stream().filter(r -> r.table().equals("ra_runners")).findFirst().orElseThrow().rowsWritten());

            // Nothing changed in the lake: nothing is read or written.
            List<PublishResult> again = new PublishJob(spark, lake, db, "again").run(false);
            assertTrue(again.stream().allMatch(PublishResult::skippedUnchanged), again.toString());
            assertEquals(0, again.stream().mapToLong(PublishResult::rowsWritten).sum());

            // One new day: its races and runners, and the entities whose rows it changed; read from the change feeds.
            SandboxLake.fetchAndTransform(sandbox.baseUrl(), lake.root(), NEW_DAY, NEW_DAY);
            Map<String, PublishResult> next = new PublishJob(spark, lake, db, "next").run(false).stream()
                    .collect(Collectors.toMap(PublishResult::table, r -> r));
            assertEveryTableAsTheLakeHoldsIt(spark, lake, db);
            long newRunners = TestPostgres.scalar(db, "SELECT count(*) FROM publish_job.ra_runners u JOIN publish_job.ra_races r USING (race_id) "
                    + "WHERE r.race_date = DATE '" + NEW_DAY + "'");
            long newRaces = TestPostgres.scalar(db, "SELECT count(*) FROM publish_job.ra_races WHERE race_date = DATE '" + NEW_DAY + "'");
            assertTrue(newRunners > 100, "a day of runners: " + newRunners);
            assertEquals(newRunners, next.get("ra_runners").rowsWritten());
            assertEquals(newRaces, next.get("ra_races").rowsWritten());
            assertEquals(newRaces, next.get("ra_race_results").rowsWritten());
            long dayJockeys = TestPostgres.scalar(db, "SELECT count(DISTINCT jockey_id) FROM publish_job.ra_runners u JOIN publish_job.ra_races r "
                    + "USING (race_id) WHERE r.race_date = DATE '" + NEW_DAY + "'");
            assertTrue(next.get("ra_mst_jockeys").rowsWritten() <= dayJockeys, next.get("ra_mst_jockeys").toString());
            for (String table : List.of("ra_runners", "ra_races", "ra_mst_jockeys")) {
                assertTrue(next.get(table).read().startsWith("rows changed in versions "), next.get(table).toString());
            }
            assertTrue(next.get("ra_mst_regions").skippedUnchanged(), next.get("ra_mst_regions").toString());
        }
    }

    @Test
    void aTableFromBeforeTheChangeFeedIsPublishedWholeOnceThenByItsChanges(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        String path = lake.silver("mst_regions");
        spark.sql("CREATE TABLE delta.`" + path + "` (code STRING, name STRING, updated_at TIMESTAMP) USING delta "
                + "TBLPROPERTIES (delta.enableChangeDataFeed = false)");
        spark.sql("INSERT INTO delta.`" + path + "` VALUES ('GB', 'Great Britain', TIMESTAMP'2026-11-01 00:00:00')");
        PgTarget db = TestPostgres.target("publish_feed");
        new PublishJob(spark, lake, db, "first").run(false);

        spark.sql("INSERT INTO delta.`" + path + "` VALUES ('IRE', 'Ireland', TIMESTAMP'2026-11-02 00:00:00')");
        PublishResult whole = new PublishJob(spark, lake, db, "second").run(false).get(0);
        assertTrue(whole.read().startsWith("all rows (the change feed since version 1 cannot be read"), whole.read());
        assertEquals(2, whole.rowsOffered());
        assertEquals(1, whole.rowsWritten());

        spark.sql("INSERT INTO delta.`" + path + "` VALUES ('FR', 'France', TIMESTAMP'2026-11-03 00:00:00')");
        PublishResult changes = new PublishJob(spark, lake, db, "third").run(false).get(0);
        long now = DeltaTables.version(spark, path); // the feed was turned on by a commit of its own, just before this one
        assertEquals(new PublishResult("ra_mst_regions", now, 1, 1, false, "rows changed in versions " + (now - 1) + " to " + now),
                changes);
        assertEquals(3, TestPostgres.scalar(db, "SELECT count(*) FROM publish_feed.ra_mst_regions"));
    }

    private static final String ENTITY_STATISTICS = "entity_type STRING, entity_id STRING, runs INT, wins INT, places INT, ew_places INT, "
            + "win_pct DOUBLE, place_pct DOUBLE, runs_with_sp INT, profit_loss_1u DOUBLE, ae_index DOUBLE, last_run_date DATE, "
            + "last_win_date DATE, runs_14d INT, wins_14d INT, runs_30d INT, wins_30d INT, horses INT, progeny INT, "
            + "best_distance_group STRING, best_going_group STRING, stats_as_of DATE";

    private static String runnerStatistics(String horse, int priorRuns, String calculatedAt) {
        return "('standard', 'rac_1', '" + horse + "', " + priorRuns + ", 1, 2, 20.0, 40.0, 100.00, NULL, 14, '1', '1-4-PU', "
                + "3, 1, 1, 0, 2, 1, 0, 2, 1, 3, 1, 1, 0, 5, 1, 9, 2, 88, 6.5, TIMESTAMP'" + calculatedAt + "')";
    }

    @Test
    void statisticsFollowTheirGoldTablesAndFillTheEntityColumns(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        spark.sql("CREATE TABLE delta.`" + lake.silver("mst_jockeys") + "` USING delta AS SELECT * FROM VALUES "
                + "('jky_1', 'A Rider', DATE'2026-11-01', DATE'2026-11-20', TIMESTAMP'2026-11-21 00:00:00', TIMESTAMP'2026-11-21 00:00:00'), "
                + "('jky_2', 'B Rider', DATE'2026-11-02', DATE'2026-11-19', TIMESTAMP'2026-11-21 00:00:00', TIMESTAMP'2026-11-21 00:00:00') "
                + "AS t(id, name, first_seen_date, last_seen_date, source_fetched_at, updated_at)");
        spark.sql("CREATE TABLE delta.`" + lake.gold("entity_statistics") + "` (" + ENTITY_STATISTICS + ") USING delta");
        spark.sql("INSERT INTO delta.`" + lake.gold("entity_statistics") + "` VALUES ('jockey', 'jky_1', 12, 3, 5, 4, 25.0, 41.67, "
                + "11, -2.455, 0.8764, DATE'2026-11-20', DATE'2026-11-18', 4, 1, 9, 2, NULL, NULL, NULL, NULL, DATE'2026-11-28'), "
                + "('sire', 'sir_9', 30, 4, 9, 6, 13.33, 30.0, 28, 5.5, 1.1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 7, 'mile', 'good', "
                + "DATE'2026-11-28')");
        String runnerStatistics = lake.gold("runner_statistics");
        spark.sql("CREATE TABLE delta.`" + runnerStatistics + "` USING delta AS SELECT * FROM VALUES "
                + runnerStatistics("hrs_1", 5, "2026-11-28 02:30:00") + ", " + runnerStatistics("hrs_2", 6, "2026-11-28 02:30:00") + ", "
                + runnerStatistics("hrs_3", 7, "2026-11-28 02:30:00") + " AS t(profile, race_id, horse_id, prior_runs, prior_wins, "
                + "prior_places, prior_win_pct, prior_place_pct, prior_prize_gbp, prior_prize_eur, days_since_last_run, "
                + "last_position_code, last_3_positions, prior_runs_365d, prior_wins_365d, course_runs, course_wins, distance_runs, "
                + "distance_wins, course_distance_wins, going_runs, going_wins, code_runs, code_wins, jockey_horse_runs, "
                + "jockey_horse_wins, trainer_runs_14d, trainer_wins_14d, jockey_runs_14d, jockey_wins_14d, best_race_rpr_prior, "
                + "avg_sp_decimal_prior, calculated_at)");
        PgTarget db = TestPostgres.target("publish_stats");

        Map<String, PublishResult> first = new PublishJob(spark, lake, db, "first").run(false).stream()
                .collect(Collectors.toMap(PublishResult::table, r -> r));
        assertEquals(List.of("ra_mst_jockeys", "ra_mst_jockeys#stats", "ra_mst_trainers#stats", "ra_mst_owners#stats",
                "ra_mst_sires#stats", "ra_mst_dams#stats", "ra_mst_damsires#stats", "ra_runner_statistics"),
                new PublishJob(spark, lake, db, "list").run(true).stream().map(PublishResult::table).toList());
        assertEquals(1, first.get("ra_mst_jockeys#stats").rowsWritten());
        assertEquals(0, first.get("ra_mst_sires#stats").rowsWritten(), "no such sire in ra_mst_sires: nothing to update");
        assertEquals(3, first.get("ra_runner_statistics").rowsWritten());
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, runs, "
                + "wins, win_pct::text, profit_loss_1u::text, ae_index::text, last_win_date::text, stats_as_of::text "
                + "FROM publish_stats.ra_mst_jockeys ORDER BY id")) {
            rs.next();
            assertEquals("A Rider 12 3 25.00 -2.46 0.876 2026-11-18 2026-11-28", row(rs, 8));
            rs.next();
            assertEquals("B Rider null null null null null null null", row(rs, 8), "no statistics for jky_2: its columns stay empty");
        }

        // The next day's statistics: hrs_1 unchanged (a new calculated_at alone is no change), hrs_2 changed, hrs_3 gone.
        spark.sql("DELETE FROM delta.`" + runnerStatistics + "` WHERE horse_id = 'hrs_3'");
        spark.sql("UPDATE delta.`" + runnerStatistics + "` SET calculated_at = TIMESTAMP'2026-11-29 02:30:00', "
                + "prior_runs = prior_runs + CASE WHEN horse_id = 'hrs_2' THEN 1 ELSE 0 END");
        PublishResult replaced = new PublishJob(spark, lake, db, "second").run(false).stream()
                .filter(r -> r.table().equals("ra_runner_statistics")).findFirst().orElseThrow();
        assertEquals(new PublishResult("ra_runner_statistics", DeltaTables.version(spark, runnerStatistics), 2, 2, false,
                "rows changed in versions 1 to 2"), replaced, "the feed's rows only; hrs_3's key, which it names, is deleted");
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT horse_id, "
                + "prior_runs, calculated_at::date::text FROM publish_stats.ra_runner_statistics ORDER BY horse_id")) {
            rs.next();
            assertEquals("hrs_1 5 2026-11-28", row(rs, 3));
            rs.next();
            assertEquals("hrs_2 7 2026-11-29", row(rs, 3));
            assertTrue(!rs.next(), "hrs_3 deleted");
        }
    }

    private static String row(ResultSet rs, int columns) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
            s.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        return s.toString();
    }
}
