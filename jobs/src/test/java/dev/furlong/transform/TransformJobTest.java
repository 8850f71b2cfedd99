package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.Lake;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformJobTest {

    @Test
    void transformsBronzeIntoSilverOnceAndThenChangesNothing(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = TempLake.create(dir);
        String badRunner = "{\"results\":[{\"race_id\":\"rac_1\",\"region\":\"GB\",\"date\":\"2025-10-12\",\"runners\":["
                + "{\"horse_id\":\"hrs_1\"},{\"horse_id\":\"\"}]}],\"total\":1,\"limit\":100,\"skip\":0,\"query\":[]}";
        Fixtures.bronze(
                Fixtures.bronzeResults("/v1/results?day=13", LocalDate.of(2025, 10, 13),
                        Fixtures.resource("samples/results-2025-10-13-first2.json"), Instant.parse("2025-10-14T08:00:00Z")),
                Fixtures.bronzeResults("/v1/results?day=12", LocalDate.of(2025, 10, 12), badRunner, Instant.parse("2025-10-14T08:00:00Z")))
                .write().format("delta").save(lake.apiResponses());

        TransformReport first = new TransformJob(spark, lake, java.util.List.of("gb", "ire"), "run-1").run();
        assertTrue(first.invariantHolds(), first.render());
        assertEquals(new TableCounts("races", 3, 3, 0, 0, 0), first.tables().get(0));
        assertEquals(new TableCounts("runners", 20, 20, 0, 1, 0), first.tables().get(1));
        assertEquals(21, first.runnersInBronze());
        assertEquals(1, spark.read().format("delta").load(lake.quarantine()).count());

        TransformReport second = new TransformJob(spark, lake, java.util.List.of("gb", "ire"), "run-2").run();
        assertEquals(new TableCounts("races", 3, 0, 0, 0, 0), second.tables().get(0));
        assertEquals(new TableCounts("runners", 20, 0, 0, 1, 0), second.tables().get(1));
        assertEquals(20, spark.read().format("delta").load(lake.silver("runners")).count());
        assertEquals(1, spark.read().format("delta").load(lake.quarantine()).count());
    }
}
