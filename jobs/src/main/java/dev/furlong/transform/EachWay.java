package dev.furlong.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each-way terms (STATISTICS.md, placed_ew): how many places an each-way bet is paid on, from the race's starters and
 * whether it is a handicap: none for fewer than 5 starters, 2 for 5–7, 3 for 8 or more, 4 for handicaps of 16 or more.
 */
public final class EachWay {

    private EachWay() {
    }

    public static Column places(Column starters, Column isHandicap) {
        return when(starters.lt(5), 0).when(starters.lt(8), 2)
                .when(coalesce(isHandicap, lit(false)).and(starters.geq(16)), 4).otherwise(3);
    }

    /**
     * Silver runners with {@code placed_ew}: true when the runner ran and finished within the race's each-way places, false
     * when it ran and did not, null when there is no result for it (a declared runner, a non-runner). Starters are the race's
     * result records with a position code ({@code results}, the valid result runner rows); {@code races} gives each race's
     * {@code is_handicap}. The terms are worked out per race, a small table sent whole to every task, so the wide runner rows
     * are not shuffled again.
     */
    public static Dataset<Row> withPlacedEw(Dataset<Row> runners, Dataset<Row> results, Dataset<Row> races) {
        Dataset<Row> terms = results.groupBy("race_id").agg(count(col("position_code")).as("_starters"))
                .join(races.select(col("race_id"), col("is_handicap")), "race_id")
                .select(col("race_id"), places(col("_starters"), col("is_handicap")).as("_ew_places"));
        Column ran = col("position_code").isNotNull().and(coalesce(col("is_non_runner"), lit(false)).unary_$bang());
        return runners.join(broadcast(terms), "race_id", "left")
                .withColumn("placed_ew", when(ran, coalesce(col("position").leq(col("_ew_places")), lit(false))))
                .drop("_ew_places");
    }
}
