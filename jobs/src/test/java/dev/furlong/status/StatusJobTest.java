package dev.furlong.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.Lake;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code furlong status} where nothing has happened yet: an empty lake, and a database that was never published to. */
class StatusJobTest {

    @Test
    void anEmptyLakeAndADatabaseNeverPublishedToAreSaidPlainly(@TempDir Path dir) throws Exception {
        Lake lake = TempLake.create(dir);
        try (Connection c = TestPostgres.target("status_empty").connect()) {
            Status status = new StatusJob(SparkTestSession.get(), lake, LocalDate.of(2026, 11, 28)).collect(c, "test", "status_empty", null);
            assertEquals("the lake at " + lake.root() + " holds no answers yet (./furlong backfill, or ./furlong demo)", status.lakeEmpty());
            assertEquals("nothing published yet: schema status_empty has no Furlong tables (./furlong publish)", status.databaseProblem());
            assertEquals(18, status.tables().size(), "every published table, each with nothing in it");
            assertTrue(status.tables().stream().allMatch(t -> t.lakeRows() == null && t.pgRows() == null && t.publishedVersion() == null));
            assertEquals(List.of(), status.years());
            assertEquals(List.of(), status.runs());
            assertEquals(new Status.Backlog(Map.of(), 0), status.backlog());
            assertEquals(List.of(), status.apiToday());
            String text = status.render();
            assertTrue(text.contains("holds no answers yet") && text.contains("nothing published yet") && text.contains("none recorded yet")
                    && text.contains("API today (Europe/London): no calls"), text);
        }
    }
}
