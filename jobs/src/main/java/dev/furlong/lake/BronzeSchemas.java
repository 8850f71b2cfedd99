package dev.furlong.lake;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** The two bronze tables of DATA-MODEL.md. */
public final class BronzeSchemas {

    private BronzeSchemas() {
    }

    /** One row per request whose answer is final (200, or 404). Conflict key (endpoint, request_key). */
    public static final StructType API_RESPONSES = new StructType()
            .add("endpoint", StringType, false)
            .add("request_key", StringType, false)
            .add("partition_date", DateType, false)
            .add("http_status", IntegerType, false)
            .add("body", StringType, true)
            .add("body_sha256", StringType, false)
            .add("fetched_at", TimestampType, false)
            .add("run_id", StringType, false);

    /** One row per unit per run: what happened to it. */
    public static final StructType FETCH_LOG = new StructType()
            .add("endpoint", StringType, false)
            .add("request_key", StringType, false)
            .add("partition_date", DateType, false)
            .add("outcome", StringType, false)
            .add("http_status", IntegerType, true)
            .add("attempts", IntegerType, true)
            .add("reason", StringType, true)
            .add("run_id", StringType, false)
            .add("at", TimestampType, false);
}
