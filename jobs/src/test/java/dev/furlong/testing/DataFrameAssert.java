package dev.furlong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** DataFrame equality for tests: same schema, and the same rows as multisets (order does not matter). */
public final class DataFrameAssert {

    private DataFrameAssert() {
    }

    public static void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
        assertEquals(expected.schema().simpleString(), actual.schema().simpleString(), "schemas differ");
        List<Row> missing = expected.exceptAll(actual).limit(20).collectAsList();
        List<Row> unexpected = actual.exceptAll(expected).limit(20).collectAsList();
        assertEquals(List.of(), missing, "rows expected but not found");
        assertEquals(List.of(), unexpected, "rows found but not expected");
    }
}
