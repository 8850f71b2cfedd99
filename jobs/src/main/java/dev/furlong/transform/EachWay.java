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
     * Result runner rows with {@code placed_ew}: true when the runner finished within its race's each-way places, false when it
     * ran and did not (a position code but no place, or a place outside the terms). Starters are the race's result records with
     * a position code ({@code results}, the valid result runner rows); {@code races} gives each race's {@code is_handicap}. A
     * declared runner or a non-runner has no result record, so its merged row's {@code placed_ew} is null. The terms are worked
     * out per race, a small table sent whole to every task, and joined before the sources are merged: the narrow side, in
     * generated code, rather than the wide merged rows.
     */
    public static Dataset<Row> withPlacedEw(Dataset<Row> results, Dataset<Row> races) {
        Dataset<Row> terms = results.groupBy("race_id").agg(count(col("position_code")).as("_starters"))
                .join(races.select(col("race_id"), col("is_handicap")), "race_id")
                .select(col("race_id"), places(col("_starters"), col("is_handicap")).as("_ew_places"));
        return results.join(broadcast(terms), "race_id", "left")
                .withColumn("placed_ew", when(col("position_code").isNotNull(), coalesce(col("position").leq(col("_ew_places")), lit(false))))
                .drop("_ew_places");
    }
}
