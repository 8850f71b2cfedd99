package dev.furlong.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a run, with Delta enabled. On a cluster, spark-submit's master and settings win; locally
 * (no master given) the configured master is used with the UI off and small partition counts.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(String localMaster, int shufflePartitions) {
        SparkConf conf = new SparkConf(true)
                .setAppName("furlong")
                .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Rows hand out java.time values (Instant, LocalDate): unambiguous when written to Postgres.
                .set("spark.sql.datetime.java8API.enabled", "true")
                .set("spark.sql.session.timeZone", "UTC")
                .set("spark.sql.debug.maxToStringFields", "200")
                // Every table keeps its change data feed, so the transform and the publisher read only what changed.
                .set("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "true")
                // Cached intermediate results live for one run: building compressed columns cost more than the memory saved.
                .set("spark.sql.inMemoryColumnarStorage.compressed", "false")
                // Aggregations here group hundreds of thousands of ids: the small first-level hash map fills at once and then
                // only adds a second lookup to every row (ten-year statistics: 324 s with it, 265 s without).
                .set("spark.sql.codegen.aggregate.map.twolevel.enabled", "false")
                // HotSpot never compiles a method over 8,000 bytes of bytecode: it stays interpreted. The runner flatteners'
                // generated code was 16 KB and ran twice as slow for it; above this limit Spark generates smaller code instead.
                .set("spark.sql.codegen.hugeMethodLimit", "8000")
                // Generated classes are cached by their code: a transform runs some 180 queries, so the default 100 entries made
                // every run compile (and HotSpot re-optimise) its code afresh. Daily transforms in one JVM: 34/29/27 s → 30/26/23 s.
                .set("spark.sql.codegen.cache.maxEntries", "1000")
                // That cache is keyed by code and class loader. With artifact isolation on, Delta's writes ran their tasks in a
                // new class loader each time, so every upsert compiled, loaded and JIT-compiled the same code again (a partitioned
                // overwrite: 25 classes a time); Furlong adds no artifacts at run time. A stage's number in its query, part of
                // the class name by default, also made one stage's code differ between queries. A warm daily transform compiled
                // ~280 classes and now ~45; the bench's daily transform went from 35 s to 26-28 s.
                .set("spark.sql.artifact.isolation.enabled", "false")
                .set("spark.sql.codegen.useIdInClassName", "false");
        if (!conf.contains("spark.master")) {
            conf.setMaster(localMaster)
                    .set("spark.ui.enabled", "false")
                    // With no UI nobody reads the status store, but it keeps a plan description per query all the same: a sync
                    // runs hundreds of queries, and the default thousand executions held a few hundred MB.
                    .set("spark.sql.ui.retainedExecutions", "20")
                    .set("spark.ui.retainedJobs", "50")
                    .set("spark.ui.retainedStages", "50")
                    .set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                    .set("spark.default.parallelism", Integer.toString(shufflePartitions))
                    // Delta rebuilds snapshots with 50 partitions by default: far too many for a laptop-sized lake.
                    .set("spark.databricks.delta.snapshotPartitions", "2")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.sql.adaptive.enabled", "true");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
