package dev.furlong.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.Lake;
import dev.furlong.publish.PgTarget;
import dev.furlong.publish.PublishJob;
import dev.furlong.publish.PublishedTable;
import dev.furlong.sandbox.SandboxArchive;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.PgAssert;
import dev.furlong.testing.SandboxBronze;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TestPostgres;
import dev.furlong.transform.TransformJob;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of sandbox racing through transform, stats and publish: every statistics table in Postgres is its gold table, and
 * for a sample of entities and runners the published figures agree with a recomputation written here in plain SQL over
 * ra_races and ra_runners, independent of the Spark code.
 */
@Acceptance
class StatisticsInPostgresTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate AS_OF = TODAY.minusDays(1);

    /** Runs as STATISTICS.md defines them, straight from the serving tables. */
    static final String RUNS = """
            WITH runs AS (
              SELECT u.race_id, u.horse_id, u.jockey_id, u.trainer_id, u.owner_id, u.sire_id, u.position, u.position_code,
                     CASE WHEN u.sp_decimal > 0 THEN u.sp_decimal END AS sp, u.prize_won, u.prize_currency,
                     u.finishing_time_seconds, r.race_date, r.course_id, r.distance_yards,
                     coalesce(r.off_time, (r.race_date + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 second') AS told_at,
                     CASE WHEN r.race_type = 'flat' THEN 'flat' WHEN r.race_type IN ('hurdle', 'chase', 'nh_flat') THEN 'jumps' END
                       AS code,
                     CASE WHEN u.position = 1 THEN 1 ELSE 0 END AS win, CASE WHEN u.position <= 3 THEN 1 ELSE 0 END AS place,
                     count(*) FILTER (WHERE u.position = 1) OVER (PARTITION BY u.race_id) AS winners,
                     CASE WHEN u.position <= CASE WHEN count(*) OVER (PARTITION BY u.race_id) < 5 THEN 0
                                                  WHEN count(*) OVER (PARTITION BY u.race_id) < 8 THEN 2
                                                  WHEN r.is_handicap AND count(*) OVER (PARTITION BY u.race_id) >= 16 THEN 4
                                                  ELSE 3 END THEN 1 ELSE 0 END AS ew_place
              FROM ra_runners u JOIN ra_races r USING (race_id)
              WHERE u.position_code IS NOT NULL AND NOT u.is_non_runner AND r.race_date <= DATE '%s')
            """.formatted(AS_OF);

    /** The metrics of a group of runs, as RunMetrics defines them. */
    static final String METRICS = """
            count(*) AS runs, sum(win) AS wins, sum(place) AS places, sum(ew_place) AS ew_places, round(100.0 * sum(win) / count(*), 2) AS win_pct,
            round(100.0 * sum(place) / count(*), 2) AS place_pct, count(sp) AS runs_with_sp,
            round(sum(CASE WHEN win = 1 THEN sp / winners ELSE 0 END - 1) FILTER (WHERE sp IS NOT NULL), 2) AS profit_loss_1u,
            round(sum(win) FILTER (WHERE sp IS NOT NULL) / nullif(sum(1 / sp), 0), 3) AS ae_index
            """;

    @Test
    void aYearOfStatisticsAgreesWithPlainSql(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = new Lake(dir.resolve("lake").toString());
        SandboxBronze.land(lake, new SandboxArchive(SandboxConfig.DEFAULT_SEED, TODAY), TODAY.minusYears(1), TODAY.minusDays(1));
        new TransformJob(spark, lake, List.of("gb", "ire"), "year").run();
        StatsReport report = new StatsJob(spark, lake).run(StatsProfile.STANDARD, AS_OF, Instant.parse("2026-11-28T02:30:00Z"));
        PgTarget db = TestPostgres.target("stats_sql");
        new PublishJob(spark, lake, db, "year").run(false);

        // Published = gold, for the four statistics tables and every entity's statistics columns.
        for (PublishedTable t : PublishedTable.ALL) {
            if (t.lakeTable().startsWith("gold/")) {
                var rows = t.shape().apply(spark.read().format("delta").load(t.path(lake)));
                PgAssert.assertSameRows(rows, db, t.write() == PublishedTable.Write.UPDATE_COLUMNS
                        ? t.pgTable() + " WHERE stats_as_of IS NOT NULL" : t.pgTable());
            }
        }
        assertTrue(report.written().get("runner_statistics").rows() > 10_000, report.render());

        String asOf = "DATE '" + AS_OF + "'";
        assertAgree(db, "ra_mst_jockeys", List.of("id"), "runs, wins, places, ew_places, win_pct, place_pct, runs_with_sp, "
                        + "profit_loss_1u, ae_index, last_run_date, last_win_date, runs_14d, wins_14d, runs_30d, wins_30d",
                RUNS + "SELECT jockey_id AS id, " + METRICS + ", max(race_date) AS last_run_date, "
                        + "max(race_date) FILTER (WHERE win = 1) AS last_win_date, "
                        + "count(*) FILTER (WHERE race_date > " + asOf + " - 14) AS runs_14d, "
                        + "coalesce(sum(win) FILTER (WHERE race_date > " + asOf + " - 14), 0) AS wins_14d, "
                        + "count(*) FILTER (WHERE race_date > " + asOf + " - 30) AS runs_30d, "
                        + "coalesce(sum(win) FILTER (WHERE race_date > " + asOf + " - 30), 0) AS wins_30d "
                        + "FROM runs WHERE jockey_id IN (%s) GROUP BY jockey_id");
        assertAgree(db, "ra_mst_owners", List.of("id"), "runs, wins, places, win_pct, runs_with_sp, profit_loss_1u, ae_index, "
                        + "last_run_date, horses",
                RUNS + "SELECT owner_id AS id, " + METRICS + ", max(race_date) AS last_run_date, count(DISTINCT horse_id) AS horses "
                        + "FROM runs WHERE owner_id IN (%s) GROUP BY owner_id");
        assertAgree(db, "ra_mst_sires", List.of("id"), "progeny, runs, wins, places, win_pct, runs_with_sp, profit_loss_1u, "
                        + "ae_index",
                RUNS + "SELECT sire_id AS id, count(DISTINCT horse_id) AS progeny, " + METRICS
                        + "FROM runs WHERE sire_id IN (%s) GROUP BY sire_id");
        assertAgree(db, "ra_entity_combinations", List.of("entity1_id", "entity2_id"), "runs, wins, places, ew_places, win_pct, "
                        + "place_pct, runs_with_sp, profit_loss_1u, ae_index, first_date, last_date",
                RUNS + "SELECT jockey_id AS entity1_id, trainer_id AS entity2_id, " + METRICS + ", min(race_date) AS first_date, "
                        + "max(race_date) AS last_date FROM runs WHERE (jockey_id, trainer_id) IN (%s) GROUP BY 1, 2");
        assertAgree(db, "ra_performance_by_venue", List.of("entity_id", "course_id", "code"), "runs, wins, places, win_pct, "
                        + "runs_with_sp, profit_loss_1u, ae_index, last_run_date",
                RUNS + "SELECT trainer_id AS entity_id, course_id, code, " + METRICS + ", max(race_date) AS last_run_date "
                        + "FROM runs WHERE (trainer_id, course_id, code) IN (%s) GROUP BY 1, 2, 3");
        assertAgree(db, "ra_performance_by_distance", List.of("entity_id", "code", "distance_band_f"), "runs, wins, places, "
                        + "win_pct, runs_with_sp, profit_loss_1u, ae_index, best_time_seconds, avg_time_seconds",
                RUNS + "SELECT horse_id AS entity_id, code, (2 * distance_yards + 220) / 440 AS distance_band_f, " + METRICS
                        + ", min(finishing_time_seconds) AS best_time_seconds, "
                        + "round(avg(finishing_time_seconds), 2) AS avg_time_seconds "
                        + "FROM runs WHERE (horse_id, code, (2 * distance_yards + 220) / 440) IN (%s) GROUP BY 1, 2, 3");
        // A runner's record before the off: only runs of races that went off strictly earlier. A race whose off is unknown is
        // asked about at its day's start and tells at the day's end, so no race of its day counts for it nor it for them.
        String prior = "FROM runs p WHERE p.horse_id = x.horse_id AND p.told_at < x.asked_at";
        String fortnight = "p.told_at < x.asked_at AND p.told_at >= x.asked_at - interval '14 days'";
        assertAgree(db, "ra_runner_statistics", List.of("race_id", "horse_id"), "prior_runs, prior_wins, prior_places, "
                        + "prior_ew_places, prior_prize_gbp, days_since_last_run, last_3_positions, prior_runs_365d, course_runs, course_wins, "
                        + "jockey_horse_runs, trainer_runs_14d, trainer_wins_14d, jockey_runs_14d, avg_sp_decimal_prior",
                RUNS + """
                        SELECT x.race_id, x.horse_id,
                          (SELECT count(*) %1$s) AS prior_runs,
                          (SELECT coalesce(sum(win), 0) %1$s) AS prior_wins,
                          (SELECT coalesce(sum(place), 0) %1$s) AS prior_places,
                          (SELECT coalesce(sum(ew_place), 0) %1$s) AS prior_ew_places,
                          (SELECT coalesce(sum(prize_won) FILTER (WHERE prize_currency = 'GBP'), 0) %1$s) AS prior_prize_gbp,
                          x.race_date - (SELECT max(race_date) %1$s) AS days_since_last_run,
                          (SELECT string_agg(position_code, '-' ORDER BY told_at DESC)
                             FROM (SELECT position_code, told_at %1$s ORDER BY told_at DESC LIMIT 3) last3) AS last_3_positions,
                          (SELECT count(*) %1$s AND p.told_at >= x.asked_at - interval '365 days') AS prior_runs_365d,
                          (SELECT count(*) %1$s AND p.course_id = x.course_id) AS course_runs,
                          (SELECT coalesce(sum(win), 0) %1$s AND p.course_id = x.course_id) AS course_wins,
                          (SELECT count(*) %1$s AND p.jockey_id = x.jockey_id) AS jockey_horse_runs,
                          (SELECT count(*) FROM runs p WHERE p.trainer_id = x.trainer_id AND %2$s) AS trainer_runs_14d,
                          (SELECT coalesce(sum(win), 0) FROM runs p WHERE p.trainer_id = x.trainer_id AND %2$s) AS trainer_wins_14d,
                          (SELECT count(*) FROM runs p WHERE p.jockey_id = x.jockey_id AND %2$s) AS jockey_runs_14d,
                          (SELECT round(avg(sp), 2) %1$s) AS avg_sp_decimal_prior
                        FROM (SELECT u.race_id, u.horse_id, u.jockey_id, u.trainer_id, r.race_date, r.course_id,
                                     coalesce(r.off_time, r.race_date::timestamp AT TIME ZONE 'UTC') AS asked_at
                              FROM ra_runners u JOIN ra_races r USING (race_id)) x
                        WHERE (x.race_id, x.horse_id) IN (%%s)
                        """.formatted(prior, fortnight));
    }

    /**
     * Compares a sample of a published table's rows (keys chosen by hash, so the sample is spread and fixed) with the same
     * figures recomputed by {@code recompute}, whose {@code %s} receives the sample's keys. Profit/loss and averages within
     * 0.01, A/E within 0.001 (Spark sums and averages doubles, Postgres numerics); everything else exactly.
     */
    private static void assertAgree(PgTarget db, String table, List<String> keys, String columns, String recompute)
            throws Exception {
        String keyList = String.join(", ", keys);
        String where = switch (table) {
            case "ra_entity_combinations" -> "profile = 'standard' AND entity1_type = 'jockey' AND entity2_type = 'trainer'";
            case "ra_performance_by_venue" -> "profile = 'standard' AND entity_type = 'trainer'";
            case "ra_performance_by_distance" -> "profile = 'standard' AND entity_type = 'horse'";
            case "ra_runner_statistics" -> "profile = 'standard'";
            default -> "stats_as_of IS NOT NULL";
        };
        String sample = "SELECT " + keyList + " FROM " + db.schema() + "." + table + " WHERE " + where + " ORDER BY md5("
                + String.join(" || '/' || ", keys.stream().map(k -> k + "::text").toList()) + ") LIMIT 25";
        Map<String, Map<String, Object>> published = rows(db, "SELECT " + keyList + ", " + columns + " FROM " + db.schema() + "."
                + table + " WHERE (" + keyList + ") IN (" + sample + ")", keys);
        Map<String, Map<String, Object>> recomputed = rows(db, recompute.formatted(sample), keys);
        assertEquals(25, published.size(), table + ": the sample");
        assertEquals(published.keySet(), recomputed.keySet(), table);
        for (var row : published.entrySet()) {
            for (var value : row.getValue().entrySet()) {
                Object p = value.getValue();
                Object r = recomputed.get(row.getKey()).get(value.getKey());
                String where2 = table + " " + row.getKey() + " " + value.getKey() + ": published " + p + ", recomputed " + r;
                if (p instanceof BigDecimal a && r instanceof BigDecimal b) {
                    BigDecimal tolerance = switch (value.getKey()) {
                        case "profit_loss_1u", "avg_sp_decimal_prior", "avg_time_seconds" -> new BigDecimal("0.01");
                        case "ae_index" -> new BigDecimal("0.001");
                        default -> BigDecimal.ZERO;
                    };
                    assertTrue(a.subtract(b).abs().compareTo(tolerance) <= 0, where2);
                } else if (p instanceof Number a && r instanceof Number b) {
                    assertEquals(a.longValue(), b.longValue(), where2);
                } else {
                    assertEquals(String.valueOf(p), String.valueOf(r), where2);
                }
            }
        }
    }

    private static Map<String, Map<String, Object>> rows(PgTarget db, String sql, List<String> keys) throws Exception {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + db.schema());
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    List<String> key = new ArrayList<>();
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String name = md.getColumnLabel(i);
                        Object v = rs.getObject(i);
                        if (keys.contains(name)) {
                            key.add(String.valueOf(v));
                        } else {
                            values.put(name, v instanceof BigDecimal d && d.scale() <= 0 && !name.endsWith("_1u")
                                    && !name.equals("ae_index") ? (Object) d.longValueExact() : v);
                        }
                    }
                    out.put(String.join("/", key), values);
                }
            }
        }
        return out;
    }
}
