package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * ra_performance_by_venue: a horse's, jockey's, trainer's or sire's runs at each course, per code: the {@link RunMetrics}
 * and the date of the last run there. Emitted when runs ≥ the profile's min-runs-venue.
 */
public final class PerformanceByVenue {

    private PerformanceByVenue() {
    }

    public static Dataset<Row> compute(Dataset<Row> runs, StatsProfile profile, Timestamp calculatedAt) {
        return RunMetrics.aggregate(
                        EntityType.perEntity(runs.where(col("course_id").isNotNull().and(col("code").isNotNull())),
                                PerformanceByDistance.ENTITIES),
                        List.of(col("entity_type"), col("entity_id"), col("course_id"), col("code")),
                        max("race_date").as("last_run_date"))
                .where(col("runs").geq(profile.minRunsVenue()))
                .select(StatsColumns.of(lit(profile.name()).as("profile"), col("entity_type"), col("entity_id"),
                        col("course_id"), col("code")).metrics().then(col("last_run_date")).calculatedAt(calculatedAt));
    }
}
