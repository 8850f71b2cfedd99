package dev.furlong.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Silver races and runners as one row per runner, with the shared definitions of STATISTICS.md worked out once: what is a
 * run, a win, a place, the level-stake return, the code, the distance band and the going group.
 */
public final class Starts {

    private Starts() {
    }

    /** An SP: the API's decimal odds have two places. */
    static final DecimalType SP = DataTypes.createDecimalType(10, 2);
    /**
     * 1 / SP and a run's return, each rounded once to 10 places: decimal sums are exact, so a figure is the same whatever order
     * its runs are added in (a sync adds a horse's runs in another order than a full run; doubles would differ in the last
     * cent now and then).
     */
    static final DecimalType EXACT = DataTypes.createDecimalType(20, 10);

    /** The columns of silver runners and races a statistic reads: a change elsewhere changes no figure. */
    static final List<String> RUNNER_COLUMNS = List.of("race_id", "horse_id", "jockey_id", "trainer_id", "owner_id", "sire_id",
            "dam_id", "damsire_id", "position_code", "position", "is_non_runner", "sp_decimal", "finishing_time_seconds",
            "prize_won", "prize_currency", "race_rpr", "placed_ew");
    static final List<String> RACE_COLUMNS = List.of("race_id", "race_date", "off_time", "course_id", "race_type",
            "distance_yards", "going");

    /** Going descriptions of each group (STATISTICS.md), compared in lower case; anything else is "other". */
    static final List<String> FIRM = List.of("hard", "firm", "good to firm", "fast");
    static final List<String> GOOD = List.of("good", "good to yielding", "yielding", "good to soft");
    static final List<String> SOFT = List.of("soft", "yielding to soft", "very soft", "holding");
    static final List<String> HEAVY = List.of("heavy", "soft to heavy");
    static final List<String> STANDARD = List.of("standard", "standard to fast", "standard to slow", "slow");

    /**
     * One row per silver runner (results, non-runners and declared racecards alike):
     * <ul>
     * <li>{@code is_run}: a result with a position code, not a non-runner. Non-finishers (PU, F, UR...) are runs not won;
     *     racecard entries without a result are not runs, so future races never reach a denominator.</li>
     * <li>{@code win} = 1 when position = 1 (each dead-heater wins), {@code place} = 1 when position ≤ 3, {@code ew_place}
     *     = 1 when placed within the each-way terms (silver's {@code placed_ew}); 0 otherwise.</li>
     * <li>{@code off_ts}: the off in epoch seconds, the clock every "before this race" figure is measured on; the race date's
     *     midnight when the off is unknown ({@code off_known} false), and then no race of that day counts for it nor it for
     *     them ({@link RunnerStatistics}).</li>
     * <li>SP subset, for runs with an {@code sp_decimal}: {@code sp_win} (the win, counted by A/E), {@code sp_inverse}
     *     (1 / SP: the market's expected wins) and {@code sp_profit} (return − 1 at level £1 win stakes, where the return is
     *     SP / k for a winner in a k-way dead heat and 0 for a loser). All null outside the subset.</li>
     * <li>{@code code}: flat, or jumps for hurdle, chase and NH flat; null for anything else.</li>
     * <li>{@code distance_band_f} = yards / 220 rounded half up (8.5f → 9); {@code distance_group} on the unrounded
     *     distance: sprint &lt; 7f ≤ mile &lt; 9f ≤ middle &lt; 12f ≤ staying.</li>
     * <li>{@code going_group}: firm, good, soft, heavy, standard (all-weather), or other.</li>
     * <li>{@code prize_gbp} / {@code prize_eur}: the run's prize money in that currency, never converted.</li>
     * </ul>
     */
    public static Dataset<Row> of(Dataset<Row> races, Dataset<Row> runners) {
        if (!java.util.Arrays.asList(runners.columns()).contains("placed_ew")) {
            throw new IllegalStateException("silver runners were written before placed_ew existed: run `furlong transform --from "
                    + "<first race date>` to rebuild them from bronze (nothing is fetched again), then `furlong stats`");
        }
        Column yards = col("distance_yards");
        Column going = lower(trim(col("going")));
        Column position = col("position");
        Column isRun = col("position_code").isNotNull().and(coalesce(col("is_non_runner"), lit(false)).unary_$bang());
        Column sp = when(col("sp_decimal").gt(0), col("sp_decimal").cast(SP));
        Column win = when(isRun.and(position.equalTo(1)), 1).otherwise(0);
        Dataset<Row> starts = runners.select(col("race_id"), col("horse_id"), col("jockey_id"), col("trainer_id"),
                        col("owner_id"), col("sire_id"), col("dam_id"), col("damsire_id"), col("position_code"),
                        position.cast(DataTypes.IntegerType).as("position"), col("is_non_runner"), sp.as("sp"),
                        col("finishing_time_seconds").cast(DataTypes.DoubleType).as("time_seconds"),
                        col("prize_won"), col("prize_currency"), col("race_rpr").cast(DataTypes.IntegerType).as("race_rpr"),
                        col("placed_ew"))
                // A race is a few narrow columns: sent whole to every task, so the runners are never shuffled to meet them.
                .join(broadcast(races.select(col("race_id"), col("race_date"), col("off_time"), col("course_id"),
                        col("race_type"), yards, col("going"))), "race_id")
                .join(broadcast(runners.where(isRun.and(position.equalTo(1))).groupBy("race_id")
                        .agg(count(lit(1)).as("dead_heat"))), "race_id", "left")
                .withColumn("is_run", isRun)
                .withColumn("win", win)
                .withColumn("place", when(isRun.and(position.leq(3)), 1).otherwise(0))
                .withColumn("ew_place", when(isRun.and(coalesce(col("placed_ew"), lit(false))), 1).otherwise(0))
                .withColumn("off_known", col("off_time").isNotNull())
                .withColumn("off_ts", unix_seconds(coalesce(col("off_time"), to_timestamp(col("race_date")))))
                .withColumn("code", when(col("race_type").equalTo("flat"), "flat")
                        .when(col("race_type").isin("hurdle", "chase", "nh_flat"), "jumps"))
                .withColumn("distance_band_f", yards.multiply(2).plus(220).divide(440).cast(DataTypes.IntegerType))
                .withColumn("distance_group", PerformanceByDistance.groupOfYards(yards))
                .withColumn("going_group", when(going.isin(FIRM.toArray()), "firm").when(going.isin(GOOD.toArray()), "good")
                        .when(going.isin(SOFT.toArray()), "soft").when(going.isin(HEAVY.toArray()), "heavy")
                        .when(going.isin(STANDARD.toArray()), "standard").otherwise("other"))
                .withColumn("prize_gbp", when(col("is_run").and(col("prize_currency").equalTo("GBP")), col("prize_won")))
                .withColumn("prize_eur", when(col("is_run").and(col("prize_currency").equalTo("EUR")), col("prize_won")));
        Column inSubset = col("is_run").and(col("sp").isNotNull());
        return starts
                .withColumn("sp_win", when(inSubset, col("win")))
                .withColumn("sp_inverse", when(inSubset, lit(BigDecimal.ONE).divide(col("sp")).cast(EXACT)))
                .withColumn("sp_profit", when(inSubset, when(col("win").equalTo(1), col("sp").divide(col("dead_heat")))
                        .otherwise(lit(BigDecimal.ZERO)).minus(lit(BigDecimal.ONE)).cast(EXACT)))
                .drop("race_type", "going", "off_time", "prize_won", "prize_currency", "dead_heat", "placed_ew");
    }
}
