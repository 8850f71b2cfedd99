package dev.furlong.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.publish.PgTarget;
import dev.furlong.publish.PublishJob;
import dev.furlong.testing.Fixtures;
import dev.furlong.testing.SparkTestSession;
import dev.furlong.testing.TempLake;
import dev.furlong.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stewards and the API's quirks do to a day, and what silver and Postgres must say afterwards. One lake, answers landing as they
 * would: the morning card, the evening results (a dead heat, a "nk" beaten distance, a race without an off time, a race with a
 * bad date), the next day's card and result (the card fetched after the result), then the next morning's corrected results (a
 * disqualification, a withdrawn rating and SP, a runner and a race no longer listed). Each is transformed as it lands; the lake
 * is published after the evening results and after the correction.
 */
class CorrectionsTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final LocalDate NEXT_DAY = LocalDate.of(2026, 11, 21);

    /** rac_1: eight declared (Zeta's draw is the card's placeholder "0"); rac_6: a card days ahead, field size "0". */
    static final String CARD = """
            {"racecards":[{"race_id":"rac_1","course":"Ascot","course_id":"crs_1","date":"2026-11-20","off_time":"1:30",
              "off_dt":"2026-11-20T13:30:00+00:00","race_name":"Autumn Handicap","distance":"1m","region":"GB","type":"Flat",
              "field_size":"8","runners":[
               {"horse_id":"hrs_1","horse":"Alpha","number":"1","draw":"4","silk_url":"https://silks/1.png","dob":"2019-02-30"},
               {"horse_id":"hrs_2","horse":"Beta","number":"2","draw":"1","silk_url":"https://silks/2.png"},
               {"horse_id":"hrs_3","horse":"Gamma","number":"3","draw":"2","ofr":"95"},
               {"horse_id":"hrs_4","horse":"Delta","number":"4","draw":"3"},
               {"horse_id":"hrs_5","horse":"Epsilon","number":"5","draw":"5"},
               {"horse_id":"hrs_6","horse":"Eta","number":"6","draw":"6"},
               {"horse_id":"hrs_7","horse":"Theta","number":"7","draw":"7"},
               {"horse_id":"hrs_8","horse":"Zeta's Girl","number":"8","draw":"0"}]},
             {"race_id":"rac_6","course":"Ascot","course_id":"crs_1","date":"2026-11-20","off_dt":"2026-11-20T15:30:00+00:00",
              "race_name":"Future Stakes","region":"GB","field_size":"0","runners":[
               {"horse_id":"hrs_61","horse":"Later","number":"1","draw":"0"}]}],
             "total":2,"limit":500,"skip":0}""";

    static final String RESULTS = """
            {"results":[{"race_id":"rac_1","date":"2026-11-20","region":"GB","course":"Ascot","course_id":"crs_1",
              "off_dt":"2026-11-20T13:30:00+00:00","race_name":"Autumn Handicap","type":"Flat","dist_y":"1760",
              "non_runners":"Zeta's Girl (IRE) (self certificate, lame), Nobody Here (unsuitable ground)","runners":[
               {"horse_id":"hrs_2","horse":"Beta (GB)","number":"2","position":"1","sp":"7/2J"},
               {"horse_id":"hrs_1","horse":"Alpha (IRE)","number":"1","position":"1","sp":"7/2J"},
               {"horse_id":"hrs_3","horse":"Gamma (GB)","number":"3","position":"3","sp":"5/1","rpr":"101","or":"95"},
               {"horse_id":"hrs_4","horse":"Delta (GB)","number":"4","position":"4","sp":"6/1","btn":"nk"},
               {"horse_id":"hrs_5","horse":"Epsilon (GB)","number":"5","position":"5","sp":"10/1"},
               {"horse_id":"hrs_6","horse":"Eta (GB)","number":"6","position":"PU","sp":"20/1"},
               {"horse_id":"hrs_7","horse":"Theta (GB)","number":"7","position":"6","sp":"25/1"}]},
             {"race_id":"rac_2","date":"2026-11-20","region":"GB","course":"Wolverhampton (AW)","course_id":"crs_2",
              "race_name":"Evening Stakes","type":"Flat","runners":[
               {"horse_id":"hrs_11","horse":"Iota (GB)","number":"1","position":"1","sp":"2/1F","silk_url":"https://silks/11.png"},
               {"horse_id":"hrs_12","horse":"Kappa (GB)","number":"2","position":"2","sp":"5/2C"},
               {"horse_id":"hrs_13","horse":"Lambda (GB)","number":"3","position":"3","sp":"5/2C"}]},
             {"race_id":"rac_4","date":"2026-11-20","region":"GB","course_id":"crs_2","race_name":"Void Race","runners":[
               {"horse_id":"hrs_41","horse":"Mu (GB)","number":"1","position":"1","sp":"3/1"}]},
             {"race_id":"rac_5","date":"2026-02-30","region":"GB","course_id":"crs_2","race_name":"Bad Date","runners":[
               {"horse_id":"hrs_51","horse":"Nu (GB)","number":"1","position":"1"}]}],
             "total":4,"limit":50,"skip":0}""";

    /** The stewards' next morning: Beta disqualified, Gamma's rating and Theta's SP withdrawn, Lambda and rac_4 gone. */
    static final String CORRECTED = RESULTS
            .replace("\"number\":\"2\",\"position\":\"1\",\"sp\":\"7/2J\"", "\"number\":\"2\",\"position\":\"DSQ\",\"sp\":\"7/2J\"")
            .replace("\"rpr\":\"101\"", "\"rpr\":\"\"")
            .replace("\"position\":\"6\",\"sp\":\"25/1\"", "\"position\":\"6\",\"sp\":\"\"")
            .replaceAll(",\\s*\\{\"horse_id\":\"hrs_13\"[^}]*}", "")
            .replaceAll("(?s)\\{\"race_id\":\"rac_4\".*?\\]\\},\\s*", "");

    /** The next day's result names a horse and its jockey one way; the card, fetched an hour later, corrects both. */
    static final String NEXT_RESULTS = """
            {"results":[{"race_id":"rac_7","date":"2026-11-21","region":"GB","course":"Kempton (AW)","course_id":"crs_3",
              "off_dt":"2026-11-21T14:00:00+00:00","race_name":"Nursery","runners":[
               {"horse_id":"hrs_71","horse":"Thet A (GB)","number":"1","position":"1","jockey":"J Smyth","jockey_id":"jky_9"},
               {"horse_id":"hrs_72","horse":"Omicron (GB)","number":"2","position":"2","jockey":"Ann Rider","jockey_id":"jky_7"}]}],
             "total":1,"limit":50,"skip":0}""";
    static final String NEXT_CARD = """
            {"racecards":[{"race_id":"rac_7","course":"Kempton (AW)","course_id":"crs_3","date":"2026-11-21",
              "off_dt":"2026-11-21T14:00:00+00:00","race_name":"Nursery","region":"GB","runners":[
               {"horse_id":"hrs_71","horse":"Theta Two","number":"1","jockey":"J Smith","jockey_id":"jky_9"},
               {"horse_id":"hrs_72","horse":"Omicron","number":"2","jockey":"Bob Rider","jockey_id":"jky_8"}]}],
             "total":1,"limit":500,"skip":0}""";

    private static Lake lake;
    private static TransformReport resultsRun;
    private static Row deadHeat;
    private static TransformReport correctedRun;
    private static final PgTarget DB = TestPostgres.target("corrections");
    /** Published as DB, but the correction with --full: every row offered, and what the lake no longer has deleted. */
    private static final PgTarget FULL = TestPostgres.target("corrections_full");
    private static TransformReport irelandOnly;
    private static long publishedBeforeCorrection;

    @BeforeAll
    static void landTransformAndPublish(@TempDir Path dir) throws Exception {
        lake = TempLake.create(dir);
        land("racecards_pro", DAY, CARD, Instant.parse("2026-11-20T08:00:00Z"));
        transform();
        land("results", DAY, RESULTS, Instant.parse("2026-11-20T20:00:00Z"));
        land("results", NEXT_DAY, NEXT_RESULTS, Instant.parse("2026-11-21T18:00:00Z"));
        land("racecards_pro", NEXT_DAY, NEXT_CARD, Instant.parse("2026-11-21T19:00:00Z"));
        resultsRun = transform();
        deadHeat = raceResult("rac_1");
        new PublishJob(SparkTestSession.get(), lake, DB, "results").run(false);
        new PublishJob(SparkTestSession.get(), lake, FULL, "results").run(false);
        publishedBeforeCorrection = TestPostgres.scalar(DB, "SELECT count(*) FROM corrections.ra_runners");
        land("results", DAY, CORRECTED, Instant.parse("2026-11-22T06:00:00Z"));
        correctedRun = transform();
        new PublishJob(SparkTestSession.get(), lake, DB, "corrected").run(false);
        new PublishJob(SparkTestSession.get(), lake, FULL, "corrected").run(true);
        // The same day again for Ireland alone: it has no race that day, and Britain's are not its to delete.
        irelandOnly = new TransformJob(SparkTestSession.get(), lake, List.of("ire"), "ire", DAY, NEXT_DAY).run();
    }

    private static void land(String endpoint, LocalDate date, String body, Instant at) {
        String key = endpoint.equals("results") ? "/v1/results?end_date=" + date + "&start_date=" + date
                : "/v1/racecards/pro?date=" + date;
        DeltaTables.upsert(SparkTestSession.get(), lake.apiResponses(), Fixtures.bronze(Fixtures.answer(endpoint, key, date, body, at)),
                List.of("endpoint", "request_key"), List.of());
    }

    private static TransformReport transform() {
        TransformReport report = new TransformJob(SparkTestSession.get(), lake, List.of("gb", "ire"), "test").run();
        assertTrue(report.invariantHolds(), report.render());
        return report;
    }

    private static Dataset<Row> silver(String table) {
        return SparkTestSession.get().read().format("delta").load(lake.silver(table));
    }

    private static Row runner(String horseId) {
        return silver("runners").where("horse_id = '" + horseId + "'").first();
    }

    private static Row raceResult(String raceId) {
        return silver("race_results").where("race_id = '" + raceId + "'").first();
    }

    private static Set<String> column(Dataset<Row> rows, String column) {
        return rows.select(column).collectAsList().stream().map(r -> String.valueOf(r.get(0))).collect(Collectors.toSet());
    }

    @Test
    void aDisqualificationReplacesTheWinnerAndAWithdrawnValueBecomesNull() {
        Row beta = runner("hrs_2");
        assertEquals("DSQ", beta.getAs("position_code"));
        assertNull(beta.getAs("position"), "no longer placed: the corrected answer's null wins within the result");
        assertEquals(1, (int) runner("hrs_1").getAs("position"));
        assertNull(runner("hrs_3").getAs("race_rpr"), "the rating the stewards' answer withdrew");
        assertEquals(95, (int) runner("hrs_3").getAs("official_rating"));
        assertNull(runner("hrs_7").getAs("sp_decimal"), "the SP the corrected answer no longer gives");
        Row result = raceResult("rac_1");
        assertEquals("hrs_1", result.getAs("winner_horse_id"));
        assertEquals(List.of("hrs_1"), result.getList(result.fieldIndex("winner_horse_ids")));
        assertEquals(false, result.getAs("is_dead_heat"));
    }

    @Test
    void aBadDateQuarantinesItsRaceOrItsFieldAndTheRestLands() {
        assertEquals(0, silver("races").where("race_id = 'rac_5'").count());
        Set<String> reasons = column(SparkTestSession.get().read().format("delta").load(lake.quarantine()), "reason");
        assertTrue(reasons.contains("race without a readable date"), reasons.toString());
        assertTrue(reasons.contains("dob '2019-02-30' is not a date"), reasons.toString());
        assertNull(runner("hrs_1").getAs("dob"));
    }

    @Test
    void aNameFollowsTheLaterAnswerWhileItNamesTheSameId() {
        assertEquals("Theta Two", runner("hrs_71").getAs("horse_name"), "the card came an hour after the result");
        assertEquals("J Smith", runner("hrs_71").getAs("jockey_name"));
        assertEquals("jky_7", runner("hrs_72").getAs("jockey_id"), "the result says who rode");
        assertEquals("Ann Rider", runner("hrs_72").getAs("jockey_name"), "the card's name is another jockey's");
        assertEquals("Alpha", runner("hrs_1").getAs("horse_name"), "the corrected result is the later answer");
    }

    @Test
    void aDeadHeatKeepsEveryWinnerInNumberOrder() {
        // Before the stewards: Beta (number 2) and Alpha (number 1) dead-heated, Beta listed first.
        assertEquals(true, deadHeat.getAs("is_dead_heat"));
        assertEquals(List.of("hrs_1", "hrs_2"), deadHeat.getList(deadHeat.fieldIndex("winner_horse_ids")));
        assertEquals("hrs_1", deadHeat.getAs("winner_horse_id"), "the dead-heater with the lowest number");
        assertEquals(4.5, ((Number) deadHeat.getAs("winner_sp_decimal")).doubleValue(), 1e-9);
        assertEquals(7, (int) deadHeat.getAs("starters"));
    }

    @Test
    void placedEachWayFollowsTheTermsOfTheRace() {
        // rac_1 is a handicap of 7 starters after Zeta's Girl came out: 2 each-way places. Beta is disqualified.
        assertEquals(true, runner("hrs_1").getAs("placed_ew"));
        assertEquals(false, runner("hrs_2").getAs("placed_ew"));
        assertEquals(false, runner("hrs_3").getAs("placed_ew"), "third of 7 is not placed each way");
        assertEquals(false, runner("hrs_6").getAs("placed_ew"), "pulled up: ran, not placed");
        assertNull(runner("hrs_8").getAs("placed_ew"), "a non-runner has no each-way result");
        assertNull(runner("hrs_61").getAs("placed_ew"), "a race not yet run");
        // rac_2 had 3 starters, then 2: fewer than 5 pay no places.
        assertEquals(false, runner("hrs_11").getAs("placed_ew"));
    }

    @Test
    void whatTheApiSaidIsKept() {
        assertEquals("https://silks/11.png", runner("hrs_11").getAs("silk_url"), "a race without a card keeps the result's silk");
        assertEquals("https://silks/1.png", runner("hrs_1").getAs("silk_url"));
        assertEquals("J", runner("hrs_1").getAs("favourite_kind"));
        assertEquals("F", runner("hrs_11").getAs("favourite_kind"));
        assertEquals("C", runner("hrs_12").getAs("favourite_kind"));
        assertNull(runner("hrs_3").getAs("favourite_kind"));
        Row zeta = runner("hrs_8");
        assertEquals(true, zeta.getAs("is_non_runner"));
        assertEquals("self certificate, lame", zeta.getAs("non_runner_reason"));
        Row race = silver("races").where("race_id = 'rac_1'").first();
        assertEquals("Zeta's Girl (IRE) (self certificate, lame), Nobody Here (unsuitable ground)", race.getAs("non_runners_text"));
    }

    @Test
    void quieterRisks() {
        assertNull(runner("hrs_8").getAs("draw"), "the card's placeholder 0");
        assertNull(runner("hrs_61").getAs("draw"));
        assertNull(silver("races").where("race_id = 'rac_6'").first().getAs("field_size"));
        Row delta = runner("hrs_4");
        assertEquals(4, (int) delta.getAs("position"), "a 'nk' distance costs the field, not the run");
        assertNull(delta.getAs("beaten_lengths"));
        Set<String> fields = column(SparkTestSession.get().read().format("delta").load(lake.quarantine()).where("entity = 'field'"),
                "json_path");
        assertTrue(fields.contains("$.results[0].runners[3].btn"), fields.toString());
        assertTrue(resultsRun.invariantDetail().contains("of them single fields"), resultsRun.invariantDetail());
    }

    @Test
    void whatTheLatestAnswersNoLongerHoldIsDeleted() {
        assertEquals(0, silver("runners").where("horse_id = 'hrs_13'").count(), "dropped from the corrected result");
        assertEquals(0, silver("races").where("race_id = 'rac_4'").count(), "a race the corrected result no longer lists");
        assertEquals(0, silver("runners").where("race_id = 'rac_4'").count());
        assertEquals(0, silver("race_results").where("race_id = 'rac_4'").count());
        assertEquals(1, counts(correctedRun, "races").deleted());
        assertEquals(2, counts(correctedRun, "runners").deleted());
        assertEquals(Set.of("rac_1", "rac_2", "rac_6", "rac_7"), column(silver("races"), "race_id"));
    }

    @Test
    void aRunForOtherRegionsLeavesTheseRacesAlone() {
        assertEquals(0, counts(irelandOnly, "races").deleted(), irelandOnly.render());
        assertEquals(0, counts(irelandOnly, "runners").deleted(), irelandOnly.render());
        assertEquals(Set.of("rac_1", "rac_2", "rac_6", "rac_7"), column(silver("races"), "race_id"));
    }

    @Test
    void aFullPublishDeletesWhatTheLakeNoLongerHas() throws Exception {
        for (String table : List.of("ra_races", "ra_runners", "ra_race_results")) {
            assertEquals(TestPostgres.scalar(DB, "SELECT count(*) FROM corrections." + table),
                    TestPostgres.scalar(FULL, "SELECT count(*) FROM corrections_full." + table), table);
        }
        assertEquals(0, TestPostgres.scalar(FULL, "SELECT count(*) FROM corrections_full.ra_races WHERE race_id = 'rac_4'"));
    }

    @Test
    void theCorrectionReachesPostgresDeletesIncluded() throws Exception {
        assertEquals(publishedBeforeCorrection - 2, TestPostgres.scalar(DB, "SELECT count(*) FROM corrections.ra_runners"),
                "Lambda and rac_4's runner deleted");
        assertEquals(0, TestPostgres.scalar(DB, "SELECT count(*) FROM corrections.ra_races WHERE race_id = 'rac_4'"));
        assertEquals(0, TestPostgres.scalar(DB, "SELECT count(*) FROM corrections.ra_race_results WHERE race_id = 'rac_4'"));
        assertEquals(1, TestPostgres.scalar(DB, "SELECT count(*) FROM corrections.ra_runners WHERE race_id = 'rac_1' AND position = 1"),
                "one winner again: Beta's position is null beside DSQ");
        assertEquals(1, TestPostgres.scalar(DB, "SELECT count(*) FROM corrections.ra_race_results WHERE race_id = 'rac_1' "
                + "AND winner_horse_ids = ARRAY['hrs_1'] AND NOT is_dead_heat"));
    }

    private static TableCounts counts(TransformReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }
}
