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
        server = SandboxServer.start(SandboxConfig.defaults(TODAY), 0);
        client = clientFor(server, "sandbox");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static RacingApiClient clientFor(SandboxServer s, String password) {
        return RacingApiClient.builder(ApiBaseUrl.parse(s.baseUrl()), new Credentials("sandbox", password))
                .rateLimits(RateLimits.of(1000, Map.of(Endpoint.RESULTS, 1000.0, Endpoint.COURSES, 1000.0, Endpoint.REGIONS, 1000.0)))
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
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherWorld() throws Exception {
        ApiRequest day = RacingApiClient.resultsRequest(DAY, List.of("gb", "ire"));
        String body = client.execute(day).body();
        try (SandboxServer twin = SandboxServer.start(SandboxConfig.defaults(TODAY), 0);
             RacingApiClient twinClient = clientFor(twin, "sandbox")) {
            assertEquals(body, twinClient.execute(day).body());
        }
        SandboxConfig other = new SandboxConfig(7, "sandbox", "sandbox", false, TODAY);
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
        try (SandboxServer historical = SandboxServer.start(SandboxConfig.defaults(TODAY).withHistoricalResults(true), 0);
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
