package dev.furlong.lake;

import java.io.FileNotFoundException;
import java.util.function.Function;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
