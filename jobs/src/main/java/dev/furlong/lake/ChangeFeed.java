package dev.furlong.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A Delta table's change data feed between two versions: what the transform reads of bronze and the publisher of silver and
 * gold. A feed that cannot be read — never enabled for those versions, or its files cleaned up — is an answer, with its reason,
 * so the caller can read the whole table instead; any other failure is a bug and is thrown.
 */
public final class ChangeFeed {

    private ChangeFeed() {
    }

    /** What was read, or why the feed could not be read. */
    public record Read<T>(T value, String unreadable) {
        public boolean readable() {
            return unreadable == null;
        }
    }

    /**
     * The changes of versions {@code from} to {@code to} (Delta's {@code _change_type} and {@code _commit_version} columns
     * beside the table's), handed to {@code use}, which must run an action on them before it returns: Spark reads the feed
     * lazily, and a feed that cannot be read must fail here, not later.
     */
    public static <T> Read<T> read(SparkSession spark, String path, long from, long to, Function<Dataset<Row>, T> use) {
        try {
            Dataset<Row> changes = spark.read().format("delta").option("readChangeFeed", "true")
                    .option("startingVersion", from).option("endingVersion", to).load(path);
            return new Read<>(use.apply(changes), null);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes, though thrown from anywhere
            Throwable cause = unreadable(e);
            if (cause == null) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse("");
            return new Read<>(null, message);
        }
    }

    /** The columns Delta adds to a change feed's rows. */
    public static final List<String> FEED_COLUMNS = List.of("_change_type", "_commit_version", "_commit_timestamp");

    /**
     * The rows of a feed that differ in {@code columns} between its first version and its last, with their sign in {@code net}:
     * positive for a row as it is now, negative for one that is gone. A partition rewritten with the same rows feeds every row
     * out and in again, and a value changed and changed back cancels out: neither is a change.
     */
    public static Dataset<Row> net(Dataset<Row> changes, List<String> columns) {
        Column sign = when(col("_change_type").isin("insert", "update_postimage"), 1).otherwise(-1);
        return changes.groupBy(columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new)).agg(functions.sum(sign).as("net"))
                .where(col("net").notEqual(0));
    }

    /** As {@link #net(Dataset, List)} over every column of the table. */
    public static Dataset<Row> net(Dataset<Row> changes) {
        return net(changes, Arrays.stream(changes.columns()).filter(c -> !FEED_COLUMNS.contains(c)).toList());
    }

    /**
     * The exception in the chain that says the feed cannot be read, or null: Delta's own errors (a condition starting with
     * {@code DELTA_}, such as {@code DELTA_MISSING_CHANGE_DATA}) and files gone. A column the caller names wrongly is Spark's
     * {@code UNRESOLVED_COLUMN}: a bug, thrown.
     */
    private static Throwable unreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileNotFoundException
                    || t instanceof SparkThrowable st && st.getCondition() != null && st.getCondition().startsWith("DELTA_")) {
                return t;
            }
        }
        return null;
    }
}
