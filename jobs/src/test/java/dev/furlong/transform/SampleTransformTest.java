package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.Lake;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every captured answer that holds races, loaded as bronze and transformed with no fetch: each race, runner and field comes
 * out as a person reading the JSON would expect. The French race on the card is outside GB and Ireland until the regions
 * include France.
 */
class SampleTransformTest {

    private static final Instant FETCHED = Instant.parse("2025-10-14T08:00:00Z");
    private static final LocalDate OCT_13 = LocalDate.of(2025, 10, 13);
    private static final LocalDate OCT_14 = LocalDate.of(2025, 10, 14);

    @TempDir
    static Path dir;
    static Lake lake;
    static TransformReport gbIre;
    static TransformReport withFrance;

    @BeforeAll
    static void transformEverySample() throws Exception {
        lake = TempLake.create(dir);
        Fixtures.bronze(
                Fixtures.answer("results", "/v1/results?date=2025-10-13", OCT_13, sample("results-2025-10-13-first2"), FETCHED),
                Fixtures.answer("results", "/v1/results?date=2025-10-13&region=gb", OCT_13, sample("results-2025-10-13-gb-first2"), FETCHED),
                Fixtures.answer("results", "/v1/results?date=2025-10-13&limit=10", OCT_13, sample("results-2025-10-13-limit10-first2"), FETCHED),
                Fixtures.answer("results", "/v1/jockeys/jky_41100/results", OCT_14, sample("jockey-results-jky_41100-limit10"), FETCHED),
                Fixtures.answer("results", "/v1/horses/hrs_6181308/results", OCT_14, sample("horse-results-hrs_6181308"), FETCHED),
                Fixtures.answer("racecards_pro", "/v1/racecards/pro?date=2025-10-14", OCT_14, sample("racecards-pro-2025-10-14-first2"), FETCHED),
                Fixtures.answer("horse_pro", "/v1/horses/hrs_6181308/pro", OCT_14, sample("horse-pro-hrs_6181308"), FETCHED),
                Fixtures.answer("courses", "/v1/courses", OCT_14, sample("courses-all-first2"), FETCHED),
                Fixtures.answer("regions", "/v1/courses/regions", OCT_14, sample("regions-first2"), FETCHED))
                .write().format("delta").partitionBy("partition_date").save(lake.apiResponses());
        SparkSession spark = SparkTestSession.get();
        gbIre = new TransformJob(spark, lake, List.of("gb", "ire"), "run-1").run();
        withFrance = new TransformJob(spark, lake, List.of("gb", "ire", "fr"), "run-2", OCT_14, OCT_14).run();
    }

    private static String sample(String name) {
        return Fixtures.resource("samples/" + name + ".json");
    }

    private static Dataset<Row> silver(String table) {
        return SparkTestSession.get().read().format("delta").load(lake.silver(table));
    }

    private static Row one(String table, String condition) {
        List<Row> rows = silver(table).where(condition).collectAsList();
        assertEquals(1, rows.size(), table + " where " + condition);
        return rows.get(0);
    }

    private static TableCounts counts(TransformReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    @Test
    void everyRaceAndRunnerLandsAndTheFrenchRaceWaitsForItsRegion() {
        assertTrue(gbIre.invariantHolds(), gbIre.render());
        // 2 races of 13 October (three answers hold them), 10 from the jockey's results, 1 from the horse's, 2 on the card.
        assertEquals(new TableCounts("races", 14, 14, 0, 0, 0, 1), counts(gbIre, "races"));
        // 19 + 82 + 12 result runners and the 10 of Leicester's card; the 8 declared at Chantilly are outside GB and Ireland.
        assertEquals(new TableCounts("runners", 123, 123, 0, 0, 0, 8), counts(gbIre, "runners"));
        assertTrue(gbIre.invariantDetail().endsWith("0 records quarantined in all (0 of them single fields of rows in silver)"),
                "every value of the captured answers reads: " + gbIre.invariantDetail());
        assertEquals(13, counts(gbIre, "race_results").rowsIn());

        assertTrue(withFrance.invariantHolds(), withFrance.render());
        assertEquals(new TableCounts("races", 13, 1, 0, 0, 0, 0), counts(withFrance, "races"));
        assertEquals(15, silver("races").count());
        assertEquals(131, silver("runners").count());
        assertEquals(0, silver("runners").where("is_non_runner").count());
    }

    @Test
    void aResultRaceReadsAsItsJson() {
        Row r = one("races", "race_id = 'rac_10097737'");
        assertEquals(LocalDate.of(2021, 2, 28), r.getAs("race_date"));
        assertEquals("Fontwell", r.getAs("course_name"));
        assertEquals(Instant.parse("2021-02-28T15:40:00Z"), r.getAs("off_time"));
        assertEquals("3:40", r.getAs("off_time_local"));
        assertEquals("hurdle", r.getAs("race_type"));
        assertEquals(4, (int) r.getAs("race_class"));
        assertEquals(false, r.getAs("is_handicap"));
        assertEquals(4229, (int) r.getAs("distance_yards"));
        assertEquals(19.22, (double) r.getAs("distance_furlongs"), 1e-9);
        assertEquals(3867, (int) r.getAs("distance_metres"));
        assertEquals("2m3f", r.getAs("distance_display"));
        assertEquals("10 hurdles", r.getAs("jumps"));
        assertEquals(297.96, (double) r.getAs("winning_time_seconds"), 1e-9);
        assertEquals(true, r.getAs("has_result"));
        assertEquals(false, r.getAs("has_racecard"));

        Row result = one("race_results", "race_id = 'rac_10097737'");
        assertEquals("hrs_20515103", result.getAs("winner_horse_id"));
        assertEquals(2.0, (double) result.getAs("winner_sp_decimal"));
        assertEquals(12, (int) result.getAs("starters"));
        assertEquals(10, (int) result.getAs("finishers"));
        assertEquals("£1.90", result.getAs("tote_win"));
        assertEquals("£1.10 £1.80 £1.20", result.getAs("tote_place"));
        assertNull(result.getAs("tote_tricast"));
        assertEquals(FETCHED, result.getAs("settled_at"));

        Row winner = one("runners", "horse_id = 'hrs_20515103'");
        assertEquals("Fantastikas", winner.getAs("horse_name"));
        assertEquals("FR", winner.getAs("horse_region"));
        assertEquals("Evens", winner.getAs("sp_fractional"));
        assertEquals(2.0, (double) winner.getAs("sp_decimal"));
        assertEquals(true, winner.getAs("is_favourite"));
        assertEquals(157, (int) winner.getAs("weight_lbs"));
        assertEquals("11-3", winner.getAs("weight_st_lbs"));
        assertEquals(297.96, (double) winner.getAs("finishing_time_seconds"), 1e-9);
        assertEquals(128, (int) winner.getAs("official_rating"));
        assertEquals(123, (int) winner.getAs("race_rpr"));
        assertEquals(96, (int) winner.getAs("race_topspeed"));
        assertEquals(new BigDecimal("3768.84"), winner.getAs("prize_won"));

        Row pulledUp = one("runners", "horse_id = 'hrs_9818732'");
        assertEquals("PU", pulledUp.getAs("position_code"));
        assertNull(pulledUp.getAs("position"));
        assertEquals(251.0, (double) pulledUp.getAs("sp_decimal"));
        assertNull(pulledUp.getAs("beaten_lengths"));
        assertNull(pulledUp.getAs("finishing_time_seconds"));
        assertNull(pulledUp.getAs("official_rating"));
        assertEquals(5, (int) pulledUp.getAs("jockey_claim_lbs"));
    }

    @Test
    void aRacecardReadsAsItsJson() {
        Row r = one("races", "race_id = 'rac_11743160'");
        assertEquals("Leicester", r.getAs("course_name"));
        assertEquals("GB", r.getAs("region"));
        assertEquals(Instant.parse("2025-10-14T12:44:00Z"), r.getAs("off_time"));
        assertEquals(6, (int) r.getAs("race_class"));
        assertEquals(true, r.getAs("is_handicap"));
        assertEquals(1813, (int) r.getAs("distance_yards"), "1m53y");
        assertEquals(1658, (int) r.getAs("distance_metres"));
        assertEquals("1m53y", r.getAs("distance_display"));
        assertEquals("£3,140", r.getAs("prize_text"));
        assertEquals(new BigDecimal("3140.00"), r.getAs("prize_amount"));
        assertEquals("GBP", r.getAs("prize_currency"));
        assertEquals(10, (int) r.getAs("field_size"));
        assertEquals(false, r.getAs("is_big_race"));
        assertEquals("Mr Nippy", r.getAs("tip"));
        assertEquals("0-60", r.getAs("rating_band"));
        assertEquals(true, r.getAs("has_racecard"));
        assertEquals(false, r.getAs("has_result"));
        assertNull(r.getAs("winning_time_text"));

        Row raj = one("runners", "horse_id = 'hrs_51491517'");
        assertEquals("Raging Raj", raj.getAs("horse_name"));
        assertEquals("IRE", raj.getAs("horse_region"));
        assertEquals("G", raj.getAs("sex_code"));
        assertEquals(LocalDate.of(2023, 4, 22), raj.getAs("dob"));
        assertEquals("ch", raj.getAs("colour"));
        assertEquals(133, (int) raj.getAs("weight_lbs"));
        assertEquals(60, (int) raj.getAs("official_rating"));
        assertEquals(63, (int) raj.getAs("pre_race_rpr"));
        assertEquals(38, (int) raj.getAs("pre_race_topspeed"));
        assertNull(raj.getAs("race_rpr"), "pre-race and in-race ratings are kept apart");
        assertEquals(95, (int) raj.getAs("last_run_days"));
        assertEquals("490", raj.getAs("form"));
        assertEquals(20, (int) raj.getAs("trainer_rtf"));
        assertEquals("Dalham, Suffolk", raj.getAs("trainer_location"));
        assertEquals("Never dangerous in useful maiden when last seen; may improve at this level", raj.getAs("pre_race_comment"));
        assertTrue(((String) raj.getAs("racecard_extras")).startsWith("{\"prev_trainers\":[],\"prev_owners\":[],\"trainer_14_days\":{\"runs\":\"11\""));
        assertTrue(((String) raj.getAs("racecard_extras")).contains("\"bookmaker\":\"Bet365\""));
        assertEquals("[]", raj.getAs("past_results_flags"));

        Row claimer = one("runners", "horse_id = 'hrs_55764415'");
        assertEquals("Tommie Jakes", claimer.getAs("jockey_name"));
        assertEquals(5, (int) claimer.getAs("jockey_claim_lbs"));

        Row french = one("races", "race_id = 'rac_11775764'");
        assertEquals("FR", french.getAs("region"));
        assertNull(french.getAs("race_class"));
        assertEquals(new BigDecimal("12851.00"), french.getAs("prize_amount"));
        assertEquals(1760, (int) french.getAs("distance_yards"));
    }

    @Test
    void entitiesAndPedigreeComeFromBothSourcesAndHorseDetails() {
        Row flaggan = one("mst_horses", "id = 'hrs_6181308'");
        assertEquals("Flaggan", flaggan.getAs("name"));
        assertEquals("IRE", flaggan.getAs("region"));
        assertEquals("G", flaggan.getAs("sex_code"));
        assertEquals("gelding", flaggan.getAs("sex"));
        assertEquals(LocalDate.of(2011, 6, 19), flaggan.getAs("dob"));
        assertEquals("B", flaggan.getAs("colour_code"));
        assertEquals("Liam Delahunty & Dick O'Hara", flaggan.getAs("breeder"));
        assertEquals(FETCHED, flaggan.getAs("enriched_at"));
        Row pedigree = one("horse_pedigree", "horse_id = 'hrs_6181308'");
        assertEquals(List.of("sir_3188248", "Stowaway", "GB", "dam_3194996", "Zapata I", "IRE", "dsi_2117444", "Thatching", "GB"),
                List.of(pedigree.getAs("sire_id"), pedigree.getAs("sire_name"), pedigree.getAs("sire_region"), pedigree.getAs("dam_id"),
                        pedigree.getAs("dam_name"), pedigree.getAs("dam_region"), pedigree.getAs("damsire_id"),
                        pedigree.getAs("damsire_name"), pedigree.getAs("damsire_region")));

        Row raj = one("mst_horses", "id = 'hrs_51491517'");
        assertEquals("Newstead Breeding", raj.getAs("breeder"));
        assertEquals("sir_14220528", raj.getAs("sire_id"));
        assertEquals(LocalDate.of(2025, 10, 14), raj.getAs("first_seen_date"));
        Row sire = one("mst_sires", "id = 'sir_14220528'");
        assertEquals("Raging Bull", sire.getAs("name"));
        assertEquals("FR", sire.getAs("region"));

        Row jockey = one("mst_jockeys", "id = 'jky_41100'");
        assertEquals(LocalDate.of(2025, 7, 9), jockey.getAs("first_seen_date"));
        assertEquals(LocalDate.of(2025, 10, 12), jockey.getAs("last_seen_date"));
        assertEquals("Tommie Jakes", one("mst_jockeys", "id = (select jockey_id from delta.`" + lake.silver("runners")
                + "` where horse_id = 'hrs_55764415')").getAs("name"));
        assertEquals("Dalham, Suffolk", one("mst_trainers", "id = 'trn_160659'").getAs("location"));

        assertEquals(2, silver("mst_courses").count());
        assertEquals("ARG", one("mst_courses", "id = 'crs_13780'").getAs("region_code"));
        assertEquals("Spain", one("mst_regions", "code = 'SPA'").getAs("name"));

        // 19 maintained bookmakers, and the 28 names in the card's odds: 12 of them known, 16 new.
        Row boyle = one("mst_bookmakers", "code = 'boylesports'");
        assertTrue(boyle.getList(boyle.fieldIndex("api_names")).contains("Boyle Sports"));
        assertEquals("10 Bet", one("mst_bookmakers", "code = '10_bet'").getAs("name"));
        assertEquals(35, silver("mst_bookmakers").count());
    }
}
