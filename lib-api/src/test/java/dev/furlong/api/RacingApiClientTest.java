package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.api.http.RateLimits;
import dev.furlong.api.http.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class RacingApiClientTest {

    private static final String PASSWORD = "pa55-w0rd-never-logged";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private RacingApiClient client() {
        return RacingApiClient.builder(ApiBaseUrl.parse(server.url("/").toString()), new Credentials("user", PASSWORD))
                .rateLimits(RateLimits.of(1000, Map.of(Endpoint.RESULTS, 1000.0, Endpoint.REGIONS, 1000.0)))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10)))
                .build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static String page(int total, int limit, int skip, int items) {
        StringBuilder s = new StringBuilder("{\"results\":[");
        for (int i = 0; i < items; i++) {
            s.append(i == 0 ? "" : ",").append("{\"race_id\":\"rac_").append(skip + i).append("\"}");
        }
        return s.append("],\"total\":").append(total).append(",\"limit\":").append(limit).append(",\"skip\":").append(skip)
                .append(",\"query\":[]}").toString();
    }

    @Test
    void followsTotalAcrossPagesAndSendsBasicAuth() throws Exception {
        server.enqueue(json(200, page(250, 100, 0, 100)));
        server.enqueue(json(200, page(250, 100, 100, 100)));
        server.enqueue(json(200, page(250, 100, 200, 50)));
        try (RacingApiClient c = client()) {
            List<ApiResponse> pages = c.results(LocalDate.of(2025, 10, 13), List.of("gb", "ire"));
            assertEquals(3, pages.size());
        }
        RecordedRequest first = server.takeRequest();
        assertEquals("/v1/results?start_date=2025-10-13&end_date=2025-10-13&region=gb&region=ire&limit=100&skip=0", first.getTarget());
        assertEquals(okhttp3.Credentials.basic("user", PASSWORD), first.getHeaders().get("Authorization"));
        assertTrue(server.takeRequest().getTarget().endsWith("skip=100"));
        assertTrue(server.takeRequest().getTarget().endsWith("skip=200"));
    }

    @Test
    void racecardsUseTheirOwnParameterNamesAndPageBy500() throws Exception {
        server.enqueue(json(200, "{\"racecards\":[" + "{},".repeat(499) + "{}],\"total\":501,\"limit\":500,\"skip\":0,\"query\":[]}"));
        server.enqueue(json(200, "{\"racecards\":[{}],\"total\":501,\"limit\":500,\"skip\":500,\"query\":[]}"));
        try (RacingApiClient c = client()) {
            assertEquals(2, c.racecardsPro(LocalDate.of(2025, 10, 14), List.of("gb", "ire")).size());
        }
        assertEquals("/v1/racecards/pro?date=2025-10-14&region_codes=gb&region_codes=ire&limit=500&skip=0",
                server.takeRequest().getTarget());
        assertEquals("/v1/racecards/pro?date=2025-10-14&region_codes=gb&region_codes=ire&limit=500&skip=500",
                server.takeRequest().getTarget());
    }

    @Test
    void singleItemEndpointsAndSearchesSendTheDocumentedPaths() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.enqueue(json(200, "{}"));
        }
        try (RacingApiClient c = client()) {
            c.result("rac_11746254");
            c.racecardPro("rac_11746254");
            c.horsePro("hrs_6181308");
            c.horseStandard("hrs_6181308");
            c.searchTrainers("Henderson & Son");
            c.courses(List.of("gb", "ire"));
        }
        assertEquals("/v1/results/rac_11746254", server.takeRequest().getTarget());
        assertEquals("/v1/racecards/rac_11746254/pro", server.takeRequest().getTarget());
        assertEquals("/v1/horses/hrs_6181308/pro", server.takeRequest().getTarget());
        assertEquals("/v1/horses/hrs_6181308/standard", server.takeRequest().getTarget());
        assertEquals("/v1/trainers/search?name=Henderson%20%26%20Son", server.takeRequest().getTarget());
        assertEquals("/v1/courses?region_codes=gb&region_codes=ire", server.takeRequest().getTarget());
    }

    @Test
    void aShortPageWhileTotalSaysMoreStopsAsAnIncompleteAnswerNotAWholeOne() {
        server.enqueue(json(200, page(500, 100, 0, 40)));
        try (RacingApiClient c = client()) {
            ApiException.MalformedResponse e = assertThrows(ApiException.MalformedResponse.class,
                    () -> c.results(LocalDate.of(2025, 10, 13), List.of("gb")));
            assertTrue(e.getMessage().contains("40 of 500"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void stopsOnAnEmptyPage() {
        server.enqueue(json(200, page(0, 100, 0, 0)));
        try (RacingApiClient c = client()) {
            assertEquals(1, c.results(LocalDate.of(2025, 12, 25), List.of("gb")).size());
        }
    }

    @Test
    void retriesA429ThenSucceeds() {
        server.enqueue(json(429, "{\"detail\":\"Too Many Requests\"}"));
        server.enqueue(json(200, "[]"));
        try (RacingApiClient c = client()) {
            assertEquals(200, c.regions().httpStatus());
            assertEquals(1, c.metrics().counts(Endpoint.REGIONS).retries());
            assertEquals(1, c.metrics().counts(Endpoint.REGIONS).tooManyRequests());
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void a401IsAnAuthenticationErrorAndIsNotRetried() {
        server.enqueue(json(401, "{\"detail\":\"Not authenticated\"}"));
        try (RacingApiClient c = client()) {
            assertThrows(ApiException.AuthenticationFailed.class, c::regions);
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void a422CarriesTheApisDetailAndIsNotRetried() {
        server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"query\",\"limit\"],\"msg\":\"ensure this value is less than or equal to 100\","
                + "\"type\":\"value_error.number.not_le\"}]}"));
        try (RacingApiClient c = client()) {
            ApiException.RequestRejected e = assertThrows(ApiException.RequestRejected.class, c::courses);
            assertEquals("query.limit: ensure this value is less than or equal to 100", e.detail());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void a404IsAValidAnswerWithNoModel() {
        server.enqueue(json(404, "{\"detail\":\"Not Found\"}"));
        try (RacingApiClient c = client()) {
            ApiResponse answer = c.horsePro("hrs_1");
            assertTrue(answer.isNotFound());
            assertEquals(java.util.Optional.empty(), answer.model(dev.furlong.api.model.HorsePro.class));
        }
    }

    @Test
    void theRawBodyIsKeptAndTheModelParsedOnDemand() {
        String body = "{\"courses\":[{\"id\":\"crs_52\",\"course\":\"Ascot\",\"region_code\":\"gb\",\"region\":\"Great Britain\","
                + "\"opened\":\"1711\"}],\"total\":\"1\"}";
        server.enqueue(json(200, body));
        try (RacingApiClient c = client()) {
            ApiResponse answer = c.courses();
            assertEquals(body, answer.body());
            dev.furlong.api.model.CoursesPage page = answer.model(dev.furlong.api.model.CoursesPage.class).orElseThrow();
            assertEquals(1, page.total()); // a string-typed number, and an unknown field ("opened") tolerated
            assertEquals("Ascot", page.courses().get(0).name());
        }
    }

    @Test
    void aBodyThatDoesNotFitTheModelIsATypedFailure() {
        server.enqueue(json(200, "{\"courses\":[],\"total\":\"many\"}"));
        try (RacingApiClient c = client()) {
            ApiResponse answer = c.courses();
            ApiException.MalformedResponse e = assertThrows(ApiException.MalformedResponse.class,
                    () -> answer.model(dev.furlong.api.model.CoursesPage.class));
            assertTrue(e.getMessage().contains("CoursesPage"), e.getMessage());
        }
    }

    @Test
    void aTruncatedBodyIsATypedFailureThatKeepsTheRawBody() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, "{\"results\":[{\"race_id\":\"rac_1\""));
        }
        try (RacingApiClient c = client()) {
            ApiException.MalformedResponse e = assertThrows(ApiException.MalformedResponse.class, c::regions);
            assertEquals("{\"results\":[{\"race_id\":\"rac_1\"", e.rawBody());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void fiveHundredsExhaustTheRetriesIntoATypedFailureAndThePasswordIsNeverPrinted() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{}"));
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        java.util.List<String> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level rootLevel = root.getLevel();
        root.addHandler(handler);
        root.setLevel(java.util.logging.Level.ALL);
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            try (RacingApiClient c = client()) {
                ApiException.RetriesExhausted e = assertThrows(ApiException.RetriesExhausted.class, c::regions);
                assertEquals(503, e.lastStatus());
                assertEquals(3, e.attempts());
                e.printStackTrace();
                System.out.println(e.request());
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
            root.removeHandler(handler);
            root.setLevel(rootLevel);
        }
        String output = captured.toString(StandardCharsets.UTF_8) + String.join("\n", logged);
        assertTrue(output.contains("Gave up on regions"), output);
        assertFalse(output.contains(PASSWORD), "the password leaked into the output");
        assertFalse(output.contains(okhttp3.Credentials.basic("user", PASSWORD).substring(6)), "the encoded credentials leaked");
    }
}
