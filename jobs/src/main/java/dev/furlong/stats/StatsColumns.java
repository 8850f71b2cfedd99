package dev.furlong.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/** A statistics table's columns in their published order: the key, the run metrics, the table's own, calculated_at. */
final class StatsColumns {

    private final List<Column> columns = new ArrayList<>();

    private StatsColumns() {
    }

    static StatsColumns of(Column... key) {
        StatsColumns s = new StatsColumns();
        s.columns.addAll(List.of(key));
        return s;
    }

    StatsColumns metrics() {
        RunMetrics.COLUMNS.forEach(c -> columns.add(col(c)));
        return this;
    }

    StatsColumns then(Column... more) {
        columns.addAll(List.of(more));
        return this;
    }

    Column[] calculatedAt(Timestamp at) {
        columns.add(lit(at).as("calculated_at"));
        return columns.toArray(Column[]::new);
    }
}
