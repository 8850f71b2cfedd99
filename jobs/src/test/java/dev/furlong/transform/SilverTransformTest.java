package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transform as a function, on a handful of rows held in memory: no lake, nothing written. One Ascot race, its morning card
 * and its evening result; the result also lists a runner without a horse id, and a French race outside the regions.
 */
class SilverTransformTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    static final String CARD = """
            {"racecards":[{"race_id":"rac_1","course":"Ascot","course_id":"crs_1","date":"2026-11-20","off_time":"1:30",
              "off_dt":"2026-11-20T13:30:00+00:00","race_name":"Autumn Handicap","region":"GB","field_size":"3","runners":[
               {"horse_id":"hrs_1","horse":"Alpha","number":"1","jockey":"Ann Rider","jockey_id":"jky_1",
                "odds":[{"bookmaker":"Bet365","fractional":"3/1","decimal":"4.0"}]},
               {"horse_id":"hrs_2","horse":"Beta","number":"2","jockey":"Bob Rider","jockey_id":"jky_2"},
               {"horse_id":"hrs_3","horse":"Gamma","number":"3","jockey":"Cy Rider","jockey_id":"jky_3"}]}],
             "total":1,"limit":500,"skip":0}""";

    static final String RESULTS = """
            {"results":[{"race_id":"rac_1","date":"2026-11-20","region":"GB","course":"Ascot","course_id":"crs_1",
              "off_dt":"2026-11-20T13:30:00+00:00","race_name":"Autumn Handicap","type":"Flat","dist_y":"1760","runners":[
               {"horse_id":"hrs_2","horse":"Beta (GB)","number":"2","position":"1","sp":"2/1F","jockey":"Bob Rider","jockey_id":"jky_2"},
               {"horse_id":"hrs_1","horse":"Alpha (IRE)","number":"1","position":"2","sp":"3/1","jockey":"Ann Rider","jockey_id":"jky_1"},
               {"horse_id":"hrs_3","horse":"Gamma (GB)","number":"3","position":"PU","sp":"10/1","jockey":"Cy Rider","jockey_id":"jky_3"},
               {"horse":"Nameless (GB)","number":"4","position":"3"}]},
             {"race_id":"rac_9","date":"2026-11-20","region":"FR","course":"Chantilly","course_id":"crs_9","race_name":"Prix",
              "runners":[{"horse_id":"hrs_91","horse":"Un","position":"1"},{"horse_id":"hrs_92","horse":"Deux","position":"2"}]}],
             "total":2,"limit":50,"skip":0}""";

    static SilverTransform silver;

    @BeforeAll
    static void transform() {
        silver = transformOf(
                Fixtures.answer("racecards_pro", "/v1/racecards/pro?date=2026-11-20", DAY, CARD, Instant.parse("2026-11-20T08:00:00Z")),
                Fixtures.answer("results", "/v1/results?date=2026-11-20", DAY, RESULTS, Instant.parse("2026-11-20T20:00:00Z")));
    }

    static SilverTransform transformOf(Row... answers) {
        return new SilverTransform(Fixtures.bronze(answers), Fixtures.bronze(), List.of("GB", "IRE"), Dataset::cache);
    }

    @Test
    void oneRaceFromBothSourcesInItsMonth() {
        List<Row> races = silver.races().collectAsList();
        assertEquals(1, races.size(), "rac_9 is in France");
        Row race = races.get(0);
        assertEquals("rac_1", race.getAs("race_id"));
        assertEquals("Ascot", race.getAs("course_name"));
        assertEquals(1760, (int) race.getAs("distance_yards"), "from the result");
        assertEquals(3, (int) race.getAs("field_size"), "from the card");
        assertEquals(LocalDate.of(2026, 11, 1), race.getAs(SourceMerge.RACE_MONTH));
    }

    @Test
    void runnersMergeTheCardAndTheResult() {
        Map<String, Row> byHorse = new TreeMap<>();
        silver.runners().collectAsList().forEach(r -> byHorse.put(r.getAs("horse_id"), r));
        assertEquals(Set.of("hrs_1", "hrs_2", "hrs_3"), byHorse.keySet());
        assertEquals(2, (int) byHorse.get("hrs_1").getAs("position"));
        assertEquals("Alpha", byHorse.get("hrs_1").getAs("horse_name"), "the later answer's name, without the suffix");
        assertEquals(1, (int) byHorse.get("hrs_2").getAs("position"));
        assertEquals("F", byHorse.get("hrs_2").getAs("favourite_kind"));
        assertNull(byHorse.get("hrs_3").getAs("position"));
        assertEquals("PU", byHorse.get("hrs_3").getAs("position_code"));
        assertFalse(byHorse.get("hrs_2").<Boolean>getAs("placed_ew"), "three starters: no each-way places, not even the winner");
    }

    @Test
    void theRaceResultNamesTheWinner() {
        Row result = silver.raceResults().collectAsList().get(0);
        assertEquals("hrs_2", result.getAs("winner_horse_id"));
        assertFalse(result.<Boolean>getAs("is_dead_heat"));
    }

    @Test
    void everyRunnerRecordIsAccountedFor() {
        RunnerAccounting a = silver.accounting();
        assertEquals(new RunnerAccounting.RunnerRecords(6, 0, 2, 3, 1), a.bySource().get(PageSource.RESULTS),
                "4 at Ascot (3 usable, 1 without a horse id) and 2 in France");
        assertEquals(new RunnerAccounting.RunnerRecords(3, 0, 0, 3, 0), a.bySource().get(PageSource.RACECARDS));
        assertTrue(a.balances());
        assertEquals(1, a.racesOutside());
        assertEquals(List.of("hrs_1", "hrs_2", "hrs_3"),
                silver.usableRunnerKeys().orderBy("horse_id").collectAsList().stream().map(r -> r.<String>getAs("horse_id")).toList());
    }

    @Test
    void theRunnerWithoutAnIdIsQuarantinedWithItsPlace() {
        List<Row> q = silver.quarantine().collectAsList();
        assertEquals(1, q.size());
        assertEquals("results", q.get(0).getAs("source_endpoint"));
        assertEquals("$.results[0].runners[3]", q.get(0).getAs("json_path"));
        assertEquals("no horse_id", q.get(0).getAs("reason"));
        assertTrue(q.get(0).<String>getAs("record").contains("Nameless"));
    }

    @Test
    void bookmakerNamesComeFromTheCardsPrices() {
        assertEquals(List.of(RowFactory.create("Bet365")), silver.bookmakerNames().collectAsList());
    }

    @Test
    void storedRacesOfTheDatesInTheRegionsAreReplacedToo() {
        StructType schema = new StructType().add("race_id", DataTypes.StringType).add(SourceMerge.RACE_MONTH, DataTypes.DateType)
                .add("race_date", DataTypes.DateType).add("region", DataTypes.StringType);
        Date month = Date.valueOf("2026-11-01");
        Dataset<Row> stored = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("rac_0", month, Date.valueOf(DAY), "GB"),                     // gone from today's answers
                RowFactory.create("rac_8", month, Date.valueOf(DAY), "FR"),                     // not a region of this run
                RowFactory.create("rac_7", month, Date.valueOf(DAY.minusDays(1)), "GB")), schema); // another day
        assertEquals(List.of("rac_0", "rac_1"), silver.racesToReplace(Optional.of(stored), Set.of(DAY)).orderBy("race_id")
                .collectAsList().stream().map(r -> r.<String>getAs("race_id")).toList());
        assertEquals(1, silver.racesToReplace(Optional.empty(), Set.of(DAY)).count());
    }

    @Test
    void anEntityKeepsTheLatestAnswerAcrossStoredAndNewRows() {
        String newerCard = CARD.replace("2026-11-20", "2026-11-27").replace("rac_1", "rac_2").replace("Ann Rider", "Ann Ryder");
        SilverTransform later = transformOf(Fixtures.answer("racecards_pro", "/v1/racecards/pro?date=2026-11-27",
                DAY.plusDays(7), newerCard, Instant.parse("2026-11-27T08:00:00Z")));
        Dataset<Row> stored = silver.entities(Entities.JOCKEYS, Optional.empty());

        Map<String, String> names = new TreeMap<>();
        later.entities(Entities.JOCKEYS, Optional.of(stored)).collectAsList()
                .forEach(r -> names.put(r.getAs("id"), r.getAs("name")));
        assertEquals(Map.of("jky_1", "Ann Ryder", "jky_2", "Bob Rider", "jky_3", "Cy Rider"), names);

        // And the other way round: an older answer read later does not undo the newer stored name.
        Map<String, String> again = new TreeMap<>();
        silver.entities(Entities.JOCKEYS, Optional.of(later.entities(Entities.JOCKEYS, Optional.empty()))).collectAsList()
                .forEach(r -> again.put(r.getAs("id"), r.getAs("name")));
        assertEquals("Ann Ryder", again.get("jky_1"));
    }
}
