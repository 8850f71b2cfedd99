package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which answers a run reads: the new and the changed, found from bronze's change feed once a run has been recorded. */
class TransformLogTest {

    private static final Instant AT = Instant.parse("2026-11-21T06:00:00Z");

    private static void land(Lake lake, String key, LocalDate day, String body) {
        DeltaTables.upsert(SparkTestSession.get(), lake.apiResponses(),
                Fixtures.bronze(Fixtures.answer("results", key, day, body, AT)), List.of("endpoint", "request_key"),
                List.of("fetched_at", "run_id"), "partition_date");
    }

    /** A lake with the answers of 20 and 21 November in bronze. */
    private static Lake twoDays(Path dir) throws Exception {
        Lake lake = TempLake.create(dir);
        land(lake, "day1", LocalDate.of(2026, 11, 20), "{\"results\":[],\"total\":0}");
        land(lake, "day2", LocalDate.of(2026, 11, 21), "{\"results\":[],\"total\":0}");
        return lake;
    }

    private static Set<String> keys(TransformLog.Pending p) {
        return p.answers().collectAsList().stream().map(r -> r.<String>getAs("request_key")).collect(Collectors.toSet());
    }

    @Test
    void aRunReadsOnlyWhatIsNewOrChangedSinceTheLastRecordedOne(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = twoDays(dir);
        TransformLog log = new TransformLog(spark, lake);

        TransformLog.Pending first = log.untransformed(lake.apiResponses());
        assertEquals(Set.of("day1", "day2"), keys(first));
        log.record(first.answers(), "run1", first.version());

        TransformLog.Pending idle = log.untransformed(lake.apiResponses());
        assertEquals(Set.of(), keys(idle));
        assertFalse(idle.moved());

        // A corrected day 2 and a new day 3: both, and only them, though day 2's partition was rewritten whole.
        land(lake, "day2", LocalDate.of(2026, 11, 21), "{\"results\":[],\"total\":0,\"limit\":50}");
        land(lake, "day3", LocalDate.of(2026, 11, 22), "{\"results\":[],\"total\":0}");
        TransformLog.Pending next = log.untransformed(lake.apiResponses());
        assertEquals(Set.of("day2", "day3"), keys(next));
        assertTrue(next.moved());
        assertEquals("found in bronze's change feed, versions " + (first.version() + 1) + " to " + next.version(), next.found());
        log.record(next.answers(), "run2", next.version());

        // The same body fetched again writes nothing to bronze, so there is nothing to read.
        land(lake, "day3", LocalDate.of(2026, 11, 22), "{\"results\":[],\"total\":0}");
        assertEquals(Set.of(), keys(log.untransformed(lake.apiResponses())));
    }

    @Test
    void answersWrittenBeforeTheRecordedVersionAreNotLookedAtAgain(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = twoDays(dir);
        TransformLog log = new TransformLog(spark, lake);
        TransformLog.Pending first = log.untransformed(lake.apiResponses());
        // Recording day 1 alone at this version: day 2 is then invisible to the feed (a full comparison would find it).
        log.record(first.answers().where("request_key = 'day1'"), "run1", first.version());
        land(lake, "day3", LocalDate.of(2026, 11, 22), "{\"results\":[],\"total\":0}");
        assertEquals(Set.of("day3"), keys(log.untransformed(lake.apiResponses())));
    }

    @Test
    void withoutARecordedVersionAllOfBronzeIsCompared(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake lake = TempLake.create(dir);
        land(lake, "day1", LocalDate.of(2026, 11, 20), "{\"results\":[],\"total\":0}");
        TransformLog log = new TransformLog(spark, lake);
        TransformLog.Pending first = log.untransformed(lake.apiResponses());
        log.record(first.answers(), "by-dates", null); // a run over chosen dates records no version
        land(lake, "day2", LocalDate.of(2026, 11, 21), "{\"results\":[],\"total\":0}");
        TransformLog.Pending next = log.untransformed(lake.apiResponses());
        assertEquals(Set.of("day2"), keys(next));
        assertEquals("found by comparing all of bronze version " + next.version() + " with the log", next.found());
    }
}
