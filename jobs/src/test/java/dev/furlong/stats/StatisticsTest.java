package dev.furlong.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.lake.Lake;
import dev.furlong.testing.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statistic on {@link StatsFixture}, worked out by hand. As of 2026-10-31, so the 14-day windows of the entity figures
 * hold 10-18 to 10-31 and the 30-day ones 10-02 to 10-31 (rac_1 on 10-01 is outside). The dead heat of rac_4 pays SP / 2:
 * hrs_a +2.00 (6.0 / 2 − 1), hrs_b +0.50.
 */
class StatisticsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
    static final Instant AT = Instant.parse("2026-11-01T02:30:00Z");
    /** Small thresholds so that the fixture's busy groups are emitted and the rest are not. */
    static final StatsProfile PROFILE = StatsProfile.custom(4, 7, 4, 4);

    @Test
    void theFixturesStatisticsAreTheHandWorkedOnes(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        StatsFixture.writeSilver(spark, lake, StatsFixture.RACES, StatsFixture.RUNNERS);

        StatsReport report = new StatsJob(spark, lake).run(PROFILE, AS_OF, AT);
        assertEquals(24, report.runs(), "a 9 + b 9 + c 6: not the non-runner, not the declared runners of rac_13");
        assertEquals(2, report.goingOther(), "rac_12 has no going");
        assertEquals(Map.of("entity_combinations", 9L, "performance_by_distance", 8L, "performance_by_venue", 8L,
                "runner_statistics", 7L, "entity_statistics", 13L), rows(report));

        // Jockey–trainer, jockey–horse, trainer–owner, sire–trainer with ≥ 4 runs together. jky_1 with trn_1 = jky_1 on
        // hrs_a: 8 runs (rac_8 was jky_2's), wins rac_1, 4, 6, 11; SP subset 7 (rac_6 had none): P/L 2 − 1 − 1 + 2 − 1 + 1
        // − 1 = 1.00, A/E 3 / (1/3 + 1/2.5 + 1/5 + 1/6 + 1/8 + 1/2 + 1/5) = 3 / 1.925 = 1.558.
        assertRows(gold(spark, lake, "entity_combinations"), "profile entity1_type entity1_id entity2_type entity2_id runs wins "
                + "places win_pct place_pct runs_with_sp profit_loss_1u ae_index first_date last_date",
                "custom jockey jky_1 horse hrs_a 8 4 6 50.00 75.00 7 1.00 1.558 2026-10-01 2026-10-28",
                "custom jockey jky_1 trainer trn_1 8 4 6 50.00 75.00 7 1.00 1.558 2026-10-01 2026-10-28",
                "custom jockey jky_1 trainer trn_2 4 2 3 50.00 75.00 4 4.00 1.871 2026-10-15 2026-10-22",
                "custom jockey jky_2 horse hrs_b 8 3 7 37.50 87.50 8 0.00 1.074 2026-10-01 2026-10-28",
                "custom jockey jky_2 trainer trn_2 11 5 10 45.45 90.91 11 0.50 1.107 2026-10-01 2026-10-28",
                "custom sire sir_1 trainer trn_1 9 4 7 44.44 77.78 8 0.00 1.379 2026-10-01 2026-10-28",
                "custom sire sir_2 trainer trn_2 15 7 13 46.67 86.67 15 4.50 1.254 2026-10-01 2026-10-28",
                "custom trainer trn_1 owner own_1 9 4 7 44.44 77.78 8 0.00 1.379 2026-10-01 2026-10-28",
                "custom trainer trn_2 owner own_2 15 7 13 46.67 86.67 15 4.50 1.254 2026-10-01 2026-10-28");

        // Only the flat mile (1760 yards, band 8) has ≥ 4 runs for anyone. Times: a horse's own runs; a jockey's, trainer's or
        // sire's winners (jky_1: 100.00, 99.00, 98.50, 99.70, 99.20 → best 98.50, mean 99.28).
        String good31 = "{\"firm\":{\"runs\":1,\"wins\":1},\"good\":{\"runs\":3,\"wins\":3},\"soft\":{\"runs\":1,\"wins\":0},"
                + "\"other\":{\"runs\":1,\"wins\":0}}";
        String trn2 = "{\"firm\":{\"runs\":3,\"wins\":1},\"good\":{\"runs\":5,\"wins\":2},\"soft\":{\"runs\":1,\"wins\":1},"
                + "\"other\":{\"runs\":1,\"wins\":0}}";
        assertRows(gold(spark, lake, "performance_by_distance"), "profile entity_type entity_id code distance_band_f "
                + "distance_group runs wins places win_pct place_pct runs_with_sp profit_loss_1u ae_index best_time_seconds "
                + "avg_time_seconds going_breakdown",
                "custom horse hrs_a flat 8 mile 6 4 5 66.67 83.33 5 3.00 1.875 98.50 100.12 " + good31,
                "custom horse hrs_b flat 8 mile 8 4 7 50.00 87.50 8 5.00 1.415 98.90 100.19 {\"firm\":{\"runs\":2,\"wins\":1},"
                        + "\"good\":{\"runs\":4,\"wins\":2},\"soft\":{\"runs\":1,\"wins\":1},\"other\":{\"runs\":1,\"wins\":0}}",
                "custom jockey jky_1 flat 8 mile 8 5 7 62.50 87.50 7 6.00 1.918 98.50 99.28 {\"firm\":{\"runs\":2,\"wins\":2},"
                        + "\"good\":{\"runs\":4,\"wins\":3},\"soft\":{\"runs\":1,\"wins\":0},\"other\":{\"runs\":1,\"wins\":0}}",
                "custom jockey jky_2 flat 8 mile 8 3 7 37.50 87.50 8 0.00 0.943 99.00 100.27 {\"firm\":{\"runs\":2,\"wins\":0},"
                        + "\"good\":{\"runs\":4,\"wins\":2},\"soft\":{\"runs\":1,\"wins\":1},\"other\":{\"runs\":1,\"wins\":0}}",
                "custom sire sir_1 flat 8 mile 6 4 5 66.67 83.33 5 3.00 1.875 98.50 99.30 " + good31,
                "custom sire sir_2 flat 8 mile 10 4 9 40.00 90.00 10 3.00 1.091 99.00 100.00 " + trn2,
                "custom trainer trn_1 flat 8 mile 6 4 5 66.67 83.33 5 3.00 1.875 98.50 99.30 " + good31,
                "custom trainer trn_2 flat 8 mile 10 4 9 40.00 90.00 10 3.00 1.091 99.00 100.00 " + trn2);

        // Only crs_1 flat has ≥ 4 runs for anyone. hrs_b there: 8 runs, placed in all, P/L −1 + 3 + 0.5 − 1 + 4 + 1.5 − 1 − 1.
        assertRows(gold(spark, lake, "performance_by_venue"), "profile entity_type entity_id course_id code runs wins places "
                + "win_pct place_pct runs_with_sp profit_loss_1u ae_index last_run_date",
                "custom horse hrs_a crs_1 flat 5 3 4 60.00 80.00 4 2.00 1.818 2026-10-28",
                "custom horse hrs_b crs_1 flat 8 4 8 50.00 100.00 8 5.00 1.404 2026-10-28",
                "custom jockey jky_1 crs_1 flat 8 4 6 50.00 75.00 7 4.00 1.634 2026-10-28",
                "custom jockey jky_2 crs_1 flat 8 3 8 37.50 100.00 8 0.00 0.936 2026-10-28",
                "custom sire sir_1 crs_1 flat 5 3 4 60.00 80.00 4 2.00 1.818 2026-10-28",
                "custom sire sir_2 crs_1 flat 11 4 10 36.36 90.91 11 2.00 1.015 2026-10-28",
                "custom trainer trn_1 crs_1 flat 5 3 4 60.00 80.00 4 2.00 1.818 2026-10-28",
                "custom trainer trn_2 crs_1 flat 11 4 10 36.36 90.91 11 2.00 1.015 2026-10-28");

        // Runners whose horse had ≥ 7 runs before the off. hrs_a at rac_9 (a non-runner: still a row) and rac_11: the same 7
        // prior runs, since a non-runner is no run; at rac_13, a race after the as-of date, all 9. rac_12 has no going, so
        // nothing before it was on the same going.
        assertRows(gold(spark, lake, "runner_statistics"), "profile race_id horse_id prior_runs prior_wins prior_places "
                + "prior_win_pct prior_place_pct prior_prize_gbp prior_prize_eur days_since_last_run last_position_code "
                + "last_3_positions prior_runs_365d prior_wins_365d course_runs course_wins distance_runs distance_wins "
                + "course_distance_wins going_runs going_wins code_runs code_wins jockey_horse_runs jockey_horse_wins "
                + "trainer_runs_14d trainer_wins_14d jockey_runs_14d jockey_wins_14d best_race_rpr_prior avg_sp_decimal_prior",
                "custom rac_11 hrs_a 7 3 6 42.86 85.71 14000.00 2000.00 7 2 2-1-PU 7 3 3 0 4 3 0 3 2 5 3 6 3 3 1 6 3 110 4.75",
                "custom rac_11 hrs_b 7 4 7 57.14 100.00 17800.00 0.00 3 3 3-1-1 7 4 0 0 6 4 0 3 2 7 4 6 3 9 4 6 2 84 3.50",
                "custom rac_12 hrs_a 8 4 7 50.00 87.50 18000.00 2000.00 3 1 1-2-1 8 4 4 3 5 4 3 0 0 6 4 7 4 3 2 6 4 110 4.36",
                "custom rac_12 hrs_b 8 4 7 50.00 87.50 17800.00 0.00 3 4 4-3-1 8 4 7 4 7 4 4 0 0 8 4 7 3 9 3 6 1 84 3.94",
                "custom rac_13 hrs_a 9 4 7 44.44 77.78 18000.00 2000.00 5 4 4-1-2 9 4 5 3 6 4 3 4 3 7 4 8 4 2 1 4 1 110 4.44",
                "custom rac_13 hrs_b 9 4 8 44.44 88.89 19300.00 0.00 5 2 2-4-3 9 4 8 4 8 4 4 4 2 9 4 8 3 6 1 4 1 84 3.72",
                "custom rac_9 hrs_a 7 3 6 42.86 85.71 14000.00 2000.00 2 2 2-1-PU 7 3 4 3 4 3 3 3 2 5 3 6 3 5 2 6 4 110 4.75");

        // Every entity with a run; no thresholds, no profile. sir_2's progeny ran 10 times at a mile (the only group with
        // 10), so that is its best distance group; no going group reaches 10 runs.
        assertRows(gold(spark, lake, "entity_statistics"), "entity_type entity_id runs wins places win_pct place_pct "
                + "runs_with_sp profit_loss_1u ae_index last_run_date last_win_date runs_14d wins_14d runs_30d wins_30d horses "
                + "progeny best_distance_group best_going_group stats_as_of",
                "dam dam_1 9 4 7 44.44 77.78 8 0.00 1.379 null null null null null null null 1 null null 2026-10-31",
                "dam dam_2 9 4 8 44.44 88.89 9 4.00 1.337 null null null null null null null 1 null null 2026-10-31",
                "dam dam_3 6 3 5 50.00 83.33 6 0.50 1.158 null null null null null null null 1 null null 2026-10-31",
                "damsire dsi_1 9 4 7 44.44 77.78 8 0.00 1.379 null null null null null null null 1 null null 2026-10-31",
                "damsire dsi_2 15 7 13 46.67 86.67 15 4.50 1.254 null null null null null null null 2 mile null 2026-10-31",
                "jockey jky_1 12 6 9 50.00 75.00 11 5.00 1.670 2026-10-28 2026-10-25 5 2 11 5 null null null null 2026-10-31",
                "jockey jky_2 12 5 11 41.67 91.67 12 -0.50 1.049 2026-10-28 2026-10-20 5 1 11 5 null null null null 2026-10-31",
                "owner own_1 9 4 7 44.44 77.78 8 0.00 1.379 2026-10-28 2026-10-25 3 1 8 3 1 null null null 2026-10-31",
                "owner own_2 15 7 13 46.67 86.67 15 4.50 1.254 2026-10-28 2026-10-20 7 2 14 7 2 null null null 2026-10-31",
                "sire sir_1 9 4 7 44.44 77.78 8 0.00 1.379 null null null null null null null 1 null null 2026-10-31",
                "sire sir_2 15 7 13 46.67 86.67 15 4.50 1.254 null null null null null null null 2 mile null 2026-10-31",
                "trainer trn_1 9 4 7 44.44 77.78 8 0.00 1.379 2026-10-28 2026-10-25 3 1 8 3 null null null null 2026-10-31",
                "trainer trn_2 15 7 13 46.67 86.67 15 4.50 1.254 2026-10-28 2026-10-20 7 2 14 7 null null null null 2026-10-31");
        // Each-way places, on the fixture's terms (two places): jky_1 finished 1, 2, 3, 1, PU, 1, 1, 1, 2, UR, 1, 4.
        assertRows(gold(spark, lake, "entity_statistics").where("entity_type = 'jockey'"), "entity_id places ew_places",
                "jky_1 9 8", "jky_2 11 10");
        assertEquals(List.of(Timestamp.from(AT)), gold(spark, lake, "runner_statistics").select("calculated_at").distinct()
                .as(org.apache.spark.sql.Encoders.TIMESTAMP()).collectAsList());

        // The standard profile lands beside the custom one and leaves its rows alone.
        new StatsJob(spark, lake).run(StatsProfile.STANDARD, AS_OF, AT);
        assertEquals(7, gold(spark, lake, "runner_statistics").where("profile = 'custom'").count());
        assertEquals(8 + 7 + 3, gold(spark, lake, "runner_statistics").where("profile = 'standard'").count(),
                "runners whose horse had ≥ 3 runs before: hrs_a from rac_4, hrs_b from rac_6, hrs_c from rac_8");
    }

    @Test
    void onlyRacesStrictlyBeforeTheOffCount(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> rows = runnerStatistics(spark, dir.resolve("lake"), StatsFixture.RACES, StatsFixture.RUNNERS);
        assertEquals(27, rows.count(), "every runner, declared and non-runners included");
        // hrs_a's first run: nothing before it, so every count is 0, not unknown (the table's columns are NOT NULL).
        assertRows(rows.where("race_id = 'rac_1' AND horse_id = 'hrs_a'"), "prior_runs prior_wins prior_places prior_ew_places",
                "0 0 0 0");
        // hrs_a before rac_8 finished 1, 2, 3, 1, PU, 1: five places (top three), four within the fixture's two each-way places.
        assertRows(rows.where("race_id = 'rac_8' AND horse_id = 'hrs_a'"), "prior_runs prior_places prior_ew_places", "6 5 4");
        // hrs_b in rac_7 at 15:30 on 10-15 (its second race that day): jky_1 rode hrs_a at 14:00 that day, which counts;
        // rac_1 at 14:00 on 10-01 is more than 14 days before the off. jky_1's runs in between: rac_2, 3, 4, 5, 6; wins rac_4
        // and rac_6. hrs_b's own run at 14:00 counts too.
        assertRows(rows.where("race_id = 'rac_7' AND horse_id = 'hrs_b'"),
                "prior_runs jockey_horse_runs jockey_runs_14d jockey_wins_14d days_since_last_run last_position_code",
                "4 0 5 2 0 2");
        // hrs_c in rac_9: trn_2's hrs_b runs in the same race and does not count; its 7 runs from 10-06 14:00 to the off do.
        assertRows(rows.where("race_id = 'rac_9' AND horse_id = 'hrs_c'"), "trainer_runs_14d trainer_wins_14d", "7 5");
        // A first run has no history.
        assertRows(rows.where("race_id = 'rac_1'"), "horse_id prior_runs prior_win_pct days_since_last_run last_3_positions "
                + "best_race_rpr_prior prior_prize_gbp", "hrs_a 0 null null null null 0.00", "hrs_b 0 null null null null 0.00");
    }

    @Test
    void aRaceWithAnUnknownOffNeitherCountsItsDayNorCountsForIt(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        List<String> races = StatsFixture.RACES.stream()
                .map(r -> r.replace("TIMESTAMP'2026-10-15 14:00:00'", "CAST(NULL AS TIMESTAMP)")).toList(); // rac_6's off unknown
        Dataset<Row> rows = runnerStatistics(spark, dir.resolve("lake"), races, StatsFixture.RUNNERS);
        // hrs_b in rac_7 (15:30 on 10-15): its own run in rac_6 that day no longer counts, nor does jky_1's on hrs_a there.
        // Before: runs rac_1, 2, 4 (last: rac_4, won, 5 days ago); jky_1 in the 14 days: rac_2, 3, 4, 5, one win (rac_4).
        assertRows(rows.where("race_id = 'rac_7' AND horse_id = 'hrs_b'"),
                "prior_runs days_since_last_run last_position_code jockey_runs_14d jockey_wins_14d", "3 5 1 4 1");
        // hrs_a in rac_6 itself: nothing of 10-15 counts, everything before does (rac_1 to rac_5).
        assertRows(rows.where("race_id = 'rac_6' AND horse_id = 'hrs_a'"), "prior_runs prior_wins", "5 2");
        // A later day counts rac_6 as usual: hrs_a before rac_8 ran rac_1 to rac_6 and won rac_1, rac_4 and rac_6.
        assertRows(rows.where("race_id = 'rac_8' AND horse_id = 'hrs_a'"), "prior_runs prior_wins last_position_code", "6 3 1");
        assertEquals(27, rows.count(), "the copy that carries rac_6's runs to later days is not a row of its own");
    }

    @Test
    void racesAfterADayChangeNothingBeforeIt(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        List<String> racesToD = StatsFixture.RACES.subList(0, 8); // rac_1 .. rac_8: up to 10-18
        List<String> runnersToD = StatsFixture.RUNNERS.stream()
                .filter(r -> racesToD.stream().anyMatch(race -> race.startsWith("('" + r.substring(2, r.indexOf("',")) + "'")))
                .toList();
        Dataset<Row> before = runnerStatistics(spark, dir.resolve("to-d"), racesToD, runnersToD).drop("calculated_at");
        Dataset<Row> after = runnerStatistics(spark, dir.resolve("all"), StatsFixture.RACES, StatsFixture.RUNNERS)
                .drop("calculated_at").join(before.select("race_id").distinct(), "race_id").selectExpr(before.columns());
        assertEquals(16, before.count(), "the runners of rac_1 to rac_8");
        assertEquals(List.of(), before.exceptAll(after).collectAsList());
        assertEquals(List.of(), after.exceptAll(before).collectAsList());
    }

    /** Every runner's statistics (threshold 0) on the given races, computed without writing gold. */
    private static Dataset<Row> runnerStatistics(SparkSession spark, Path root, List<String> races, List<String> runners) {
        Lake lake = new Lake(root.toString());
        StatsFixture.writeSilver(spark, lake, races, runners);
        Dataset<Row> starts = Starts.of(spark.read().format("delta").load(lake.silver("races")),
                spark.read().format("delta").load(lake.silver("runners")));
        return RunnerStatistics.compute(starts, StatsProfile.custom(0, 0, 0, 0), AS_OF, Timestamp.from(AT)).cache();
    }

    private static Map<String, Long> rows(StatsReport report) {
        Map<String, Long> rows = new java.util.HashMap<>();
        report.written().forEach((table, w) -> rows.put(table, w.rows()));
        return rows;
    }

    private static Dataset<Row> gold(SparkSession spark, Lake lake, String table) {
        return spark.read().format("delta").load(lake.gold(table));
    }

    /** The rows' values in the given columns, space-separated, sorted; decimals as written (2.00), nulls as "null". */
    static void assertRows(Dataset<Row> rows, String columns, String... expected) {
        String[] names = columns.split(" ");
        List<String> actual = new ArrayList<>();
        for (Row r : rows.selectExpr(names).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                Object v = r.get(i);
                values.add(v == null ? "null" : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            }
            actual.add(String.join(" ", values));
        }
        actual.sort(null);
        List<String> sortedExpected = new ArrayList<>(List.of(expected));
        sortedExpected.sort(null);
        assertEquals(String.join("\n", sortedExpected), String.join("\n", actual));
    }
}
