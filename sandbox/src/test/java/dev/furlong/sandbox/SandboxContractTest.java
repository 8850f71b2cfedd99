package dev.furlong.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.furlong.api.ApiException;
import dev.furlong.api.ApiRequest;
import dev.furlong.api.ApiResponse;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer the sandbox gives validates against the schema the API's OpenAPI spec declares for it. */
class SandboxContractTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final Path SPEC = spec();

    /** The name the spec is registered under; nothing is fetched from it. */
    static final String SPEC_IRI = "https://spec.sandbox.invalid/openapi.yml";

    /** The API's OpenAPI spec, from the test resources ({@code racing-api/} at the repository's root). */
    static Path spec() {
        java.net.URL url = SandboxContractTest.class.getResource("/racing-api/openapi.yml");
        if (url == null) {
            throw new IllegalStateException("racing-api/openapi.yml is missing from the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SandboxServer server;
    static RacingApiClient client;
    static SchemaRegistry registry;
    static final Map<String, Schema> schemas = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(SPEC), "the API's OpenAPI spec is expected at " + SPEC);
        server = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false).withHistoricalResults(true), 0);
        client = SandboxServerTest.clientFor(server, "sandbox");
        String spec = Files.readString(SPEC);
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(SPEC_IRI, spec)));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static void assertValid(String schemaName, String json) {
        Schema schema = schemas.computeIfAbsent(schemaName, n ->
                registry.getSchema(SchemaLocation.of(SPEC_IRI + "#/components/schemas/" + n)));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertEquals(List.of(), errors, schemaName + " violated by " + (json.length() > 300 ? json.substring(0, 300) + "..." : json));
    }

    @Test
    void theValidatorCatchesAnAnswerThatBreaksTheContract() {
        Schema page = registry.getSchema(SchemaLocation.of(SPEC_IRI + "#/components/schemas/ResultsStandardPage"));
        List<Error> errors = page.validate("{\"results\":[{\"race_id\":7}],\"total\":\"39\"}", InputFormat.JSON);
        // a number where a string belongs, a string where a number belongs, missing envelope keys and race fields
        assertTrue(errors.size() >= 4, errors.toString());
        assertEquals(List.of(), page.validate("{\"results\":null,\"total\":0,\"limit\":100,\"skip\":0,\"query\":[]}",
                InputFormat.JSON));
    }

    @Test
    void everyEndpointOverManyRandomDaysMatchesItsSchema() {
        Random random = new Random(42);
        List<String> raceIds = new ArrayList<>();
        List<String> horseIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            LocalDate day = LocalDate.of(2005, 1, 1).plusDays(random.nextInt((int) (TODAY.toEpochDay() - LocalDate.of(2005, 1, 1).toEpochDay())));
            for (ApiResponse page : client.results(day, List.of("gb", "ire"))) {
                assertValid("ResultsStandardPage", page.body());
                for (JsonNode race : RacingApiClient.parse(page).get("results")) {
                    raceIds.add(race.get("race_id").asText());
                    race.get("runners").forEach(r -> horseIds.add(r.get("horse_id").asText()));
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            LocalDate day = LocalDate.of(2023, 1, 23).plusDays(random.nextInt((int) (TODAY.plusDays(7).toEpochDay() - LocalDate.of(2023, 1, 23).toEpochDay() + 1)));
            for (ApiResponse page : client.racecardsPro(day, List.of("gb", "ire"))) {
                assertValid("RacecardsOddsProPage", page.body());
            }
        }
        for (int i = 0; i < 5; i++) {
            String raceId = raceIds.get(random.nextInt(raceIds.size()));
            assertValid("ResultStandard", client.result(raceId).body());
            String horseId = horseIds.get(random.nextInt(horseIds.size()));
            ApiResponse pro = client.horsePro(horseId);
            if (!pro.isNotFound()) {
                assertValid("HorsePro", pro.body());
            }
            assertValid("Horse", client.horseStandard(horseId).body());
        }
        List<SimRace> recent = server.world().racesOn(TODAY.minusDays(3));
        assertValid("RacecardOddsPro", client.racecardPro(recent.get(0).raceId()).body());
        assertValid("CoursesPage", client.courses().body());
        for (JsonNode region : RacingApiClient.parse(client.regions())) {
            assertValid("Region", region.toString());
        }
        assertValid("Jockeys", client.searchJockeys("murphy").body());
        assertValid("Trainers", client.searchTrainers("o'brien").body());
        assertValid("Owners", client.searchOwners("partnership").body());
        ApiException.RequestRejected rejected = org.junit.jupiter.api.Assertions.assertThrows(ApiException.RequestRejected.class,
                () -> client.execute(ApiRequest.get(Endpoint.RACECARDS_PRO, "/v1/racecards/pro").param("date", "2022-01-01").build()));
        assertTrue(rejected.detail().startsWith("query.date: racecards are available from 2023-01-23"), rejected.detail());
    }
}
