package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** The figures every statistics group reports, over a group of runs from {@link Starts} (STATISTICS.md, Shared definitions). */
final class RunMetrics {

    static final DecimalType PCT = DataTypes.createDecimalType(6, 2);
    static final DecimalType MONEY = DataTypes.createDecimalType(12, 2);
    static final DecimalType AE = DataTypes.createDecimalType(8, 3);

    /** The columns {@link #aggregate} adds, in their published order. */
    static final List<String> COLUMNS = List.of("runs", "wins", "places", "ew_places", "win_pct", "place_pct", "runs_with_sp",
            "profit_loss_1u", "ae_index");

    private RunMetrics() {
    }

    /**
     * Groups runs and computes, per group:
     * runs; wins; places; ew_places (placed within the each-way terms); win_pct = 100 · wins / runs and place_pct = 100 · places / runs, to 2 places;
     * runs_with_sp (the SP subset); profit_loss_1u = Σ (return − 1) over the subset; ae_index = wins in the subset / Σ 1/SP
     * over the subset (1.0: winning as often as the market expected). Both SP figures are null when no run had an SP.
     * {@code extra} aggregates follow the metrics; callers select the published column order.
     */
    static Dataset<Row> aggregate(Dataset<Row> runs, List<Column> groupBy, Column... extra) {
        List<Column> aggregates = new ArrayList<>(List.of(
                count(lit(1)).cast(DataTypes.IntegerType).as("runs"),
                sum("win").cast(DataTypes.IntegerType).as("wins"),
                sum("place").cast(DataTypes.IntegerType).as("places"),
                sum("ew_place").cast(DataTypes.IntegerType).as("ew_places"),
                count("sp_win").cast(DataTypes.IntegerType).as("runs_with_sp"),
                round(sum("sp_profit"), 2).cast(MONEY).as("profit_loss_1u"),
                ae(sum("sp_win"), sum("sp_inverse")).as("ae_index")));
        aggregates.addAll(List.of(extra));
        return runs.groupBy(groupBy.toArray(Column[]::new))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .withColumn("win_pct", pct(col("wins"), col("runs")))
                .withColumn("place_pct", pct(col("places"), col("runs")));
    }

    /** 100 · part / whole to 2 places (half up, in decimal arithmetic); null when whole = 0. */
    static Column pct(Column part, Column whole) {
        return when(whole.gt(0), round(part.cast(DataTypes.createDecimalType(18, 0)).multiply(100).divide(whole), 2)
                .cast(PCT));
    }

    /** Actual wins / expected wins, to 3 places; null without an expectation. */
    static Column ae(Column wins, Column expected) {
        return when(expected.gt(0), round(wins.divide(expected), 3).cast(AE));
    }
}
