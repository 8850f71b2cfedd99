package dev.furlong.api.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.furlong.testing.RacingApiReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Parses every captured answer and spec example of the modelled endpoints with the strict mapper, so a field the models
 * do not map fails here, and checks the values a person reading the JSON would expect.
 */
class CapturedAnswersParseTest {

    /** The API's spec examples and captured real answers, copied into the test resources. */
    private static final Path ROOT = RacingApiReference.root();

    private static final ObjectMapper STRICT = ApiJson.strictMapper();
    private static final TypeReference<List<Region>> REGIONS = new TypeReference<>() {
    };

    /** Every file that answers a modelled endpoint, and the type it maps to. */
    private static final Map<String, Object> FILES = new LinkedHashMap<>();

    static {
        FILES.put("examples/regions.json", REGIONS);
        FILES.put("samples/regions-first2.json", REGIONS);
        FILES.put("examples/courses-page.json", CoursesPage.class);
        FILES.put("samples/courses-all-first2.json", CoursesPage.class);
        FILES.put("samples/courses-gb-first2.json", CoursesPage.class);
        FILES.put("samples/courses-ire-first2.json", CoursesPage.class);
        FILES.put("examples/results-page.json", ResultsPage.class);
        FILES.put("examples/result.json", Result.class);
        FILES.put("examples/jockey-results-page.json", ResultsPage.class);
        FILES.put("samples/results-2025-10-13-first2.json", ResultsPage.class);
        FILES.put("samples/results-2025-10-13-gb-first2.json", ResultsPage.class);
        FILES.put("samples/results-2025-10-13-limit10-first2.json", ResultsPage.class);
        FILES.put("samples/jockey-results-jky_41100-limit10.json", ResultsPage.class);
        FILES.put("samples/horse-results-hrs_6181308.json", ResultsPage.class);
        FILES.put("examples/racecards-pro-page.json", RacecardsPage.class);
        FILES.put("examples/racecard-pro.json", Racecard.class);
        FILES.put("samples/racecards-pro-2025-10-14-first2.json", RacecardsPage.class);
        FILES.put("examples/horse-pro.json", HorsePro.class);
        FILES.put("samples/horse-pro-hrs_6181308.json", HorsePro.class);
        FILES.put("examples/horse-standard.json", HorseStandard.class);
        FILES.put("samples/horse-standard-hrs_6181308.json", HorseStandard.class);
        FILES.put("examples/jockeys-search.json", SearchResults.class);
        FILES.put("examples/trainers-search.json", SearchResults.class);
        FILES.put("examples/owners-search.json", SearchResults.class);
        FILES.put("samples/jockeys-search-murphy-first2.json", SearchResults.class);
        FILES.put("samples/trainers-search-henderson-first2.json", SearchResults.class);
        FILES.put("samples/owners-search-qatar-first2.json", SearchResults.class);
    }

    /** The endpoints these models cover, as {@code samples/_index.json} names them. */
    private static final Pattern MODELLED_ENDPOINT = Pattern.compile("GET /v1/(courses|courses/regions|results"
            + "|racecards/pro|horses/[^/]+/(pro|standard|results)|jockeys/[^/]+/results|(jockeys|trainers|owners)/search)");

    // ---------------------------------------------------------------- every file

    @TestFactory
    Stream<DynamicTest> everyListedFileParsesWithTheStrictMapper() {
        return FILES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Object parsed = e.getValue() instanceof Class<?> c ? strict(e.getKey(), c) : strict(e.getKey(), (TypeReference<?>) e.getValue());
            assertNotNull(parsed);
        }));
    }

    @Test
    void everyCapturedAnswerOfAModelledEndpointIsListed() throws IOException {
        List<String> missing = new ArrayList<>();
        for (JsonNode entry : STRICT.readTree(ROOT.resolve("samples/_index.json").toFile())) {
            String endpoint = entry.path("endpoint").asText("");
            String file = "samples/" + entry.path("file").asText();
            if (MODELLED_ENDPOINT.matcher(endpoint).matches() && !FILES.containsKey(file)) {
                missing.add(file + " (" + endpoint + ")");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theRegionSeedListIsNotAnApiAnswer() {
        // Extracted from code ({code, name}), not captured from /v1/courses/regions ({region, region_code}).
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> strict("samples/regions-seed-list.json", REGIONS));
        assertTrue(e.getCause() instanceof UnrecognizedPropertyException, e.getCause().toString());
    }

    // ---------------------------------------------------------------- regions, courses

    @Test
    void regions() {
        assertEquals(List.of(new Region("Great Britain", "gb")), strict("examples/regions.json", REGIONS));
        assertEquals(List.of(new Region("Spain", "spa"), new Region("Great Britain", "gb")),
                strict("samples/regions-first2.json", REGIONS));
    }

    @Test
    void courses() {
        CoursesPage example = strict("examples/courses-page.json", CoursesPage.class);
        assertEquals(new CoursesPage(List.of(new Course("crs_52", "Ascot", "gb", "Great Britain")), 1), example);

        CoursesPage all = strict("samples/courses-all-first2.json", CoursesPage.class);
        assertEquals(979, all.total());
        assertEquals(new Course("crs_13780", "La Plata", "arg", "Argentina"), all.courses().get(0));

        CoursesPage gb = strict("samples/courses-gb-first2.json", CoursesPage.class);
        assertEquals(69, gb.total());
        assertEquals(new Course("crs_832", "Aintree", "gb", "Great Britain"), gb.courses().get(0));

        CoursesPage ire = strict("samples/courses-ire-first2.json", CoursesPage.class);
        assertEquals(32, ire.total());
        assertEquals(new Course("crs_4550", "Ballinrobe", "ire", "Ireland"), ire.courses().get(0));
    }

    // ---------------------------------------------------------------- results

    @Test
    void resultsPageSample() {
        ResultsPage page = strict("samples/results-2025-10-13-first2.json", ResultsPage.class);
        assertEquals(39, page.total());
        assertEquals(25, page.limit());
        assertEquals(0, page.skip());
        assertEquals(List.of(List.of("start_date", "2025-10-13"), List.of("end_date", "2025-10-13")), page.query());
        assertEquals(2, page.results().size());

        Result race = page.results().get(0);
        assertAll(
                () -> assertEquals("rac_11746254", race.raceId()),
                () -> assertEquals(LocalDate.of(2025, 10, 13), race.date()),
                () -> assertEquals("GB", race.region()),
                () -> assertEquals("Kempton (AW)", race.course()),
                () -> assertEquals("crs_28054", race.courseId()),
                () -> assertEquals("8:10", race.off()),
                () -> assertEquals(OffsetDateTime.parse("2025-10-13T20:10:00+01:00"), race.offDt()),
                () -> assertEquals("Class 5", race.raceClass()),
                () -> assertEquals("F", race.sexRestriction()),
                () -> assertEquals("1m3f", race.distance()),
                () -> assertEquals(2419, race.distYards()),
                () -> assertEquals(2212, race.distMetres()),
                () -> assertEquals("11f", race.distFurlongs()),
                () -> assertEquals("Standard To Slow", race.going()),
                () -> assertEquals("AW", race.surface()),
                () -> assertEquals("", race.jumps()),
                () -> assertEquals("2m 19.97s (slow by 2.07s)", race.winningTimeDetail()),
                () -> assertEquals("Miss Chester (self certificate, coughing)", race.nonRunners()),
                () -> assertEquals("£9.50", race.toteWin()),
                () -> assertEquals("£2.80 £1.50 £2.20", race.totePlace()),
                () -> assertEquals("£277.30", race.toteTrifecta()),
                () -> assertEquals(10, race.runners().size()));

        ResultRunner winner = race.runners().get(0);
        assertAll(
                () -> assertEquals("hrs_42073850", winner.horseId()),
                () -> assertEquals("Veraison (IRE)", winner.horse()),
                () -> assertEquals("1", winner.position()),
                () -> assertEquals("17/2", winner.sp()),
                () -> assertEquals(new BigDecimal("9.50"), winner.spDec()),
                () -> assertNull(winner.bsp(), "bsp is absent from real answers"),
                () -> assertEquals(9, winner.number()),
                () -> assertEquals(2, winner.draw()),
                () -> assertEquals(0.0, winner.beatenLengths()),
                () -> assertEquals(3, winner.age()),
                () -> assertEquals("F", winner.sex()),
                () -> assertEquals("9-5", winner.weight()),
                () -> assertEquals(131, winner.weightLbs()),
                () -> assertEquals("h", winner.headgear()),
                () -> assertEquals("2:19.97", winner.time()),
                () -> assertEquals(66, winner.officialRating()),
                () -> assertNull(winner.racingPostRating(), "rpr is \"–\""),
                () -> assertNull(winner.topspeedRating(), "tsr is \"–\""),
                () -> assertEquals("4187.20", winner.prize()),
                () -> assertEquals("jky_278085", winner.jockeyId()),
                () -> assertEquals(0, winner.jockeyClaimLbs()),
                () -> assertEquals("Sottsass (FR)", winner.sire()),
                () -> assertEquals("dsi_3709314", winner.damsireId()),
                () -> assertEquals("https://www.rp-assets.com/svg/8/6/8/146868.svg", winner.silkUrl()));

        ResultRunner second = race.runners().get(1);
        assertEquals(0.75, second.beatenLengths(), "btn \".75\"");
        assertEquals("7/2J", second.sp());
        assertEquals("", race.runners().get(5).prize(), "unplaced runners win nothing");

        assertEquals(31, strict("samples/results-2025-10-13-gb-first2.json", ResultsPage.class).total());
        assertEquals(10, strict("samples/results-2025-10-13-limit10-first2.json", ResultsPage.class).limit());
    }

    @Test
    void resultExample() {
        Result race = strict("examples/result.json", Result.class);
        assertEquals("rac_11715730", race.raceId());
        assertEquals(5058, race.distYards());
        assertEquals(4625, race.distMetres());
        assertEquals("23f", race.distFurlongs());
        assertEquals("12 hurdles", race.jumps());
        assertEquals("€8.50", race.toteWin());
        ResultRunner runner = race.runners().get(0);
        assertEquals(new BigDecimal("11.26"), runner.bsp());
        assertEquals("€5900", runner.prize(), "the spec's example prize carries a symbol, so prize stays text");
        assertNull(runner.draw(), "draw \"\" in a hurdle");
        assertEquals(166, runner.weightLbs());
        assertEquals(98, runner.officialRating());
        assertEquals(105, runner.racingPostRating());
        assertEquals(64, runner.topspeedRating());

        assertEquals(race, strict("examples/results-page.json", ResultsPage.class).results().get(0));
        ResultsPage jockeyPage = strict("examples/jockey-results-page.json", ResultsPage.class);
        assertEquals(List.of("jockey_id", "jky_302916"), jockeyPage.query().get(2));
        assertEquals(race, jockeyPage.results().get(0));
    }

    @Test
    void jockeyResultsSample() {
        ResultsPage page = strict("samples/jockey-results-jky_41100-limit10.json", ResultsPage.class);
        assertEquals(14575, page.total());
        assertEquals(10, page.limit());
        assertEquals(List.of(List.of("limit", "10"), List.of("jockey_id", "jky_41100")), page.query());
        assertEquals(10, page.results().size());
        // Each race lists the whole field, not just the jockey's ride.
        assertEquals(10, page.results().get(0).runners().size());
        assertTrue(page.results().stream().allMatch(r -> r.runners().stream().anyMatch(x -> "jky_41100".equals(x.jockeyId()))));

        Result nottingham = page.results().get(2);
        assertEquals("rac_11688716", nottingham.raceId());
        assertEquals("1m½f", nottingham.distance());
        assertEquals("8.5f", nottingham.distFurlongs());
        assertEquals(1835, nottingham.distYards());
        ResultRunner winner = nottingham.runners().get(0);
        assertNull(winner.officialRating(), "or \"–\"");
        assertEquals(80, winner.racingPostRating());
        assertEquals(28, winner.topspeedRating());
        assertEquals("3780", winner.prize());

        assertEquals("3:9.90", page.results().get(3).runners().get(0).time(), "seconds are not zero-padded");
    }

    @Test
    void horseResultsSample() {
        ResultsPage page = strict("samples/horse-results-hrs_6181308.json", ResultsPage.class);
        assertEquals(1, page.total());
        assertEquals(List.of(List.of("limit", "10"), List.of("horse_id", "hrs_6181308")), page.query());
        Result race = page.results().get(0);
        assertEquals("rac_10097737", race.raceId());
        assertEquals(OffsetDateTime.parse("2021-02-28T15:40:00Z"), race.offDt());
        assertEquals("Hurdle", race.type());
        assertEquals("", race.toteTricast());
        assertEquals(12, race.runners().size());

        ResultRunner favourite = race.runners().get(0);
        assertEquals("EvensF", favourite.sp());
        assertEquals(new BigDecimal("2.00"), favourite.spDec());
        assertNull(favourite.draw(), "no draw over hurdles");

        ResultRunner flaggan = race.runners().get(8);
        assertEquals("hrs_6181308", flaggan.horseId());
        assertEquals("9", flaggan.position());
        assertEquals(83.5, flaggan.overallBeatenLengths());

        ResultRunner pulledUp = race.runners().get(10);
        assertEquals("De Cigar Man (IRE)", pulledUp.horse());
        assertEquals("PU", pulledUp.position());
        assertNull(pulledUp.beatenLengths(), "btn \"-\"");
        assertNull(pulledUp.overallBeatenLengths(), "ovr_btn \"-\"");
        assertEquals("-", pulledUp.time());
        assertNull(pulledUp.officialRating());
    }

    // ---------------------------------------------------------------- racecards

    @Test
    void racecardsProSample() {
        RacecardsPage page = strict("samples/racecards-pro-2025-10-14-first2.json", RacecardsPage.class);
        assertEquals(47, page.total());
        assertEquals(500, page.limit());
        assertEquals(0, page.skip());
        assertEquals(List.of(List.of("date", "2025-10-14")), page.query());

        Racecard chantilly = page.racecards().get(0);
        assertAll(
                () -> assertEquals("rac_11775764", chantilly.raceId()),
                () -> assertEquals("Chantilly", chantilly.course()),
                () -> assertEquals("FR", chantilly.region(), "an unfiltered racecards/pro includes French races"),
                () -> assertEquals(LocalDate.of(2025, 10, 14), chantilly.date()),
                () -> assertEquals("1:30", chantilly.offTime()),
                () -> assertEquals(OffsetDateTime.parse("2025-10-14T13:30:00+01:00"), chantilly.offDt()),
                () -> assertEquals(8.0, chantilly.distanceFurlongs()),
                () -> assertEquals(8, chantilly.fieldSize()),
                () -> assertEquals("£12,851", chantilly.prize()),
                () -> assertEquals(Boolean.FALSE, chantilly.bigRace()),
                () -> assertEquals(Boolean.FALSE, chantilly.abandoned()),
                () -> assertEquals(8, chantilly.runners().size()));

        RacecardRunner seneque = chantilly.runners().get(0);
        assertAll(
                () -> assertEquals("Seneque", seneque.horse()),
                () -> assertEquals(LocalDate.of(2023, 2, 18), seneque.dateOfBirth()),
                () -> assertEquals(2, seneque.age()),
                () -> assertEquals("colt", seneque.sex()),
                () -> assertEquals("C", seneque.sexCode()),
                () -> assertEquals("IRE", seneque.region()),
                () -> assertEquals("FR", seneque.sireRegion()),
                () -> assertNull(seneque.officialRating(), "ofr \"-\""),
                () -> assertNull(seneque.racingPostRating(), "rpr \"-\""),
                () -> assertNull(seneque.topspeedRating(), "ts \"-\""),
                () -> assertNull(seneque.daysSinceLastRun(), "last_run \"\""),
                () -> assertNull(seneque.headgearRun(), "headgear_run \"\""),
                () -> assertEquals(126, seneque.weightLbs()),
                () -> assertEquals(3, seneque.draw()),
                () -> assertEquals(1, seneque.number()),
                () -> assertEquals("21", seneque.form()),
                () -> assertEquals(50, seneque.trainerRunningToFormPercent()),
                () -> assertEquals(new TrainerForm(24, 4, 17.0), seneque.trainer14Days()),
                () -> assertEquals(List.of(), seneque.odds(), "no odds on the French race"),
                () -> assertEquals(List.of(), seneque.previousTrainers()),
                () -> assertEquals(List.of(), seneque.stableTour()),
                () -> assertEquals(List.of(), seneque.medical()));

        Racecard leicester = page.racecards().get(1);
        assertEquals("rac_11743160", leicester.raceId());
        assertEquals("1m53y", leicester.distance());
        assertEquals(8.0, leicester.distanceFurlongs(), "a rounded figure, not exact");
        assertEquals("Class 6", leicester.raceClass());
        assertEquals("Mr Nippy", leicester.tip());

        RacecardRunner ragingRaj = leicester.runners().get(0);
        assertEquals("Raging Raj", ragingRaj.horse());
        assertEquals(60, ragingRaj.officialRating());
        assertEquals(63, ragingRaj.racingPostRating());
        assertEquals(38, ragingRaj.topspeedRating());
        assertEquals(95, ragingRaj.daysSinceLastRun());
        assertEquals(28, ragingRaj.odds().size());
        Odds bet365 = ragingRaj.odds().get(0);
        assertEquals(new Odds("Bet365", "11/4", new BigDecimal("3.75"), 3, 5, "2025-10-14 13:43:08", List.of()), bet365);
        assertTrue(ragingRaj.odds().stream().allMatch(o -> !o.bookmaker().isEmpty() && o.decimal() != null));
        Odds exchange = ragingRaj.odds().stream().filter(o -> o.bookmaker().equals("Betfair Exchange")).findFirst().orElseThrow();
        assertNull(exchange.eachWayPlaces(), "no each-way on the exchange");
        assertNull(exchange.eachWayDenominator());

        RacecardRunner secretTestimony = leicester.runners().get(8);
        assertEquals("b", secretTestimony.headgear());
        assertEquals(1, secretTestimony.headgearRun());
        assertEquals(List.of("D"), leicester.runners().get(9).pastResultsFlags());
    }

    @Test
    void racecardProExample() {
        Racecard card = strict("examples/racecard-pro.json", Racecard.class);
        assertEquals(card, strict("examples/racecards-pro-page.json", RacecardsPage.class).racecards().get(0));
        assertEquals("rac_11845223", card.raceId());
        assertEquals(OffsetDateTime.parse("2026-01-11T05:00:00Z"), card.offDt());
        assertEquals(6.0, card.distanceFurlongs());
        assertEquals(12, card.fieldSize());
        assertEquals("TURF: GOOD TO FIRM", card.goingDetailed());

        RacecardRunner runner = card.runners().get(0);
        assertEquals("Rose Dawes(5)", runner.jockey());
        assertEquals(192, runner.daysSinceLastRun());
        assertEquals(139, runner.weightLbs());
        assertEquals(74, runner.officialRating());
        assertEquals(71, runner.trainerRunningToFormPercent());
        assertEquals("60500-", runner.form());
        assertEquals(new TrainerForm(16, 5, 31.0), runner.trainer14Days());
        assertEquals(new PreviousTrainer("Mick Channon", "trn_42084", LocalDate.of(2023, 3, 24)), runner.previousTrainers().get(0));
        assertEquals(3, runner.previousTrainers().size());
        assertEquals(new PreviousOwner("Lee Harris", "own_1182044", LocalDate.of(2021, 9, 6)), runner.previousOwners().get(0));
        Quote quote = runner.quotes().get(0);
        assertEquals(LocalDate.of(2021, 6, 12), quote.date());
        assertEquals("rac_10204649", quote.raceId());
        assertEquals("8", quote.distanceFurlongs());
        assertEquals(1760, quote.distanceYards());
        assertTrue(quote.quote().startsWith("He was suited by the better ground"));
        assertEquals(new BigDecimal("4.33"), runner.odds().get(0).decimal());
        assertEquals(List.of(), runner.odds().get(0).history());
    }

    @Test
    void oddsHistoryFromTheSpecExample() throws IOException {
        // No captured racecard has a non-empty history; the spec's odds example does.
        JsonNode odds = STRICT.readTree(Files.readString(ROOT.resolve("examples/odds-runner.json"))).get("odds");
        List<Odds> parsed = STRICT.readerFor(new TypeReference<List<Odds>>() {
        }).readValue(odds);
        assertEquals(List.of(new OddsChange(OffsetDateTime.parse("2025-04-22T13:34:00+01:00"), "11/2", new BigDecimal("6.5"))),
                parsed.get(0).history());
        assertEquals(4, parsed.get(0).eachWayPlaces());
    }

    // ---------------------------------------------------------------- horses, searches

    @Test
    void horses() {
        HorsePro frankel = strict("examples/horse-pro.json", HorsePro.class);
        assertEquals(new HorsePro("hrs_5344171", "Frankel (GB)", LocalDate.of(2008, 2, 11), "horse", "H", "b", "B",
                "Juddmonte Farms Ltd", "Galileo (IRE)", "sir_3722383", "Kind (IRE)", "dam_4087006", "Danehill", "dsi_296611"), frankel);

        HorsePro flaggan = strict("samples/horse-pro-hrs_6181308.json", HorsePro.class);
        assertEquals("Flaggan (IRE)", flaggan.name());
        assertEquals(LocalDate.of(2011, 6, 19), flaggan.dateOfBirth());
        assertEquals("gelding", flaggan.sex());
        assertEquals("G", flaggan.sexCode());
        assertEquals("Liam Delahunty & Dick O'Hara", flaggan.breeder());
        assertEquals("Thatching (GB)", flaggan.damsire());

        assertEquals(new HorseStandard("hrs_5344171", "Frankel (GB)", "Galileo (IRE)", "sir_3722383", "Kind (IRE)", "dam_4087006",
                "Danehill", "dsi_296611"), strict("examples/horse-standard.json", HorseStandard.class));
        HorseStandard standard = strict("samples/horse-standard-hrs_6181308.json", HorseStandard.class);
        assertEquals("hrs_6181308", standard.id());
        assertEquals("Stowaway (GB)", standard.sire());
        assertEquals("Thatching", standard.damsire(), "the standard profile drops the damsire's region");
    }

    @Test
    void searches() {
        assertEquals(new SearchHit("jky_257379", "William Buick"), strict("examples/jockeys-search.json", SearchResults.class).hits().get(0));
        assertEquals(new SearchHit("trn_30735", "William Haggas"), strict("examples/trainers-search.json", SearchResults.class).hits().get(0));
        assertEquals(new SearchHit("own_199380", "Godolphin"), strict("examples/owners-search.json", SearchResults.class).hits().get(0));
        assertEquals(List.of(new SearchHit("jky_301032", "Cindy Murphy"), new SearchHit("jky_34245", "Timmy Murphy")),
                strict("samples/jockeys-search-murphy-first2.json", SearchResults.class).hits());
        assertEquals(new SearchHit("trn_101673", "D Henderson"),
                strict("samples/trainers-search-henderson-first2.json", SearchResults.class).hits().get(0));
        assertEquals(new SearchHit("own_813872", "Qatar Racing Limited"),
                strict("samples/owners-search-qatar-first2.json", SearchResults.class).hits().get(0));
    }

    // ---------------------------------------------------------------- RacingApiModule, ApiJson

    /** One field per lenient type. */
    record Probe(
            @JsonProperty("or") Integer officialRating,
            @JsonProperty("total") Long total,
            @JsonProperty("btn") Double beaten,
            @JsonProperty("sp_dec") BigDecimal spDec,
            @JsonProperty("dob") LocalDate dob,
            @JsonProperty("off_dt") OffsetDateTime offDt) {
    }

    @Test
    void moduleReadsMissingMarkersAsNull() {
        Probe allNull = new Probe(null, null, null, null, null, null);
        for (String marker : List.of("\"\"", "\"-\"", "\"\u2013\"", "\"\u2014\"", "\" \"", "null")) {
            String json = "{\"or\":%1$s,\"total\":%1$s,\"btn\":%1$s,\"sp_dec\":%1$s,\"dob\":%1$s,\"off_dt\":%1$s}".formatted(marker);
            assertEquals(allNull, probe(json), json);
        }
        assertEquals(allNull, probe("{}"));
    }

    @Test
    void moduleReadsNumbersSentAsStringsOrNumbers() {
        Probe expected = new Probe(66, 14575L, 8.5, new BigDecimal("8.50"), LocalDate.of(2025, 10, 13),
                OffsetDateTime.parse("2025-10-13T20:10:00+01:00"));
        assertEquals(expected, probe("{\"or\":\"66\",\"total\":\"14575\",\"btn\":\"8.50\",\"sp_dec\":\"8.50\","
                + "\"dob\":\"2025-10-13\",\"off_dt\":\"2025-10-13T20:10:00+01:00\"}"));
        assertEquals(expected, probe("{\"or\":66,\"total\":14575,\"btn\":8.50,\"sp_dec\":8.50,"
                + "\"dob\":\"2025-10-13\",\"off_dt\":\"2025-10-13T20:10:00+01:00\"}"));
        assertEquals(0.75, probe("{\"btn\":\".75\"}").beaten());
    }

    @Test
    void moduleRejectsOtherTextNamingTheFieldAndTheValue() {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> STRICT.readValue("{\"or\":\"abc\"}", Probe.class));
        assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
        assertTrue(e.getMessage().contains("[\"or\"]"), e.getMessage());
        assertEquals("or", e.getPath().get(0).getFieldName());

        for (String json : List.of("{\"or\":\".75\"}", "{\"or\":true}", "{\"btn\":\"12f\"}", "{\"btn\":\"NaN\"}",
                "{\"sp_dec\":\"£9.50\"}", "{\"dob\":\"2025-13-01\"}", "{\"dob\":20251013}", "{\"off_dt\":\"2025-10-13 20:10:00\"}")) {
            assertThrows(JsonMappingException.class, () -> STRICT.readValue(json, Probe.class), json);
        }
    }

    @Test
    void apiJsonReadIsTolerantAndNamesTheTypeOnFailure() {
        Region region = ApiJson.read("{\"region\":\"Ireland\",\"region_code\":\"ire\",\"added_later\":1}", Region.class);
        assertEquals(new Region("Ireland", "ire"), region);
        assertEquals(List.of(new Region("Ireland", "ire")), ApiJson.read("[{\"region\":\"Ireland\",\"region_code\":\"ire\"}]", REGIONS));
        assertThrows(UnrecognizedPropertyException.class,
                () -> STRICT.readValue("{\"region\":\"Ireland\",\"region_code\":\"ire\",\"added_later\":1}", Region.class));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ApiJson.read("{\"total\":\"lots\"}", CoursesPage.class));
        assertTrue(e.getMessage().contains(CoursesPage.class.getName()), e.getMessage());
        UncheckedIOException list = assertThrows(UncheckedIOException.class, () -> ApiJson.read("{", REGIONS));
        assertTrue(list.getMessage().contains(Region.class.getName()), list.getMessage());
    }

    @Test
    void modelsWrittenByTheMapperReadBackEqual() throws IOException {
        ResultsPage results = strict("samples/horse-results-hrs_6181308.json", ResultsPage.class);
        assertEquals(results, STRICT.readValue(ApiJson.mapper().writeValueAsString(results), ResultsPage.class));
        Racecard card = strict("examples/racecard-pro.json", Racecard.class);
        String json = ApiJson.mapper().writeValueAsString(card);
        assertTrue(json.contains("\"off_dt\":\"2026-01-11T05:00Z\""), json);
        assertEquals(card, STRICT.readValue(json, Racecard.class));
        assertFalse(json.contains("offDt"), "written with the API's own names");
    }

    // ---------------------------------------------------------------- helpers

    private static Probe probe(String json) {
        try {
            return STRICT.readValue(json, Probe.class);
        } catch (IOException e) {
            throw new UncheckedIOException(json, e);
        }
    }

    private static <T> T strict(String file, Class<T> type) {
        try {
            return STRICT.readValue(Files.readString(ROOT.resolve(file)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " as " + type.getSimpleName(), e);
        }
    }

    private static <T> T strict(String file, TypeReference<T> type) {
        try {
            return STRICT.readValue(Files.readString(ROOT.resolve(file)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " as " + type.getType().getTypeName(), e);
        }
    }
}
