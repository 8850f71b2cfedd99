package dev.furlong.stats;

import dev.furlong.lake.Lake;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A hand-built silver: thirteen races in October 2026 and a future racecard, three horses, and every case the statistics
 * must get right. Each horse keeps its connections except the jockeys, who swap now and then.
 *
 * <pre>
 * horse  trainer owner sire  dam    damsire
 * hrs_a  trn_1   own_1 sir_1 dam_1  dsi_1
 * hrs_b  trn_2   own_2 sir_2 dam_2  dsi_2
 * hrs_c  trn_2   own_2 sir_2 dam_3  dsi_2
 *
 * race  date   off    course type   yards going          runners: horse jockey position SP time prize rpr
 * rac_1 10-01  14:00  crs_1  flat   1760  Good           a jky_1 1 3.0 100.00 £5000 80   | b jky_2 2 2.0 100.50 £2000 75
 * rac_2 10-05  14:00  crs_1  flat   1760  Soft           a jky_1 2 2.5 102.00 £1000 78   | b jky_2 1 4.0 101.80 £4000 82
 * rac_3 10-08  15:00  crs_2  flat   2200  Good           a jky_1 3 5.0 130.00 £500 70    | c jky_2 1 1.5 129.00 £3000 85
 * rac_4 10-10  14:00  crs_1  flat   1760  Good           a jky_1 1 6.0 99.00 £2500 84    | b jky_2 1 3.0 99.00 £2500 84  (dead heat)
 * rac_5 10-12  14:00  crs_2  hurdle 3520  Soft           a jky_1 PU 8.0                   | c jky_2 1 2.0 240.00 €6000 120
 * rac_6 10-15  14:00  crs_1  flat   1760  Good To Firm   a jky_1 1 (no SP) 98.50 £5000 88 | b jky_2 2 2.0 98.90 £2000 80
 * rac_7 10-15  15:30  crs_1  flat   1760  Good To Firm   b jky_1 1 5.0 99.20 £3000 83    | c jky_2 2 1.8 99.40 £1000 81
 * rac_8 10-18  14:00  crs_2  hurdle 3520  Heavy          a jky_2 2 4.0 250.00 €2000 110  | c jky_1 1 3.0 249.00 €5000 115
 * rac_9 10-20  14:00  crs_1  flat   1760  Good           a jky_1 non-runner | b jky_2 1 2.5 100.00 £4000 84 | c jky_1 2 3.5 100.30 £1500 82
 * rac_10 10-22 14:00  crs_1  flat   2200  Standard       b jky_2 3 6.0 131.00 £300 72    | c jky_1 UR 4.0
 * rac_11 10-25 14:00  crs_2  flat   1760  Good           a jky_1 1 2.0 99.70 £4000 90    | b jky_2 4 7.0 101.00 70
 * rac_12 10-28 14:00  crs_1  flat   1760  (no going)     a jky_1 4 5.0 101.50 75         | b jky_2 2 2.0 101.10 £1500 80
 * rac_13 11-02 14:00  crs_1  flat   1760  Good           a jky_1, b jky_2: declared, no result yet (after the as-of date)
 * </pre>
 * Runs per horse: a 9 (rac_9 was a non-runner), b 9, c 6; rac_13 is no run for anyone.
 */
final class StatsFixture {

    private StatsFixture() {
    }

    static final List<String> RACES = List.of(
            "('rac_1',  DATE'2026-10-01', TIMESTAMP'2026-10-01 14:00:00', 'crs_1', 'flat',   1760, 'Good')",
            "('rac_2',  DATE'2026-10-05', TIMESTAMP'2026-10-05 14:00:00', 'crs_1', 'flat',   1760, 'Soft')",
            "('rac_3',  DATE'2026-10-08', TIMESTAMP'2026-10-08 15:00:00', 'crs_2', 'flat',   2200, 'Good')",
            "('rac_4',  DATE'2026-10-10', TIMESTAMP'2026-10-10 14:00:00', 'crs_1', 'flat',   1760, 'Good')",
            "('rac_5',  DATE'2026-10-12', TIMESTAMP'2026-10-12 14:00:00', 'crs_2', 'hurdle', 3520, 'Soft')",
            "('rac_6',  DATE'2026-10-15', TIMESTAMP'2026-10-15 14:00:00', 'crs_1', 'flat',   1760, 'Good To Firm')",
            "('rac_7',  DATE'2026-10-15', TIMESTAMP'2026-10-15 15:30:00', 'crs_1', 'flat',   1760, 'Good To Firm')",
            "('rac_8',  DATE'2026-10-18', TIMESTAMP'2026-10-18 14:00:00', 'crs_2', 'hurdle', 3520, 'Heavy')",
            "('rac_9',  DATE'2026-10-20', TIMESTAMP'2026-10-20 14:00:00', 'crs_1', 'flat',   1760, 'Good')",
            "('rac_10', DATE'2026-10-22', TIMESTAMP'2026-10-22 14:00:00', 'crs_1', 'flat',   2200, 'Standard')",
            "('rac_11', DATE'2026-10-25', TIMESTAMP'2026-10-25 14:00:00', 'crs_2', 'flat',   1760, 'Good')",
            "('rac_12', DATE'2026-10-28', TIMESTAMP'2026-10-28 14:00:00', 'crs_1', 'flat',   1760, NULL)",
            "('rac_13', DATE'2026-11-02', TIMESTAMP'2026-11-02 14:00:00', 'crs_1', 'flat',   1760, 'Good')");

    /** Each horse's trainer, owner, sire, dam and damsire, as in the table above. */
    private static final java.util.Map<String, List<String>> CONNECTIONS = java.util.Map.of(
            "hrs_a", List.of("trn_1", "own_1", "sir_1", "dam_1", "dsi_1"),
            "hrs_b", List.of("trn_2", "own_2", "sir_2", "dam_2", "dsi_2"),
            "hrs_c", List.of("trn_2", "own_2", "sir_2", "dam_3", "dsi_2"));

    /** A runner with a result (or a declared runner, with nulls) of a horse, with its connections. */
    private static String ran(String horse, String race, String jockey, String code, Integer position, String sp, String time,
                              String prize, String currency, Integer rpr) {
        return runner(race, horse, jockey, code, position, sp, time, prize, currency, rpr, false);
    }

    private static String runner(String race, String horse, String jockey, String code, Integer position, String sp,
                                 String time, String prize, String currency, Integer rpr, boolean nonRunner) {
        List<String> c = CONNECTIONS.get(horse);
        return "('" + race + "', '" + horse + "', '" + jockey + "', '" + String.join("', '", c) + "', " + text(code) + ", "
                + position + ", " + nonRunner + ", " + sp + ", " + time + ", "
                + (prize == null ? "NULL" : "CAST(" + prize + " AS DECIMAL(12,2))") + ", " + text(currency) + ", " + rpr + ")";
    }

    private static String text(String s) {
        return s == null ? "NULL" : "'" + s + "'";
    }

    static final List<String> RUNNERS = List.of(
            ran("hrs_a", "rac_1", "jky_1", "1", 1, "3.0", "100.00", "5000", "GBP", 80),
            ran("hrs_b", "rac_1", "jky_2", "2", 2, "2.0", "100.50", "2000", "GBP", 75),
            ran("hrs_a", "rac_2", "jky_1", "2", 2, "2.5", "102.00", "1000", "GBP", 78),
            ran("hrs_b", "rac_2", "jky_2", "1", 1, "4.0", "101.80", "4000", "GBP", 82),
            ran("hrs_a", "rac_3", "jky_1", "3", 3, "5.0", "130.00", "500", "GBP", 70),
            ran("hrs_c", "rac_3", "jky_2", "1", 1, "1.5", "129.00", "3000", "GBP", 85),
            ran("hrs_a", "rac_4", "jky_1", "1", 1, "6.0", "99.00", "2500", "GBP", 84),
            ran("hrs_b", "rac_4", "jky_2", "1", 1, "3.0", "99.00", "2500", "GBP", 84),
            ran("hrs_a", "rac_5", "jky_1", "PU", null, "8.0", "NULL", null, null, null),
            ran("hrs_c", "rac_5", "jky_2", "1", 1, "2.0", "240.00", "6000", "EUR", 120),
            ran("hrs_a", "rac_6", "jky_1", "1", 1, "NULL", "98.50", "5000", "GBP", 88),
            ran("hrs_b", "rac_6", "jky_2", "2", 2, "2.0", "98.90", "2000", "GBP", 80),
            ran("hrs_b", "rac_7", "jky_1", "1", 1, "5.0", "99.20", "3000", "GBP", 83),
            ran("hrs_c", "rac_7", "jky_2", "2", 2, "1.8", "99.40", "1000", "GBP", 81),
            ran("hrs_a", "rac_8", "jky_2", "2", 2, "4.0", "250.00", "2000", "EUR", 110),
            ran("hrs_c", "rac_8", "jky_1", "1", 1, "3.0", "249.00", "5000", "EUR", 115),
            runner("rac_9", "hrs_a", "jky_1", null, null, "NULL", "NULL", null, null, null, true),
            ran("hrs_b", "rac_9", "jky_2", "1", 1, "2.5", "100.00", "4000", "GBP", 84),
            ran("hrs_c", "rac_9", "jky_1", "2", 2, "3.5", "100.30", "1500", "GBP", 82),
            ran("hrs_b", "rac_10", "jky_2", "3", 3, "6.0", "131.00", "300", "GBP", 72),
            ran("hrs_c", "rac_10", "jky_1", "UR", null, "4.0", "NULL", null, null, null),
            ran("hrs_a", "rac_11", "jky_1", "1", 1, "2.0", "99.70", "4000", "GBP", 90),
            ran("hrs_b", "rac_11", "jky_2", "4", 4, "7.0", "101.00", null, null, 70),
            ran("hrs_a", "rac_12", "jky_1", "4", 4, "5.0", "101.50", null, null, 75),
            ran("hrs_b", "rac_12", "jky_2", "2", 2, "2.0", "101.10", "1500", "GBP", 80),
            ran("hrs_a", "rac_13", "jky_1", null, null, "NULL", "NULL", null, null, null),
            ran("hrs_b", "rac_13", "jky_2", null, null, "NULL", "NULL", null, null, null));

    /** Writes the fixture's races (all of them, or only those up to a race) as silver Delta tables. */
    static void writeSilver(SparkSession spark, Lake lake, List<String> races, List<String> runners) {
        spark.sql("CREATE OR REPLACE TABLE delta.`" + lake.silver("races") + "` USING delta AS SELECT * FROM VALUES "
                + String.join(", ", races) + " AS t(race_id, race_date, off_time, course_id, race_type, distance_yards, going)");
        spark.sql("CREATE OR REPLACE TABLE delta.`" + lake.silver("runners") + "` USING delta AS SELECT race_id, horse_id, "
                + "jockey_id, trainer_id, owner_id, sire_id, dam_id, damsire_id, position_code, CAST(position AS INT) AS position, "
                + "is_non_runner, CAST(sp_decimal AS DOUBLE) AS sp_decimal, CAST(finishing_time_seconds AS DOUBLE) AS "
                + "finishing_time_seconds, prize_won, prize_currency, CAST(race_rpr AS INT) AS race_rpr, "
                // As if every race had six starters (2 each-way places); silver works placed_ew out from the whole field.
                + "CASE WHEN position_code IS NULL OR is_non_runner THEN NULL ELSE coalesce(position <= 2, false) END AS placed_ew "
                + "FROM VALUES "
                + String.join(", ", runners) + " AS t(race_id, horse_id, jockey_id, trainer_id, owner_id, sire_id, dam_id, "
                + "damsire_id, position_code, position, is_non_runner, sp_decimal, finishing_time_seconds, prize_won, "
                + "prize_currency, race_rpr)");
    }
}
