package dev.furlong.transform;

import static dev.furlong.testing.DataFrameAssert.assertDataFrameEquals;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The captured answer for 2025-10-13 (first two races) read as a person would read it. */
class ResultsFlattenerTest {

    private static final Instant FETCHED = Instant.parse("2025-10-14T08:00:00Z");
    private static final List<String> GB_IRE = List.of("gb", "ire");

    private static Dataset<Row> sampleRaces() {
        return racesOf(Fixtures.bronze(Fixtures.bronzeResults("/v1/results?k=1", LocalDate.of(2025, 10, 13),
                Fixtures.resource("samples/results-2025-10-13-first2.json"), FETCHED)));
    }

    private static Dataset<Row> racesOf(Dataset<Row> bronze) {
        return BronzePages.races(BronzePages.parse(bronze, PageSource.RESULTS), PageSource.RESULTS);
    }

    private static Dataset<Row> inside(Dataset<Row> races, List<String> regions) {
        return races.where(BronzePages.isInRegions(regions));
    }

    private static Dataset<Row> runnerRows(Dataset<Row> races) {
        return ResultsFlattener.runners(BronzePages.runners(inside(races, GB_IRE)));
    }

    private static Row one(Dataset<Row> df, String condition) {
        List<Row> rows = df.where(condition).collectAsList();
        assertEquals(1, rows.size(), condition);
        return rows.get(0);
    }

    @Test
    void racesCarryEveryResultFieldTyped() {
        Dataset<Row> races = ResultsFlattener.races(inside(sampleRaces(), GB_IRE));
        assertEquals(2, races.count());
        Row r = one(races, "race_id = 'rac_11746254'");
        assertEquals(LocalDate.of(2025, 10, 13), r.getAs("race_date"));
        assertEquals("crs_28054", r.getAs("course_id"));
        assertEquals("Kempton (AW)", r.getAs("course_name"));
        assertEquals("GB", r.getAs("region"));
        assertEquals(Instant.parse("2025-10-13T19:10:00Z"), r.getAs("off_time"));
        assertEquals("8:10", r.getAs("off_time_local"));
        assertEquals("flat", r.getAs("race_type"));
        assertEquals(5, (int) r.getAs("race_class"));
        assertEquals(true, r.getAs("is_handicap"));
        assertNull(r.getAs("pattern"));
        assertEquals("0-70", r.getAs("rating_band"));
        assertEquals("3yo+", r.getAs("age_band"));
        assertEquals("F", r.getAs("sex_restriction"));
        assertEquals(2419, (int) r.getAs("distance_yards"));
        assertEquals(11.0, (double) r.getAs("distance_furlongs"), 1e-9);
        assertEquals(2212, (int) r.getAs("distance_metres"));
        assertEquals("1m3f", r.getAs("distance_display"));
        assertEquals("Standard To Slow", r.getAs("going"));
        assertEquals("AW", r.getAs("surface"));
        assertNull(r.getAs("jumps"));
        assertEquals("2m 19.97s (slow by 2.07s)", r.getAs("winning_time_text"));
        assertEquals(139.97, (double) r.getAs("winning_time_seconds"), 1e-9);
        assertEquals("Miss Chester (self certificate, coughing)", r.getAs("non_runners_text"));
        assertNull(r.getAs("result_comments"));
        assertEquals(false, r.getAs("is_abandoned"));
        assertEquals("Kempton (AW)", r.getAs("course_name"), "all-weather is part of the course's name");
    }

    @Test
    void runnersCarryEveryResultFieldTyped() {
        Dataset<Row> runners = runnerRows(sampleRaces());
        assertEquals(0, runners.where("problems is not null").count());
        assertEquals(19, runners.count());

        Row winner = one(runners, "horse_id = 'hrs_42073850'");
        assertEquals("rac_11746254", winner.getAs("race_id"));
        assertEquals("Veraison", winner.getAs("horse_name"));
        assertEquals("IRE", winner.getAs("horse_region"));
        assertEquals(9, (int) winner.getAs("number"));
        assertEquals(2, (int) winner.getAs("draw"));
        assertEquals(3, (int) winner.getAs("age"));
        assertEquals("F", winner.getAs("sex_code"));
        assertEquals("h", winner.getAs("headgear"));
        assertEquals(131, (int) winner.getAs("weight_lbs"));
        assertEquals("9-5", winner.getAs("weight_st_lbs"));
        assertEquals(66, (int) winner.getAs("official_rating"));
        assertEquals("jky_278085", winner.getAs("jockey_id"));
        assertEquals("Hollie Doyle", winner.getAs("jockey_name"));
        assertEquals(0, (int) winner.getAs("jockey_claim_lbs"));
        assertEquals("trn_368685", winner.getAs("trainer_id"));
        assertEquals("Dr Richard Newland & Jamie Insole", winner.getAs("trainer_name"));
        assertEquals("own_587472", winner.getAs("owner_id"));
        assertEquals("sir_15245916", winner.getAs("sire_id"));
        assertEquals("dam_5335260", winner.getAs("dam_id"));
        assertEquals("dsi_3709314", winner.getAs("damsire_id"));
        assertEquals(1, (int) winner.getAs("position"));
        assertEquals("1", winner.getAs("position_code"));
        assertEquals(0.0, (double) winner.getAs("beaten_lengths"));
        assertEquals("17/2", winner.getAs("sp_fractional"));
        assertEquals(9.5, (double) winner.getAs("sp_decimal"));
        assertEquals(false, winner.getAs("is_favourite"));
        assertEquals(139.97, (double) winner.getAs("finishing_time_seconds"), 1e-9);
        assertEquals(new BigDecimal("4187.20"), winner.getAs("prize_won"));
        assertEquals("GBP", winner.getAs("prize_currency"));
        assertNull(winner.getAs("race_rpr"));
        assertNull(winner.getAs("race_topspeed"));
        assertNull(winner.getAs("bsp"));

        Row jointFavourite = one(runners, "horse_id = 'hrs_45378382'");
        assertEquals("7/2", jointFavourite.getAs("sp_fractional"));
        assertEquals(4.5, (double) jointFavourite.getAs("sp_decimal"));
        assertEquals(true, jointFavourite.getAs("is_favourite"));
        assertEquals(0.75, (double) jointFavourite.getAs("beaten_lengths"));

        Row claimer = one(runners, "horse_id = 'hrs_43131683'");
        assertEquals(5, (int) claimer.getAs("jockey_claim_lbs"));
        assertNull(claimer.getAs("prize_won"));
        assertNull(claimer.getAs("prize_currency"));

        Row unplacedFavourite = one(runners, "horse_id = 'hrs_46515329'");
        assertEquals("100/30", unplacedFavourite.getAs("sp_fractional"));
        assertEquals(4.33, (double) unplacedFavourite.getAs("sp_decimal"));
        assertEquals(0.05, (double) unplacedFavourite.getAs("beaten_lengths"));
        assertEquals(12.0, (double) unplacedFavourite.getAs("overall_beaten_lengths"));
    }

    @Test
    void aRunnerWithoutHorseIdIsQuarantinedAndItsRaceKeepsTheOthers() {
        String body = "{\"results\":[{\"race_id\":\"rac_1\",\"date\":\"2025-10-13\",\"region\":\"GB\",\"runners\":["
                + "{\"horse_id\":\"hrs_1\",\"horse\":\"One (GB)\",\"position\":\"1\"},"
                + "{\"horse_id\":\"\",\"horse\":\"Nameless (GB)\",\"position\":\"2\"},"
                + "{\"horse_id\":\"hrs_3\",\"horse\":\"Three (GB)\",\"position\":\"PU\"}]}],"
                + "\"total\":1,\"limit\":100,\"skip\":0,\"query\":[]}";
        Dataset<Row> races = racesOf(Fixtures.bronze(Fixtures.bronzeResults("/v1/results?x", LocalDate.of(2025, 10, 13), body, FETCHED)));
        Dataset<Row> runners = runnerRows(races);
        StructType expectedSchema = new StructType().add("race_id", DataTypes.StringType).add("horse_id", DataTypes.StringType)
                .add("position", DataTypes.IntegerType).add("position_code", DataTypes.StringType);
        Dataset<Row> expected = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("rac_1", "hrs_1", 1, "1"),
                RowFactory.create("rac_1", "hrs_3", null, "PU")), expectedSchema);
        assertDataFrameEquals(expected, runners.where("problems is null").select("race_id", "horse_id", "position", "position_code"));
        Row q = one(runners, "problems is not null");
        assertEquals("no horse_id", q.getAs("problems"));
        assertEquals("$.results[0].runners[1]", q.getAs("json_path"));
        assertEquals("/v1/results?x", q.getAs("request_key"));
    }

    @Test
    void theSameHorseTwiceInOneRaceQuarantinesTheRepeatOnly() {
        String body = "{\"results\":[{\"race_id\":\"rac_1\",\"date\":\"2025-10-13\",\"region\":\"GB\",\"runners\":["
                + "{\"horse_id\":\"hrs_1\",\"position\":\"1\"},{\"horse_id\":\"hrs_2\",\"position\":\"2\"},"
                + "{\"horse_id\":\"hrs_1\",\"position\":\"3\"}]}],\"total\":1}";
        Dataset<Row> runners = runnerRows(racesOf(Fixtures.bronze(Fixtures.bronzeResults("/v1/results?d", LocalDate.of(2025, 10, 13), body, FETCHED))));
        assertEquals(2, runners.where("problems is null").count());
        Row q = one(runners, "problems is not null");
        assertEquals("the same horse twice in one race", q.getAs("problems"));
        assertEquals("$.results[0].runners[2]", q.getAs("json_path"));
        assertTrue(q.<String>getAs("record").contains("\"position\":\"3\""), q.<String>getAs("record"));
        Row kept = one(runners, "horse_id = 'hrs_2'");
        assertTrue(kept.isNullAt(kept.fieldIndex("record")), "only a quarantined record keeps its JSON");
    }

    @Test
    void racesOutsideTheRegionsAreSetApartAndMalformedPagesQuarantined() {
        String french = "{\"results\":[{\"race_id\":\"rac_9\",\"date\":\"2025-10-13\",\"region\":\"FR\",\"runners\":[{\"horse_id\":\"hrs_9\"}]}],"
                + "\"total\":1,\"limit\":100,\"skip\":0,\"query\":[]}";
        Dataset<Row> bronze = Fixtures.bronze(
                Fixtures.bronzeResults("/v1/results?fr", LocalDate.of(2025, 10, 13), french, FETCHED),
                Fixtures.bronzeResults("/v1/results?bad", LocalDate.of(2025, 10, 14), "{\"results\":[{\"race_id\":", FETCHED));
        Dataset<Row> races = racesOf(bronze);
        assertEquals(0, inside(races, GB_IRE).count());
        assertEquals(1, races.where(BronzePages.isOutsideRegions(GB_IRE)).count());
        assertEquals(1, inside(races, List.of("gb", "ire", "fr")).count());
        Row bad = one(BronzePages.unparseablePages(BronzePages.parse(bronze, PageSource.RESULTS), PageSource.RESULTS), "true");
        assertEquals("/v1/results?bad", bad.getAs("request_key"));
        assertEquals("{\"results\":[{\"race_id\":", bad.getAs("record"));

        String undated = "{\"results\":[{\"race_id\":\"rac_8\",\"region\":\"GB\",\"date\":\"\",\"runners\":[]}],\"total\":1}";
        Dataset<Row> undatedRaces = racesOf(Fixtures.bronze(
                Fixtures.bronzeResults("/v1/results?undated", LocalDate.of(2025, 10, 13), undated, FETCHED)));
        assertEquals(0, inside(undatedRaces, GB_IRE).count());
        assertEquals("race without a readable date",
                one(BronzePages.quarantinedRaces(undatedRaces, PageSource.RESULTS), "true").getAs("reason"));
    }

    @Test
    void whenTwoAnswersHoldTheSameRaceTheLaterFetchWins() {
        String early = "{\"results\":[{\"race_id\":\"rac_1\",\"region\":\"GB\",\"going\":\"Good\",\"runners\":[]}],\"total\":1}";
        String late = "{\"results\":[{\"race_id\":\"rac_1\",\"region\":\"GB\",\"going\":\"Soft\",\"runners\":[]}],\"total\":1}";
        Dataset<Row> races = racesOf(Fixtures.bronze(
                Fixtures.bronzeResults("/v1/results?b", LocalDate.of(2025, 10, 13), late, FETCHED.plusSeconds(60)),
                Fixtures.bronzeResults("/v1/results?a", LocalDate.of(2025, 10, 13), early, FETCHED)));
        assertEquals("Soft", one(ResultsFlattener.races(races), "true").getAs("going"));
        assertEquals(true, one(ResultsFlattener.races(races), "true").getAs("is_abandoned"));
    }
}
