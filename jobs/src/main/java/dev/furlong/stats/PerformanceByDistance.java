package dev.furlong.stats;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * ra_performance_by_distance: a horse's, jockey's, trainer's or sire's runs at each distance band, per code. Besides the
 * {@link RunMetrics}:
 * <ul>
 * <li>{@code distance_group}: the group of the band's runs' mean unrounded distance (a band straddles a group boundary when
 *     it is 7, 9 or 12 furlongs, so the group is the one most of its distance lies in);</li>
 * <li>{@code best_time_seconds} / {@code avg_time_seconds}: the fastest and mean finishing time, over the horse's runs, or
 *     over the winners of a jockey, trainer or sire;</li>
 * <li>{@code going_breakdown}: runs and wins per going group, as JSON, e.g. {"good":{"runs":3,"wins":1}}.</li>
 * </ul>
 * Emitted when runs ≥ the profile's min-runs-distance.
 */
public final class PerformanceByDistance {

    static final List<String> ENTITIES = List.of("horse", "jockey", "trainer", "sire");
    static final List<String> GOING_GROUPS = List.of("firm", "good", "soft", "heavy", "standard", "other");

    private PerformanceByDistance() {
    }

    public static Dataset<Row> compute(Dataset<Row> runs, StatsProfile profile, Timestamp calculatedAt) {
        Column time = when(col("entity_type").equalTo("horse").or(col("win").equalTo(1)), col("time_seconds"));
        List<Column> extra = new ArrayList<>(List.of(avg("distance_yards").as("mean_yards"),
                round(min(time), 2).cast(DataTypes.createDecimalType(8, 2)).as("best_time_seconds"),
                round(avg(time), 2).cast(DataTypes.createDecimalType(8, 2)).as("avg_time_seconds")));
        for (String going : GOING_GROUPS) {
            Column here = col("going_group").equalTo(going);
            extra.add(sum(when(here, 1).otherwise(0)).as(going + "_runs"));
            extra.add(sum(when(here, col("win")).otherwise(0)).as(going + "_wins"));
        }
        return RunMetrics.aggregate(
                        EntityType.perEntity(runs.where(col("code").isNotNull().and(col("distance_band_f").isNotNull())), ENTITIES),
                        List.of(col("entity_type"), col("entity_id"), col("code"), col("distance_band_f")),
                        extra.toArray(Column[]::new))
                .where(col("runs").geq(profile.minRunsDistance()))
                .select(StatsColumns.of(lit(profile.name()).as("profile"), col("entity_type"), col("entity_id"), col("code"),
                                col("distance_band_f"), groupOfYards(col("mean_yards")).as("distance_group"))
                        .metrics().then(col("best_time_seconds"), col("avg_time_seconds"), goingBreakdown().as("going_breakdown"))
                        .calculatedAt(calculatedAt));
    }

    /** STATISTICS.md distance groups, on yards: sprint &lt; 7f ≤ mile &lt; 9f ≤ middle &lt; 12f ≤ staying. */
    static Column groupOfYards(Column yards) {
        return when(yards.lt(7 * 220), "sprint").when(yards.lt(9 * 220), "mile").when(yards.lt(12 * 220), "middle")
                .when(yards.isNotNull(), "staying");
    }

    /** {"good":{"runs":3,"wins":1},...}: the groups run on, in the order of {@link #GOING_GROUPS}. */
    private static Column goingBreakdown() {
        List<Column> parts = new ArrayList<>();
        for (String going : GOING_GROUPS) {
            parts.add(when(col(going + "_runs").gt(0), concat(lit("\"" + going + "\":{\"runs\":"), col(going + "_runs"),
                    lit(",\"wins\":"), col(going + "_wins"), lit("}"))));
        }
        return concat(lit("{"), concat_ws(",", parts.toArray(Column[]::new)), lit("}"));
    }
}
