package dev.furlong.testing;

import dev.furlong.api.RequestLimits;
import dev.furlong.lake.Lake;
import dev.furlong.sandbox.SandboxArchive;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** The sandbox's answers of a date range, written straight into bronze as the fetcher would have landed them. */
public final class SandboxBronze {

    private SandboxBronze() {
    }

    /** Each day's results (fetched the next morning) and, from 2023-01-23, its racecards (fetched the morning before). */
    public static void land(Lake lake, SandboxArchive archive, LocalDate from, LocalDate to) {
        List<Row> month = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            var fetched = d.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC);
            month.add(Fixtures.answer("results", "/v1/results?end_date=" + d + "&start_date=" + d, d, archive.results(d), fetched));
            if (!d.isBefore(RequestLimits.RACECARDS_PRO_START)) {
                month.add(Fixtures.answer("racecards_pro", "/v1/racecards/pro?date=" + d, d, archive.racecards(d),
                        fetched.minusSeconds(86_400)));
            }
            // A month per append: a day's answers are large, and a batch goes whole into Spark's tasks.
            if (d.equals(to) || d.plusDays(1).getDayOfMonth() == 1) {
                Fixtures.bronze(month.toArray(Row[]::new)).write().format("delta").mode("append")
                        .partitionBy("partition_date").save(lake.apiResponses());
                month.clear();
            }
        }
    }
}
