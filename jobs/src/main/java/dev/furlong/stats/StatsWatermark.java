package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.lake.WatermarkedVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Which versions of silver races and runners, and which as-of date, a set of statistics was last brought up to date with
 * (lake {@code meta/statistics_watermarks}): what changed since is what a sync's statistics recompute.
 *
 * @param name a profile's name for its runner statistics, or {@value #ENTITIES} for entity_statistics
 */
record StatsWatermark(String name, LocalDate asOf, Silver silver) {

    static final String ENTITIES = "entities";

    /** A version of silver races and runners, each with its table's id (a rebuilt table is another table). */
    record Silver(String racesId, long racesVersion, String runnersId, long runnersVersion) {

        boolean sameTablesAs(Silver other) {
            return racesId.equals(other.racesId) && runnersId.equals(other.runnersId);
        }

        static Silver now(SparkSession spark, Lake lake) {
            String races = lake.silver("races");
            String runners = lake.silver("runners");
            return new Silver(DeltaTables.tableId(spark, races), DeltaTables.version(spark, races),
                    DeltaTables.tableId(spark, runners), DeltaTables.version(spark, runners));
        }
    }

    private static final StructType SCHEMA = new StructType()
            .add("name", StringType, false)
            .add("as_of", DateType, false)
            .add("races_id", StringType, false)
            .add("races_version", LongType, false)
            .add("runners_id", StringType, false)
            .add("runners_version", LongType, false);

    static Optional<StatsWatermark> read(SparkSession spark, Lake lake, String name) {
        if (!DeltaTables.exists(spark, lake.statisticsWatermarks())) {
            return Optional.empty();
        }
        List<Row> rows = spark.read().format("delta").load(lake.statisticsWatermarks()).where(col("name").equalTo(name))
                .collectAsList();
        return rows.stream().findFirst().map(r -> new StatsWatermark(r.getString(0), r.getLocalDate(1),
                new Silver(r.getString(2), r.getLong(3), r.getString(4), r.getLong(5))));
    }

    /** The silver versions every set of statistics was last brought up to date with. */
    static List<WatermarkedVersion> versionsInUse(SparkSession spark, Lake lake) {
        if (!DeltaTables.exists(spark, lake.statisticsWatermarks())) {
            return List.of();
        }
        List<WatermarkedVersion> versions = new java.util.ArrayList<>();
        for (Row r : spark.read().format("delta").load(lake.statisticsWatermarks()).collectAsList()) {
            String reader = "statistics_watermarks " + r.getString(0);
            versions.add(new WatermarkedVersion(lake.silver("races"), r.getString(2), r.getLong(3), reader));
            versions.add(new WatermarkedVersion(lake.silver("runners"), r.getString(4), r.getLong(5), reader));
        }
        return versions;
    }

    /** Replaces this watermark's row. */
    void write(SparkSession spark, Lake lake) {
        Row row = RowFactory.create(name, asOf, silver.racesId(), silver.racesVersion(), silver.runnersId(), silver.runnersVersion());
        var writer = spark.createDataFrame(List.of(row), SCHEMA).coalesce(1).write().format("delta").mode("overwrite");
        if (DeltaTables.exists(spark, lake.statisticsWatermarks())) {
            // Names are profile names or "entities", fixed words (StatsProfile checks), never free text.
            writer = writer.option("replaceWhere", "name = '" + name + "'");
        }
        writer.save(lake.statisticsWatermarks());
    }
}
