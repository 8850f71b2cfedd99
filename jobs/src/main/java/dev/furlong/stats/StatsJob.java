package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code furlong stats}: silver races and runners → the gold statistics tables, all computed again from the whole of silver
 * (a statistic of a race depends on every race before it). The four profile tables replace only their own profile's rows, so
 * the daily and weekly profiles live side by side; entity_statistics is replaced whole.
 */
public final class StatsJob {

    public static final String ENTITY_COMBINATIONS = "entity_combinations";
    public static final String PERFORMANCE_BY_DISTANCE = "performance_by_distance";
    public static final String PERFORMANCE_BY_VENUE = "performance_by_venue";
    public static final String RUNNER_STATISTICS = "runner_statistics";
    public static final String ENTITY_STATISTICS = "entity_statistics";

    private final SparkSession spark;
    private final Lake lake;

    public StatsJob(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /**
     * @param asOf         the last race date counted, and the day the 14/30-day windows end
     * @param calculatedAt stamped on every row
     */
    public StatsReport run(StatsProfile profile, LocalDate asOf, Instant calculatedAt) {
        long started = System.nanoTime();
        Dataset<Row> starts = starts().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> runs = starts.where(col("is_run").and(col("race_date").leq(lit(asOf))))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row counts = runs.agg(count(lit(1)), count(when(col("going_group").equalTo("other"), 1)),
                    count(when(col("code").isNull(), 1)), count(when(col("distance_band_f").isNull(), 1))).head();
            double prepared = (System.nanoTime() - started) / 1e9;
            Timestamp at = Timestamp.from(calculatedAt);
            Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
            tables.put(ENTITY_COMBINATIONS, EntityCombinations.compute(runs, profile, at));
            tables.put(PERFORMANCE_BY_DISTANCE, PerformanceByDistance.compute(runs, profile, at));
            tables.put(PERFORMANCE_BY_VENUE, PerformanceByVenue.compute(runs, profile, at));
            tables.put(RUNNER_STATISTICS, RunnerStatistics.compute(starts, profile, asOf, at));
            tables.put(ENTITY_STATISTICS, EntityStatistics.compute(runs, asOf));
            Map<String, StatsReport.Written> written = new LinkedHashMap<>();
            tables.forEach((table, rows) -> {
                long tableStarted = System.nanoTime();
                // entity_statistics has no profile: each run replaces it whole.
                long count = write(table, rows, table.equals(ENTITY_STATISTICS) ? null : profile);
                written.put(table, new StatsReport.Written(count, (System.nanoTime() - tableStarted) / 1e9));
            });
            return new StatsReport(profile, asOf, counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3),
                    prepared, written);
        } finally {
            runs.unpersist();
            starts.unpersist();
        }
    }

    /**
     * Only gold/entity_statistics, every entity's figures as of {@code asOf}, from the whole of silver (what {@code sync --scope
     * people} refreshes after rebuilding the people); returns the rows written.
     */
    public long runEntityStatistics(LocalDate asOf) {
        Dataset<Row> runs = starts().where(col("is_run").and(col("race_date").leq(lit(asOf))));
        return write(ENTITY_STATISTICS, EntityStatistics.compute(runs, asOf), null);
    }

    /** Every start of silver: races and runners joined, the input of every statistic. */
    private Dataset<Row> starts() {
        for (String table : new String[] {"races", "runners"}) {
            if (!DeltaTables.exists(spark, lake.silver(table))) {
                throw new IllegalStateException("stats: there is no silver " + table + " in " + lake.root()
                        + " yet; run `furlong transform` first");
            }
        }
        return Starts.of(spark.read().format("delta").load(lake.silver("races")), spark.read().format("delta").load(lake.silver("runners")));
    }

    /** Replaces the profile's rows of a gold table, or the whole table when {@code profile} is null; returns the rows written. */
    private long write(String table, Dataset<Row> rows, StatsProfile profile) {
        String path = lake.gold(table);
        // mergeSchema: a table written before a statistic existed gains its column (null on the other profile's rows until
        // that profile runs again).
        var writer = rows.write().format("delta").mode("overwrite").option("mergeSchema", "true");
        if (profile != null) {
            // Stored by profile, a profile's rows are replaced by swapping its files, without reading the others'.
            writer = writer.partitionBy("profile");
            if (DeltaTables.exists(spark, path)) {
                // The profile's name is one of three fixed words (StatsProfile checks), never free text.
                writer = writer.option("replaceWhere", "profile = '" + profile.name() + "'");
            }
        }
        writer.save(path);
        return DeltaTables.rowsWrittenByLastCommit(spark, path);
    }
}
