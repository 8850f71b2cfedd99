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
        String path = dir.resolve("t").toString();
        spark.range(3).write().format("delta").option("delta.enableChangeDataFeed", "true").save(path);
        spark.range(3, 5).write().format("delta").mode("append").save(path);
        ChangeFeed.Read<Long> read = ChangeFeed.read(spark, path, 1, 1, changes -> changes.where(col("_change_type").equalTo("insert")).count());
        assertTrue(read.readable());
        assertEquals(2L, read.value(), "version 1 inserted 3 and 4");
    }

    @Test
    void aTableWrittenWithoutTheFeedIsUnreadableWithDeltasReason(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("t").toString();
        spark.range(3).write().format("delta").option("delta.enableChangeDataFeed", "false").save(path);
        spark.range(3, 5).write().format("delta").mode("append").save(path);
        ChangeFeed.Read<Long> read = ChangeFeed.read(spark, path, 1, 1, changes -> changes.count());
        assertFalse(read.readable());
        assertTrue(read.unreadable().contains("change data"), read.unreadable());
    }

    @Test
    void aColumnTheReaderGetsWrongIsThrownNotTakenForAnUnreadableFeed(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("t").toString();
        spark.range(3).write().format("delta").option("delta.enableChangeDataFeed", "true").save(path);
        spark.range(3, 5).write().format("delta").mode("append").save(path);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ChangeFeed.read(spark, path, 1, 1, changes -> changes.select("no_such_column").count()));
        assertTrue(e.getCause() instanceof AnalysisException a && a.getMessage().contains("no_such_column"), e.toString());
    }
}
