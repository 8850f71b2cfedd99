package dev.furlong.lake;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.testing.SparkTestSession;
import java.nio.file.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed that cannot be read is an answer; a mistake in the reader is not. */
class ChangeFeedTest {

    @Test
    void readsTheChangesOfAVersionRange(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = twoVersions(dir, true);
        ChangeFeed.Read<Long> read = ChangeFeed.read(spark, path, 1, 1, changes -> changes.where(col("_change_type").equalTo("insert")).count());
        assertTrue(read.readable());
        assertEquals(2L, read.value(), "version 1 inserted 3 and 4");
    }

    @Test
    void aTableWrittenWithoutTheFeedIsUnreadableWithDeltasReason(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = twoVersions(dir, false);
        ChangeFeed.Read<Long> read = ChangeFeed.read(spark, path, 1, 1, changes -> changes.count());
        assertFalse(read.readable());
        assertTrue(read.unreadable().contains("change data"), read.unreadable());
    }

    @Test
    void aColumnTheReaderGetsWrongIsThrownNotTakenForAnUnreadableFeed(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = twoVersions(dir, true);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ChangeFeed.read(spark, path, 1, 1, changes -> changes.select("no_such_column").count()));
        assertTrue(e.getCause() instanceof AnalysisException a && a.getMessage().contains("no_such_column"), e.toString());
    }

    /** A table of ids: 0-2 at version 0, 3 and 4 appended at version 1; its change feed on or off. */
    private static String twoVersions(Path dir, boolean feed) {
        String path = dir.resolve("t").toString();
        SparkTestSession.get().range(3).write().format("delta").option("delta.enableChangeDataFeed", String.valueOf(feed)).save(path);
        SparkTestSession.get().range(3, 5).write().format("delta").mode("append").save(path);
        return path;
    }
}
