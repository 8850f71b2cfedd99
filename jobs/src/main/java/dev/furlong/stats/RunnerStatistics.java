package dev.furlong.stats;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * ra_runner_statistics: for every runner — results, non-runners and declared racecards, future races included — the horse's
 * record before this race, what a model may use at the off.
 *
 * <p>"Before" is measured on the off time with range frames ending one second before the off: only races whose off is strictly
 * earlier count, so neither the race itself nor another runner of it (a trainer's second entry, a jockey's other mount in a
 * race at the same time) ever does, while earlier races the same day do. Only runs on or before the as-of date count, so a
 * run with the same as-of gives the same figures however much later data the lake holds. Emitted when the horse had
 * ≥ min-runs-runner prior runs.
 */
public final class RunnerStatistics {

    private static final long DAY = 86_400L;

    /** The ids windows are partitioned by first, each sorted on its {@code _hash} column ahead of itself. */
    private static final List<String> HASHED = List.of("horse_id", "trainer_id", "jockey_id");

    private RunnerStatistics() {
    }

    public static Dataset<Row> compute(Dataset<Row> starts, StatsProfile profile, LocalDate asOf, Timestamp calculatedAt) {
        Column prior = col("is_run").and(col("race_date").leq(lit(asOf)));
        Dataset<Row> narrow = starts.select("race_id", "horse_id", "jockey_id", "trainer_id", "race_date", "off_ts", "off_known",
                "course_id", "distance_band_f", "going_group", "code", "is_run", "win", "place", "ew_place", "position_code",
                "prize_gbp", "prize_eur", "race_rpr", "sp"); // only what the windows need: every row is sorted nine times
        // A race with an unknown off must neither count its day's races nor count for them. It is asked about at its day's
        // midnight (before every race of the day) with nothing of its own, and its run is told, in a copy that is not
        // emitted, at the day's last second (after every race of the day).
        Column unknownOff = col("off_known").unary_$bang();
        Dataset<Row> s = narrow.withColumn("emit", lit(true)).withColumn("prior", prior.and(col("off_known")))
                .unionByName(narrow.where(unknownOff).withColumn("emit", lit(false)).withColumn("prior", prior)
                        .withColumn("off_ts", col("off_ts").plus(DAY - 1)))
                .withColumn("k_run", when(col("prior"), 1).otherwise(0))
                .withColumn("k_win", when(col("prior"), col("win")).otherwise(0))
                .withColumn("k_place", when(col("prior"), col("place")).otherwise(0))
                .withColumn("k_ew_place", when(col("prior"), col("ew_place")).otherwise(0))
                .withColumn("k_position", when(col("prior"), col("position_code")))
                .withColumn("k_date", when(col("prior"), col("race_date")))
                .withColumn("k_prize_gbp", when(col("prior"), col("prize_gbp")))
                .withColumn("k_prize_eur", when(col("prior"), col("prize_eur")))
                .withColumn("k_race_rpr", when(col("prior"), col("race_rpr")))
                .withColumn("k_sp", when(col("prior"), col("sp")))
                // Sorting on a hash of the id before the id itself compares two 8-byte numbers where comparing ids that
                // share their first characters ("hrs_1234...") would compare strings; the id still separates two ids whose
                // hashes collide.
                .withColumn("horse_hash", xxhash64(col("horse_id")))
                .withColumn("trainer_hash", xxhash64(col("trainer_id")))
                .withColumn("jockey_hash", xxhash64(col("jockey_id")));

        // The trainer's and jockey's windows first, while the rows are narrow: each needs its own shuffle. The threshold
        // filters only at the end, so their figures count every runner, emitted or not.
        WindowSpec trainer = before("trainer_id").rangeBetween(-14 * DAY, -1);
        WindowSpec jockey = before("jockey_id").rangeBetween(-14 * DAY, -1);
        Dataset<Row> people = s.select(col("*"),
                        known(runs(trainer), "trainer_id").as("trainer_runs_14d"),
                        known(wins(trainer), "trainer_id").as("trainer_wins_14d"),
                        known(runs(jockey), "jockey_id").as("jockey_runs_14d"),
                        known(wins(jockey), "jockey_id").as("jockey_wins_14d"))
                // Every horse window below shares this partitioning, so they sort but never shuffle again.
                .repartition(col("horse_id"));

        WindowSpec horse = before("horse_id").rangeBetween(Window.unboundedPreceding(), -1);
        WindowSpec year = before("horse_id").rangeBetween(-365 * DAY, -1);
        WindowSpec inOrder = before("horse_id");
        return people.select(col("*"),
                runs(horse).as("prior_runs"), wins(horse).as("prior_wins"),
                coalesce(sum("k_place").over(horse), lit(0L)).cast(DataTypes.IntegerType).as("prior_places"),
                coalesce(sum("k_ew_place").over(horse), lit(0L)).cast(DataTypes.IntegerType).as("prior_ew_places"),
                money(sum(col("k_prize_gbp")).over(horse)).as("prior_prize_gbp"),
                money(sum(col("k_prize_eur")).over(horse)).as("prior_prize_eur"),
                datediff(col("race_date"), max("k_date").over(horse)).as("days_since_last_run"),
                lag(col("k_position"), 1, null, true).over(inOrder).as("last_position_code"),
                concat_ws("-", lag(col("k_position"), 1, null, true).over(inOrder),
                        lag(col("k_position"), 2, null, true).over(inOrder),
                        lag(col("k_position"), 3, null, true).over(inOrder)).as("last_3_positions"),
                runs(year).as("prior_runs_365d"), wins(year).as("prior_wins_365d"),
                known(runs(career("course_id")), "course_id").as("course_runs"), known(wins(career("course_id")), "course_id").as("course_wins"),
                known(runs(career("distance_band_f")), "distance_band_f").as("distance_runs"),
                known(wins(career("distance_band_f")), "distance_band_f").as("distance_wins"),
                known(wins(career("course_id", "distance_band_f")), "course_id", "distance_band_f").as("course_distance_wins"),
                runs(career("going_group")).as("going_runs"), wins(career("going_group")).as("going_wins"),
                known(runs(career("code")), "code").as("code_runs"), known(wins(career("code")), "code").as("code_wins"),
                known(runs(career("jockey_id")), "jockey_id").as("jockey_horse_runs"),
                known(wins(career("jockey_id")), "jockey_id").as("jockey_horse_wins"),
                max(col("k_race_rpr")).over(horse).as("best_race_rpr_prior"),
                round(avg(col("k_sp")).over(horse), 2).cast(DataTypes.createDecimalType(8, 2)).as("avg_sp_decimal_prior"))
                .where(col("emit").and(col("prior_runs").geq(profile.minRunsRunner())))
                .select(col("*"), lit(profile.name()).as("profile"), lit(calculatedAt).as("calculated_at"))
                .select(COLUMNS);
    }

    private static final Column[] COLUMNS = java.util.stream.Stream.of("profile", "race_id", "horse_id", "prior_runs",
            "prior_wins", "prior_places", "prior_ew_places", "prior_win_pct", "prior_place_pct", "prior_prize_gbp", "prior_prize_eur",
            "days_since_last_run", "last_position_code", "last_3_positions", "prior_runs_365d", "prior_wins_365d",
            "course_runs", "course_wins", "distance_runs", "distance_wins", "course_distance_wins", "going_runs", "going_wins",
            "code_runs", "code_wins", "jockey_horse_runs", "jockey_horse_wins", "trainer_runs_14d", "trainer_wins_14d",
            "jockey_runs_14d", "jockey_wins_14d", "best_race_rpr_prior", "avg_sp_decimal_prior", "calculated_at")
            .map(c -> switch (c) {
                case "prior_win_pct" -> RunMetrics.pct(col("prior_wins"), col("prior_runs")).as(c);
                case "prior_place_pct" -> RunMetrics.pct(col("prior_places"), col("prior_runs")).as(c);
                case "last_3_positions" -> when(col(c).notEqual(""), col(c)).as(c);
                default -> col(c);
            }).toArray(Column[]::new);

    /** A partition's races in off order, for frames that end before this race's off. */
    private static WindowSpec before(String... partition) {
        List<Column> columns = new ArrayList<>();
        for (String c : partition) {
            if (HASHED.contains(c)) {
                columns.add(col(c.replace("_id", "_hash")));
            }
            columns.add(col(c));
        }
        return Window.partitionBy(columns.toArray(Column[]::new)).orderBy("off_ts");
    }

    /** The horse's earlier runs with the same value of {@code also} as this race (the same course, band, going...). */
    private static WindowSpec career(String... also) {
        String[] partition = new String[also.length + 1];
        partition[0] = "horse_id";
        System.arraycopy(also, 0, partition, 1, also.length);
        return before(partition).rangeBetween(Window.unboundedPreceding(), -1);
    }

    private static Column runs(WindowSpec frame) {
        return coalesce(sum("k_run").over(frame), lit(0L)).cast(DataTypes.IntegerType);
    }

    private static Column wins(WindowSpec frame) {
        return coalesce(sum("k_win").over(frame), lit(0L)).cast(DataTypes.IntegerType);
    }

    private static Column money(Column sum) {
        return coalesce(sum, lit(0)).cast(DataTypes.createDecimalType(14, 2));
    }

    /** A figure that depends on this runner's course, band, jockey...: null when the runner does not have one. */
    private static Column known(Column figure, String... ids) {
        Column present = lit(true);
        for (String id : ids) {
            present = present.and(col(id).isNotNull());
        }
        return when(present, figure);
    }
}
