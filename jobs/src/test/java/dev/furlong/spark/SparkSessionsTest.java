package dev.furlong.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session a run works in compiles each piece of generated code once, however often the run repeats the same work. */
class SparkSessionsTest {

    private static final StructType RACES = new StructType().add("id", DataTypes.StringType).add("month", DataTypes.DateType)
            .add("going", DataTypes.StringType);
    private static final LocalDate NOV = LocalDate.of(2026, 11, 1);

    /** Classes Spark compiled while {@code work} ran. */
    private static long compilationsOf(Runnable work) {
        long before = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
        work.run();
        return CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - before;
    }

    @Test
    void aSecondUpsertOfTheSameShapeCompilesNoCode(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("races").toString();
        DeltaTables.upsert(spark, path, spark.createDataFrame(List.of(RowFactory.create("rac_1", NOV, "Good")), RACES),
                List.of("id"), List.of(), "month");
        List<String> goings = List.of("Soft", "Heavy", "Firm");
        long[] compiled = new long[goings.size()];
        for (int i = 0; i < goings.size(); i++) {
            Dataset<Row> change = spark.createDataFrame(List.of(RowFactory.create("rac_1", NOV, goings.get(i))), RACES);
            compiled[i] = compilationsOf(() -> assertEquals(new DeltaTables.Upserted(1, 0, 1),
                    DeltaTables.upsert(spark, path, change, List.of("id"), List.of(), "month")));
        }
        assertTrue(compiled[0] > 0, "the first update compiles its code");
        // Were Delta's writes to run their tasks in a class loader of their own, every upsert would compile (and the JVM
        // optimise) the same code again.
        assertEquals(0, compiled[1]);
        assertEquals(0, compiled[2]);
    }
}
