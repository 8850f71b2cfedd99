package dev.furlong.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Bronze results → silver {@code races}, {@code runners} and {@code quarantine}. Idempotent: silver is upserted by natural key
 * and a row changes only when its content does. Checks at the end that every runner in bronze is in silver, in quarantine, or
 * counted as outside the configured regions.
 */
public final class TransformJob {

    public static final List<String> RACE_KEYS = List.of("race_id");
    public static final List<String> RUNNER_KEYS = List.of("race_id", "horse_id");
    private static final List<String> QUARANTINE_KEYS = List.of("request_key", "json_path", "reason");

    private final SparkSession spark;
    private final Lake lake;
    private final List<String> regions;
    private final String runId;

    public TransformJob(SparkSession spark, Lake lake, List<String> regions, String runId) {
        this.spark = spark;
        this.lake = lake;
        this.regions = regions;
        this.runId = runId;
    }

    public TransformReport run() {
        if (!DeltaTables.exists(spark, lake.apiResponses())) {
            return new TransformReport(List.of(), 0, true, "bronze is empty: nothing to transform");
        }
        Dataset<Row> bronze = spark.read().format("delta").load(lake.apiResponses()).where(col("endpoint").equalTo("results"));
        Dataset<Row> races = ResultsFlattener.races(bronze).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> inside = ResultsFlattener.inRegions(races, regions, true);
            Dataset<Row> runners = ResultsFlattener.runners(inside).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> silverRaces = ResultsFlattener.silverRaces(inside).withColumn("updated_at", current_timestamp());
                Dataset<Row> silverRunners = ResultsFlattener.silverRunners(runners).withColumn("updated_at", current_timestamp());
                Dataset<Row> quarantinedRunners = ResultsFlattener.quarantinedRunners(runners);
                Dataset<Row> quarantine = ResultsFlattener.unparseablePages(bronze)
                        .unionByName(ResultsFlattener.quarantinedRaces(races))
                        .unionByName(quarantinedRunners)
                        .withColumn("run_id", lit(runId))
                        .withColumn("quarantined_at", current_timestamp());

                // Every count the report and the invariant need, in one pass over the races.
                Column valid = ResultsFlattener.isValidRace();
                Column outsideRegions = ResultsFlattener.isOutsideRegions(regions);
                Column size = coalesce(size(col("r.runners")), lit(0)).cast("long");
                Row c = races.agg(
                        sum(size),
                        sum(when(valid.unary_$bang(), size).otherwise(0L)),
                        sum(when(outsideRegions, size).otherwise(0L)),
                        count(when(valid.unary_$bang(), lit(1))),
                        count(when(outsideRegions, lit(1)))).head();
                long runnersInBronze = c.isNullAt(0) ? 0 : c.getLong(0);
                long runnersOfInvalidRaces = c.isNullAt(1) ? 0 : c.getLong(1);
                long runnersOutside = c.isNullAt(2) ? 0 : c.getLong(2);
                long racesQuarantined = c.getLong(3);
                long racesOutside = c.getLong(4);
                long quarantinedRunnerCount = quarantinedRunners.count();

                List<TableCounts> counts = new ArrayList<>();
                counts.add(upsert("races", silverRaces, RACE_KEYS, racesQuarantined, racesOutside));
                TableCounts runnerCounts = upsert("runners", silverRunners, RUNNER_KEYS,
                        quarantinedRunnerCount + runnersOfInvalidRaces, runnersOutside);
                counts.add(runnerCounts);
                long quarantineRows = quarantine.count();
                if (quarantineRows > 0) {
                    DeltaTables.upsert(spark, lake.quarantine(), quarantine, QUARANTINE_KEYS, List.of("run_id", "quarantined_at"));
                }

                long landed = spark.read().format("delta").load(lake.silver("runners"))
                        .join(silverRunners.select("race_id", "horse_id"),
                                scala.jdk.javaapi.CollectionConverters.asScala(RUNNER_KEYS).toSeq(), "left_semi")
                        .count();
                long accounted = runnerCounts.rowsIn() + runnerCounts.quarantined() + runnersOutside;
                boolean holds = accounted == runnersInBronze && landed == runnerCounts.rowsIn();
                String detail = String.format("%d runners in bronze = %d in silver + %d quarantined + %d outside regions%s",
                        runnersInBronze, runnerCounts.rowsIn(), runnerCounts.quarantined(), runnersOutside,
                        landed == runnerCounts.rowsIn() ? "" : "; but only " + landed + " of them are readable in silver");
                return new TransformReport(counts, runnersInBronze, holds, detail);
            } finally {
                runners.unpersist();
            }
        } finally {
            races.unpersist();
        }
    }

    private TableCounts upsert(String table, Dataset<Row> rows, List<String> keys, long quarantined, long outside) {
        Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long in = cached.count();
            String path = lake.silver(table);
            long[] iu = DeltaTables.upsert(spark, path, cached, keys, List.of("updated_at"));
            return new TableCounts(table, in, iu[0], iu[1], quarantined, outside);
        } finally {
            cached.unpersist();
        }
    }
}
