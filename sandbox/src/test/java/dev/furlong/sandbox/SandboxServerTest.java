package dev.furlong.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furlong.api.ApiBaseUrl;
import dev.furlong.api.ApiException;
import dev.furlong.api.ApiRequest;
import dev.furlong.api.ApiResponse;
import dev.furlong.api.Credentials;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import dev.furlong.api.http.RateLimits;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxServerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final LocalDate DAY = LocalDate.of(2026, 11, 21); // a Saturday

    static SandboxServer server;
    static RacingApiClient client;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false), 0);
        client = clientFor(server, "sandbox");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /** No client-side throttle: these sandboxes run with their limits off. */
    static RateLimits unthrottled() {
        Map<Endpoint, Double> rates = new java.util.EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            rates.put(e, 1000.0);
        }
        return RateLimits.of(1000, rates);
    }

    static RacingApiClient clientFor(SandboxServer s, String password) {
        return RacingApiClient.builder(ApiBaseUrl.parse(s.baseUrl()), new Credentials("sandbox", password))
                .rateLimits(unthrottled())
                .build();
    }

    @Test
    void regionsAreABareArrayOfNameAndCode() {
        JsonNode regions = RacingApiClient.parse(client.regions());
        assertTrue(regions.isArray());
        assertEquals(Set.of("region", "region_code"), fieldNames(regions.get(0)));
        assertEquals("Great Britain", regions.get(0).get("region").asText());
        assertEquals("gb", regions.get(0).get("region_code").asText());
    }

    @Test
    void coursesAreAnUnpagedListWithTotal() {
        JsonNode page = RacingApiClient.parse(client.courses());
        assertEquals(Set.of("courses", "total"), fieldNames(page));
        assertEquals(page.get("courses").size(), page.get("total").asInt());
        JsonNode first = page.get("courses").get(0);
        assertEquals(Set.of("id", "course", "region_code", "region"), fieldNames(first));
        assertTrue(first.get("id").asText().startsWith("crs_"));
    }

    @Test
    void aResultsPageHasTheEnvelopeAndStringTypedValuesOnly() {
        List<ApiResponse> pages = client.results(DAY, List.of("gb", "ire"));
        JsonNode page = RacingApiClient.parse(pages.get(0));
        assertEquals(Set.of("results", "total", "limit", "skip", "query"), fieldNames(page));
        int races = 0;
        for (ApiResponse p : pages) {
            races += RacingApiClient.parse(p).get("results").size();
        }
        assertEquals(page.get("total").asInt(), races);
        assertEquals(server.world().racesOn(DAY).size(), races);
        JsonNode race = page.get("results").get(0);
        race.fields().forEachRemaining(f -> assertTrue(f.getKey().equals("runners") || f.getValue().isTextual(),
                "race field " + f.getKey() + " is not a string"));
        for (JsonNode runner : race.get("runners")) {
            runner.fields().forEachRemaining(f -> assertTrue(f.getValue().isTextual(), "runner field " + f.getKey() + " is not a string"));
        }
        assertTrue(race.get("off").asText().matches("\\d{1,2}:\\d{2}"), race.get("off").asText());
        assertTrue(race.get("off_dt").asText().matches("2026-11-21T\\d{2}:\\d{2}:00\\+00:00"), race.get("off_dt").asText());
        assertTrue(Set.of("Flat", "Hurdle", "Chase", "NH Flat").contains(race.get("type").asText()));
        assertTrue(race.get("runners").get(0).get("horse").asText().matches(".+ \\((GB|IRE|FR|USA)\\)"));
        assertEquals(List.of("start_date", "end_date", "region", "region"), keys(page.get("query")));
        for (JsonNode r : page.get("results")) {
            assertTrue(r.get("off_dt").asText().endsWith("+00:00"), "November racing is on GMT: " + r.get("off_dt"));
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherWorld() throws Exception {
        ApiRequest day = RacingApiClient.resultsRequest(DAY, List.of("gb", "ire"));
        String body = client.execute(day).body();
        try (SandboxServer twin = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false), 0);
             RacingApiClient twinClient = clientFor(twin, "sandbox")) {
            assertEquals(body, twinClient.execute(day).body());
        }
        SandboxConfig other = SandboxConfig.defaults(TODAY).withSeed(7);
        try (SandboxServer different = SandboxServer.start(other, 0);
             RacingApiClient differentClient = clientFor(different, "sandbox")) {
            assertNotEquals(body, differentClient.execute(day).body());
        }
    }

    @Test
    void wrongCredentialsGet401() {
        try (RacingApiClient wrong = clientFor(server, "not-the-password")) {
            assertThrows(ApiException.AuthenticationFailed.class, wrong::regions);
        }
    }

    @Test
    void resultsOlderThan365DaysNeedTheHistoricalAddOn() throws Exception {
        LocalDate old = TODAY.minusDays(400);
        ApiException.RequestRejected e = assertThrows(ApiException.RequestRejected.class,
                () -> client.results(old, List.of("gb")));
        assertTrue(e.detail().startsWith("query.start_date: "), e.detail());
        try (SandboxServer historical = SandboxServer.start(SandboxConfig.defaults(TODAY).withHistoricalResults(true).withRateLimits(false), 0);
             RacingApiClient c = clientFor(historical, "sandbox")) {
            assertEquals(200, c.results(old, List.of("gb")).get(0).httpStatus());
        }
    }

    @Test
    void aLimitAboveTheMaximumGets422InFastApisShape() {
        ApiRequest tooBig = ApiRequest.get(Endpoint.RESULTS, "/v1/results").param("limit", 101).build();
        ApiException.RequestRejected e = assertThrows(ApiException.RequestRejected.class, () -> client.execute(tooBig));
        assertEquals("query.limit: ensure this value is less than or equal to 100", e.detail());
    }

    @Test
    void unknownPathsGet404WithADetailString() {
        ApiResponse r = client.execute(ApiRequest.get(Endpoint.COURSES, "/v1/nothing-here").build());
        assertEquals(404, r.httpStatus());
        assertEquals("Not Found", RacingApiClient.parse(r).get("detail").asText());
    }

    @Test
    void racesAndRacecardsById() {
        SimRace race = server.world().racesOn(DAY).get(5);
        JsonNode result = RacingApiClient.parse(client.result(race.raceId()));
        assertEquals(race.raceId(), result.get("race_id").asText());
        assertEquals(race.runners().size(), result.get("runners").size());
        JsonNode card = RacingApiClient.parse(client.racecardPro(race.raceId()));
        assertEquals(race.runners().size() + race.nonRunners().size(), card.get("runners").size());
        assertEquals(Integer.toString(card.get("runners").size()), card.get("field_size").asText());
        assertEquals(404, client.result("rac_10000127").httpStatus()); // index 127 of 2000-01-01: no such race
        assertEquals(404, client.result("rac_" + (Long.parseLong(server.world().racesOn(TODAY).get(0).raceId().substring(4)))).httpStatus(),
                "today's races have no result yet");
    }

    @Test
    void racecardsCoverTheTrackingStartToAWeekAheadAndPrintTheClaimInTheJockeysName() {
        List<ApiResponse> week = client.racecardsPro(TODAY.plusDays(7), List.of("gb", "ire"));
        JsonNode page = RacingApiClient.parse(week.get(0));
        assertEquals(Set.of("racecards", "total", "limit", "skip", "query"), fieldNames(page));
        assertEquals(server.world().racesOn(TODAY.plusDays(7)).size(), page.get("total").asInt());
        boolean claimSeen = false;
        for (JsonNode card : page.get("racecards")) {
            for (JsonNode runner : card.get("runners")) {
                claimSeen |= runner.get("jockey").asText().matches(".+\\(\\d\\)");
                assertTrue(Set.of("colt", "filly", "gelding", "horse", "mare").contains(runner.get("sex").asText()));
            }
        }
        assertTrue(claimSeen, "apprentices' claims appear inside the jockey's name on cards");
        assertThrows(ApiException.RequestRejected.class, () -> client.racecardsPro(TODAY.plusDays(8), List.of("gb")));
    }

    @Test
    void horsesAndTheirPedigreeAreHorsesToo() {
        SimRunner runner = server.world().racesOn(DAY).get(0).runners().get(0);
        JsonNode standard = RacingApiClient.parse(client.horseStandard(runner.horse().id()));
        assertEquals(runner.horse().displayName(), standard.get("name").asText());
        String sireAsHorse = "hrs_" + standard.get("sire_id").asText().substring(4);
        assertEquals(standard.get("sire").asText(), RacingApiClient.parse(client.horseStandard(sireAsHorse)).get("name").asText());
        assertEquals(404, client.horseStandard("hrs_99").httpStatus());
        int proMissing = 0;
        for (SimRace race : server.world().racesOn(DAY).subList(0, 10)) {
            for (SimRunner r : race.runners()) {
                proMissing += client.horsePro(r.horse().id()).isNotFound() ? 1 : 0;
            }
        }
        assertTrue(proMissing > 0, "some horses have no detailed profile, as on the real API");
    }

    @Test
    void searchesFindPeopleByPartOfTheirNameAndNeedAName() {
        SimRunner runner = server.world().racesOn(DAY).get(0).runners().get(0);
        String surname = runner.trainerName().substring(runner.trainerName().indexOf(' ') + 1);
        JsonNode hits = RacingApiClient.parse(client.searchTrainers(surname.toLowerCase())).get("search_results");
        boolean found = false;
        for (JsonNode hit : hits) {
            found |= hit.get("id").asText().equals(runner.trainerId());
        }
        assertTrue(found, surname + " should find " + runner.trainerId());
        ApiException.RequestRejected e = assertThrows(ApiException.RequestRejected.class,
                () -> client.execute(ApiRequest.get(Endpoint.JOCKEY_SEARCH, "/v1/jockeys/search").build()));
        assertEquals("query.name: field required", e.detail());
    }

    @Test
    void everyRequestIsLogged() {
        long before = server.requestLog().count("/v1/courses/regions");
        client.regions();
        assertEquals(before + 1, server.requestLog().count("/v1/courses/regions"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> keys(JsonNode pairs) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<JsonNode> it = pairs.elements(); it.hasNext(); ) {
            out.add(it.next().get(0).asText());
        }
        return out;
    }
}
