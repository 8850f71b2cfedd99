package dev.furlong.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import dev.furlong.lake.ChangeFeed;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Which bronze answers silver already reflects: {@code silver/transformed_answers}, one row per (endpoint, request_key) with
 * the body hash last transformed and the bronze version it was read at. An answer is new to the transform when its hash is
 * not there, so a re-fetch with the same body costs nothing and a corrected body is transformed again. Written after silver,
 * so a run that dies half way is redone.
 *
 * <p>To find the new answers without scanning all of bronze, bronze keeps Delta's change data feed, and only the rows written
 * since the latest recorded version are compared with the log. When that feed cannot be read (a lake from before it was on,
 * or its files vacuumed away), all of bronze is compared instead: slower, same answer.
 */
public final class TransformLog {

    private static final List<String> KEYS = List.of("endpoint", "request_key");
    /** The key of the row that only carries a bronze version. */
    private static final String MARK = "*";
    private static final List<String> ANSWER = List.of("endpoint", "request_key", "body_sha256", "partition_date");

    private final SparkSession spark;
    private final String path;

    public TransformLog(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.path = lake.silver("transformed_answers");
    }

    /**
     * One run's view of bronze: the table as of {@code version}, the answers in it not transformed in their current form, and
     * whether bronze has moved since the version last recorded, and how the answers were found.
     */
    public record Pending(long version, Dataset<Row> bronze, Dataset<Row> answers, boolean moved, String found) {
    }

    /** Bronze at its current version and its untransformed answers (endpoint, request_key, body_sha256, partition_date), cached. */
    public Pending untransformed(String bronzePath) {
        DeltaTables.keepChangeFeed(spark, bronzePath);
        long now = DeltaTables.version(spark, bronzePath);
        Dataset<Row> bronze = spark.read().format("delta").option("versionAsOf", now).load(bronzePath);
        Long recorded = lastBronzeVersion();
        if (recorded != null && recorded >= now) {
            return new Pending(now, bronze, answers(bronze).limit(0), false, "bronze unchanged since version " + recorded);
        }
        String why = "";
        if (recorded != null) {
            ChangeFeed.Read<Dataset<Row>> feed = ChangeFeed.read(spark, bronzePath, recorded + 1, now, changes -> {
                Dataset<Row> pending = notDone(changes.where(col("_change_type").isin("insert", "update_postimage"))
                        // an answer rewritten twice since: its latest form is the one bronze holds now
                        .withColumn("latest", max("_commit_version").over(Window.partitionBy("endpoint", "request_key")))
                        .where(col("_commit_version").equalTo(col("latest")))).persist(StorageLevel.MEMORY_AND_DISK());
                try {
                    pending.count();
                    return pending;
                } catch (RuntimeException e) {
                    pending.unpersist();
                    throw e;
                }
            });
            if (feed.readable()) {
                return new Pending(now, bronze, feed.value(), true, "found in bronze's change feed, versions " + (recorded + 1) + " to " + now);
            }
            why = ", as its change feed could not be read: " + feed.unreadable();
        }
        Dataset<Row> pending = notDone(bronze).persist(StorageLevel.MEMORY_AND_DISK());
        return new Pending(now, bronze, pending, true, "found by comparing all of bronze version " + now + " with the log" + why);
    }

    private static Dataset<Row> answers(Dataset<Row> rows) {
        return rows.select(ANSWER.stream().map(functions::col).toArray(Column[]::new));
    }

    private Dataset<Row> notDone(Dataset<Row> rows) {
        Dataset<Row> answers = answers(rows).distinct();
        if (!DeltaTables.exists(spark, path)) {
            return answers;
        }
        Dataset<Row> done = spark.read().format("delta").load(path).select("endpoint", "request_key", "body_sha256");
        return answers.join(done, CollectionConverters.asScala(List.of("endpoint", "request_key", "body_sha256")).toSeq(),
                "left_anti");
    }

    /** The bronze version the last incremental run read, or null when none is recorded. */
    private Long lastBronzeVersion() {
        if (!DeltaTables.exists(spark, path)) {
            return null;
        }
        Dataset<Row> log = spark.read().format("delta").load(path);
        if (!List.of(log.columns()).contains("bronze_version")) {
            return null;
        }
        Row r = log.agg(max("bronze_version")).head();
        return r.isNullAt(0) ? null : r.getLong(0);
    }

    /** Notes that bronze up to {@code version} has been read, when it held nothing new: the next run reads on from there. */
    public void advance(long version, String runId) {
        record(spark.createDataFrame(List.of(RowFactory.create(MARK, MARK, MARK)), new StructType()
                .add("endpoint", DataTypes.StringType).add("request_key", DataTypes.StringType).add("body_sha256", DataTypes.StringType)),
                runId, version);
    }

    /**
     * Records the answers as transformed. {@code bronzeVersion} is the version they were read at, or null for a run over
     * chosen dates, which must not move the point incremental runs read on from.
     */
    public void record(Dataset<Row> answers, String runId, Long bronzeVersion) {
        Dataset<Row> rows = answers.select(col("endpoint"), col("request_key"), col("body_sha256"))
                .withColumn("bronze_version", lit(bronzeVersion).cast("long"))
                .withColumn("run_id", lit(runId)).withColumn("transformed_at", current_timestamp());
        DeltaTables.upsert(spark, path, rows, KEYS, List.of("run_id", "transformed_at"));
    }
}
