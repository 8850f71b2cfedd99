package dev.furlong.testing;

import dev.furlong.ingest.BronzeWriter;
import dev.furlong.lake.BronzeSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Test data: captured API answers as bronze rows. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bronze {@code api_responses} row for a results page. */
    public static Row bronzeResults(String requestKey, LocalDate date, String body, Instant fetchedAt) {
        return answer("results", requestKey, date, body, fetchedAt);
    }

    /** A bronze {@code api_responses} row (HTTP 200) for any endpoint: results, racecards_pro, horse_pro, courses, regions. */
    public static Row answer(String endpoint, String requestKey, LocalDate date, String body, Instant fetchedAt) {
        return RowFactory.create(endpoint, requestKey, Date.valueOf(date), 200, body, BronzeWriter.sha256(body), fetchedAt, "test");
    }

    public static Dataset<Row> bronze(Row... rows) {
        return SparkTestSession.get().createDataFrame(new ArrayList<>(List.of(rows)), BronzeSchemas.API_RESPONSES);
    }
}
