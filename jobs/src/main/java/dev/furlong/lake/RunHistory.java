package dev.furlong.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/** The run history in the lake ({@code meta/etl_runs}): a row per stage of every run, read by "what is due" and published. */
public final class RunHistory {

    public static final String RUN = "run";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public static final StructType SCHEMA = new StructType()
            .add("run_id", StringType, false)
            .add("stage", StringType, false)
            .add("command", StringType, false)
            .add("scope", StringType, true)
            .add("started_at", TimestampType, false)
            .add("ended_at", TimestampType, false)
            .add("outcome", StringType, false)
            .add("counts", DataTypes.createMapType(StringType, LongType, false), false)
            .add("api_calls", DataTypes.createMapType(StringType, LongType, false), false)
            .add("message", StringType, true);

    private RunHistory() {
    }

    /**
     * One stage of a run; the stage {@value #RUN} sums up the whole run.
     *
     * @param scope    what the command was asked to do (sync's scopes, a date range), or null
     * @param counts   rows or units the stage counted, by name
     * @param apiCalls API calls the stage made, by endpoint
     * @param message  why it failed, or a note; null when there is nothing to say
     */
    public record Stage(String runId, String stage, String command, String scope, Instant startedAt, Instant endedAt,
                        String outcome, Map<String, Long> counts, Map<String, Long> apiCalls, String message) {
        public Stage {
            counts = Map.copyOf(counts);
            apiCalls = Map.copyOf(apiCalls);
        }

        public boolean succeeded() {
            return SUCCEEDED.equals(outcome);
        }

        Row toRow() {
            return RowFactory.create(runId, stage, command, scope, Timestamp.from(startedAt), Timestamp.from(endedAt), outcome,
                    CollectionConverters.asScala(counts), CollectionConverters.asScala(apiCalls), message);
        }

        static Stage of(Row r) {
            return new Stage(r.getString(0), r.getString(1), r.getString(2), r.getString(3), instant(r.get(4)), instant(r.get(5)),
                    r.getString(6), longs(r.getJavaMap(7)), longs(r.getJavaMap(8)), r.getString(9));
        }

        private static Map<String, Long> longs(Map<Object, Object> m) {
            Map<String, Long> out = new HashMap<>();
            m.forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
            return out;
        }
    }

    /** A timestamp as Spark returns it: an Instant with the Java 8 time API on (Furlong's sessions), else a Timestamp. */
    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }

    public static void append(SparkSession spark, Lake lake, List<Stage> stages) {
        List<Row> rows = stages.stream().map(Stage::toRow).toList();
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode("append").save(lake.etlRuns());
    }

    /** Every stage that ended at or after {@code since} (all of them for null), oldest first. */
    public static List<Stage> endedSince(SparkSession spark, Lake lake, Instant since) {
        if (!DeltaTables.exists(spark, lake.etlRuns())) {
            return List.of();
        }
        var rows = spark.read().format("delta").load(lake.etlRuns());
        if (since != null) {
            rows = rows.where(col("ended_at").geq(Timestamp.from(since)));
        }
        List<Stage> out = new ArrayList<>();
        for (Row r : rows.orderBy("started_at", "run_id", "stage").collectAsList()) {
            out.add(Stage.of(r));
        }
        return out;
    }

    /** The start of the latest successful run of {@code command}, by each scope it covered (a scope list is split on commas). */
    public static Map<String, Instant> lastSucceeded(SparkSession spark, Lake lake, String command) {
        Map<String, Instant> last = new HashMap<>();
        if (!DeltaTables.exists(spark, lake.etlRuns())) {
            return last;
        }
        List<Row> runs = spark.read().format("delta").load(lake.etlRuns())
                .where(col("stage").equalTo(RUN).and(col("command").equalTo(command)).and(col("outcome").equalTo(SUCCEEDED)))
                .groupBy("scope").agg(max("started_at")).collectAsList();
        for (Row r : runs) {
            Instant at = instant(r.get(1));
            for (String scope : (r.isNullAt(0) ? "" : r.getString(0)).split(",")) {
                last.merge(scope.strip(), at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }
}
