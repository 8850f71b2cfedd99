package dev.furlong.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Which bronze answers silver already reflects: {@code silver/transformed_answers}, one row per (endpoint, request_key) with
 * the body hash last transformed. An answer is new to the transform when its hash is not there, so a re-fetch with the same
 * body costs nothing and a corrected body is transformed again. Written after silver, so a run that dies half way is redone.
 */
public final class TransformLog {

    private static final List<String> KEYS = List.of("endpoint", "request_key");

    private final SparkSession spark;
    private final String path;

    public TransformLog(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.path = lake.silver("transformed_answers");
    }

    /** Bronze answers (endpoint, request_key, body_sha256, partition_date) not transformed in their current form. */
    public Dataset<Row> untransformed(Dataset<Row> bronze) {
        Dataset<Row> answers = bronze.select("endpoint", "request_key", "body_sha256", "partition_date");
        if (!DeltaTables.exists(spark, path)) {
            return answers;
        }
        Dataset<Row> done = spark.read().format("delta").load(path).select("endpoint", "request_key", "body_sha256");
        return answers.join(done, scala.jdk.javaapi.CollectionConverters.asScala(List.of("endpoint", "request_key", "body_sha256"))
                .toSeq(), "left_anti");
    }

    public void record(Dataset<Row> answers, String runId) {
        Dataset<Row> rows = answers.select(col("endpoint"), col("request_key"), col("body_sha256"))
                .withColumn("run_id", lit(runId)).withColumn("transformed_at", current_timestamp());
        DeltaTables.upsert(spark, path, rows, KEYS, List.of("run_id", "transformed_at"));
    }

}
