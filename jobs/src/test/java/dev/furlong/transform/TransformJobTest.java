package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.testing.Acceptance;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One race described by its card and its result, arriving in either order and then corrected; and a day with three broken
 * runners. The final rows do not depend on the order, bad runners are quarantined alone, and a run with nothing new changes
 * nothing.
 */
@Acceptance
class TransformJobTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final LocalDate NEXT_DAY = LocalDate.of(2026, 11, 21);
    static final Instant CARD_AT = Instant.parse("2026-11-20T08:00:00Z");
    static final Instant RESULT_AT = Instant.parse("2026-11-20T20:00:00Z");
    static final Instant CORRECTED_AT = Instant.parse("2026-11-22T06:00:00Z");
    static final List<String> REGIONS = List.of("gb", "ire");
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    /** Three declared; Beta's rider changes after the card is printed, and Gamma (out of Beta: dam_2 is hrs_2) is withdrawn. */
    static final String CARD = """
            {"racecards":[{"race_id":"rac_1","course":"Ascot","course_id":"crs_1","date":"2026-11-20","off_time":"1:30",
             "off_dt":"2026-11-20T13:30:00+00:00","race_name":"Test Handicap","distance":"2m6f31y","region":"GB",
             "race_class":"Class 3","type":"Chase","prize":"£12,851","field_size":"3","going":"Soft","going_detailed":"Soft (Heavy in places)",
             "is_abandoned":false,"big_race":false,"runners":[
              {"horse_id":"hrs_1","horse":"Alpha","region":"IRE","sex":"gelding","sex_code":"G","dob":"2019-04-01","colour":"b",
               "number":"1","draw":"","lbs":"160","ofr":"130","rpr":"135","ts":"120","jockey":"Ann Rider(3)","jockey_id":"jky_1",
               "trainer":"T One","trainer_id":"trn_1","trainer_location":"Lambourn","owner":"O One","owner_id":"own_1",
               "sire":"Sire A","sire_id":"sir_11","sire_region":"GB","dam":"Dam A","dam_id":"dam_12","dam_region":"IRE",
               "damsire":"Damsire A","damsire_id":"dsi_13","damsire_region":"FR","breeder":"B One","form":"1-21","last_run":"30",
               "odds":[{"bookmaker":"Bet365","fractional":"2/1","decimal":"3.0"}]},
              {"horse_id":"hrs_2","horse":"Beta","region":"GB","sex":"mare","sex_code":"M","number":"2","lbs":"150","ofr":"120",
               "rpr":"-","ts":"-","jockey":"Bob Rider","jockey_id":"jky_2","trainer":"T Two","trainer_id":"trn_2","owner":"O Two",
               "owner_id":"own_2","sire_id":"sir_21","dam_id":"dam_22","damsire_id":"dsi_23"},
              {"horse_id":"hrs_3","horse":"Gamma","region":"FR","sex":"colt","number":"3","lbs":"140","jockey":"Cy Rider",
               "jockey_id":"jky_3","trainer":"T One","trainer_id":"trn_1","owner":"O One","owner_id":"own_1",
               "dam":"Beta","dam_id":"dam_2","dam_region":"GB"}]}],
             "total":1,"limit":500,"skip":0}""";

    static final String RESULT = """
            {"results":[{"race_id":"rac_1","date":"2026-11-20","region":"GB","course":"Ascot","course_id":"crs_1","off":"1:30",
             "off_dt":"2026-11-20T13:30:00+00:00","race_name":"Test Handicap","type":"Chase","class":"Class 3","dist":"2m6f31y",
             "dist_y":"4871","going":"Heavy","winning_time_detail":"5m 1.46s (slow by 20.10s)","non_runners":"Gamma (lame)",
             "tote_win":"£3.00","runners":[
              {"horse_id":"hrs_1","horse":"Alpha (IRE)","sp":"EvensF","sp_dec":"","number":"1","position":"1","btn":"0",
               "age":"7","sex":"G","weight":"11-6","weight_lbs":"160","time":"5:1.46","or":"130","rpr":"–","tsr":"–",
               "prize":"8105.00","jockey":"Ann Rider","jockey_claim_lbs":"3","jockey_id":"jky_1","trainer":"T One",
               "trainer_id":"trn_1","owner":"O One","owner_id":"own_1","sire":"Sire A (GB)","sire_id":"sir_11","dam":"Dam A (IRE)",
               "dam_id":"dam_12","damsire":"Damsire A (FR)","damsire_id":"dsi_13","comment":"Led - won easily"},
              {"horse_id":"hrs_2","horse":"Beta (GB)","sp":"11/8","number":"2","position":"PU","btn":"-","age":"6","sex":"M",
               "weight":"10-10","weight_lbs":"150","time":"-","or":"120","prize":"","jockey":"Dee Rider","jockey_claim_lbs":"0",
               "jockey_id":"jky_4","trainer":"T Two","trainer_id":"trn_2","owner":"O Two","owner_id":"own_2","sire":"Sire B (GB)",
               "sire_id":"sir_21","dam":"Dam B (GB)","dam_id":"dam_22","damsire":"Damsire B","damsire_id":"dsi_23"}]}],
             "total":1,"limit":50,"skip":0}""";

    /** The next morning's answer: ratings are in. */
    static final String CORRECTED = RESULT.replace("\"rpr\":\"–\",\"tsr\":\"–\"", "\"rpr\":\"141\",\"tsr\":\"118\"");

    /** A day with one good runner and three that cannot be read. */
    static final String BROKEN_DAY = """
            {"results":[{"race_id":"rac_2","date":"2026-11-21","region":"GB","course_id":"crs_1","race_name":"Broken Stakes",
             "runners":[
              {"horse_id":"hrs_5","horse":"Good (GB)","position":"1","age":"4","jockey_id":"jky_1","jockey":"Ann Rider"},
              {"horse_id":"hrs_6","horse":"Typo (GB)","position":"2","age":{"years":5}},
              {"horse_id":"","horse":"Nameless (GB)","position":"3"},
              {"horse_id":"hrs_8","horse":"Odd (GB)","position":"ZZ"}]}],
             "total":1,"limit":50,"skip":0}""";

    private static void land(Lake lake, String endpoint, LocalDate date, String body, Instant at) {
        String key = endpoint.equals("results") ? "/v1/results?end_date=" + date + "&start_date=" + date
                : "/v1/racecards/pro?date=" + date;
        DeltaTables.upsert(SparkTestSession.get(), lake.apiResponses(), Fixtures.bronze(Fixtures.answer(endpoint, key, date, body, at)),
                List.of("endpoint", "request_key"), List.of());
    }

    /**
     * Transforms what is new. A run this small lowers the session's shuffle partitions (set to 3 here) for itself, and must hand
     * the session back as it found it.
     */
    private static TransformReport transform(Lake lake) {
        SparkSession spark = SparkTestSession.get();
        String configured = spark.conf().get(SHUFFLE_PARTITIONS);
        spark.conf().set(SHUFFLE_PARTITIONS, "3");
        try {
            TransformReport report = new TransformJob(spark, lake, REGIONS, "test").run();
            assertTrue(report.invariantHolds(), report.render());
            assertEquals("3", spark.conf().get(SHUFFLE_PARTITIONS));
            return report;
        } finally {
            spark.conf().set(SHUFFLE_PARTITIONS, configured);
        }
    }

    /** A table's rows without the bookkeeping columns: when the row changed, and the fetch time of its latest observation. */
    private static Set<String> content(Lake lake, String table) {
        Dataset<Row> rows = SparkTestSession.get().read().format("delta").load(lake.silver(table)).drop("updated_at", "source_fetched_at",
                Entities.ATTRIBUTE_FETCHED_AT);
        return rows.collectAsList().stream().map(Row::toString).collect(Collectors.toSet());
    }

    private static Row runner(Lake lake, String horseId) {
        return SparkTestSession.get().read().format("delta").load(lake.silver("runners")).where("horse_id = '" + horseId + "'").first();
    }

    private static TableCounts counts(TransformReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    @Test
    void cardAndResultGiveTheSameRowsInEitherOrderAndCorrectionsWin(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lake cardFirst = TempLake.create(dir.resolve("a"));
        Lake resultFirst = TempLake.create(dir.resolve("b"));

        land(cardFirst, "racecards_pro", DAY, CARD, CARD_AT);
        transform(cardFirst);
        land(cardFirst, "results", DAY, RESULT, RESULT_AT);
        land(cardFirst, "results", NEXT_DAY, BROKEN_DAY, RESULT_AT);
        TransformReport second = transform(cardFirst);

        land(resultFirst, "results", DAY, RESULT, RESULT_AT);
        land(resultFirst, "results", NEXT_DAY, BROKEN_DAY, RESULT_AT);
        transform(resultFirst);
        land(resultFirst, "racecards_pro", DAY, CARD, CARD_AT);
        transform(resultFirst);

        for (String table : List.of("races", "runners", "race_results", "mst_jockeys", "mst_horses", "horse_pedigree", "mst_sires", "mst_dams",
                "mst_bookmakers")) {
            assertEquals(content(cardFirst, table).size(), content(resultFirst, table).size(), table);
            assertEquals(content(cardFirst, table), content(resultFirst, table), table);
        }

        Row alpha = runner(cardFirst, "hrs_1");
        assertEquals("Alpha", alpha.getAs("horse_name"));
        assertEquals("IRE", alpha.getAs("horse_region"));
        assertEquals(3, (int) alpha.getAs("jockey_claim_lbs"));
        assertEquals(135, (int) alpha.getAs("pre_race_rpr"), "the card's rating going in");
        assertNull(alpha.getAs("race_rpr"), "not earned yet: the result says –");
        assertEquals(2.0, (double) alpha.getAs("sp_decimal"));
        assertEquals(301.46, (double) alpha.getAs("finishing_time_seconds"), 1e-9);
        assertEquals("1-21", alpha.getAs("form"));
        assertEquals(false, alpha.getAs("is_non_runner"));
        Row beta = runner(cardFirst, "hrs_2");
        assertEquals("jky_4", beta.getAs("jockey_id"), "the result says who rode");
        assertEquals("Dee Rider", beta.getAs("jockey_name"));
        assertEquals("PU", beta.getAs("position_code"));
        assertEquals(true, runner(cardFirst, "hrs_3").getAs("is_non_runner"), "declared, absent from the result");
        Row dam = spark.read().format("delta").load(cardFirst.silver("mst_dams")).where("id = 'dam_2'").first();
        assertEquals("hrs_2", dam.getAs("horse_id"), "a dam is a horse too: dam_2 is hrs_2");
        assertEquals("Beta", dam.getAs("name"));

        Row race = spark.read().format("delta").load(cardFirst.silver("races")).where("race_id = 'rac_1'").first();
        assertEquals("Heavy", race.getAs("going"), "the result's going wins over the card's");
        assertEquals("Soft (Heavy in places)", race.getAs("going_detailed"));
        assertEquals(4871, (int) race.getAs("distance_yards"));
        assertEquals(true, race.getAs("has_racecard"));
        assertEquals(true, race.getAs("has_result"));
        assertEquals(301.46, (double) race.getAs("winning_time_seconds"), 1e-9);

        // The broken day: the two runners without a key or a readable position are quarantined, each with its reason; the
        // unreadable age costs only the field (set null, quarantined alone), and the good runner lands.
        assertEquals(2, counts(second, "runners").quarantined());
        assertTrue(second.invariantDetail().contains("results: 6 runner records = 4 in silver + 2 quarantined + 0 outside regions"),
                second.invariantDetail());
        assertEquals("Good", runner(cardFirst, "hrs_5").getAs("horse_name"));
        assertNull(runner(cardFirst, "hrs_6").getAs("age"));
        Set<String> reasons = spark.read().format("delta").load(cardFirst.quarantine()).collectAsList().stream()
                .map(r -> r.getAs("entity") + " " + r.getAs("json_path") + " " + r.getAs("reason")).collect(Collectors.toSet());
        assertEquals(Set.of("field $.results[0].runners[1].age age '{\"years\":5}' is not a whole number",
                "runner $.results[0].runners[2] no horse_id",
                "runner $.results[0].runners[3] unknown position code 'ZZ'"), reasons);

        // Nothing new: nothing is read and no silver table moves.
        long racesVersion = DeltaTables.version(spark, cardFirst.silver("races"));
        long runnersVersion = DeltaTables.version(spark, cardFirst.silver("runners"));
        assertTrue(transform(cardFirst).tables().isEmpty());
        assertEquals(racesVersion, DeltaTables.version(spark, cardFirst.silver("races")));

        // The correction touches only its race's rows: one runner updated, the other day's rows untouched.
        Instant goodUpdated = runner(cardFirst, "hrs_5").getAs("updated_at");
        land(cardFirst, "results", DAY, CORRECTED, CORRECTED_AT);
        TransformReport corrected = transform(cardFirst);
        assertEquals(new TableCounts("runners", 3, 0, 1, 0, 0, 0), counts(corrected, "runners"));
        assertEquals(141, (int) runner(cardFirst, "hrs_1").getAs("race_rpr"));
        assertEquals(118, (int) runner(cardFirst, "hrs_1").getAs("race_topspeed"));
        assertEquals(135, (int) runner(cardFirst, "hrs_1").getAs("pre_race_rpr"));
        assertEquals(goodUpdated, runner(cardFirst, "hrs_5").getAs("updated_at"));
        assertEquals(runnersVersion + 1, DeltaTables.version(spark, cardFirst.silver("runners")));
        assertFalse(corrected.tables().stream().anyMatch(t -> t.table().equals("races") && t.inserted() + t.updated() > 0),
                "the race row itself did not change");
    }
}
