package dev.furlong.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furlong.api.ApiBaseUrl;
import dev.furlong.api.ApiException;
import dev.furlong.api.ApiResponse;
import dev.furlong.api.Credentials;
import dev.furlong.api.Endpoint;
import dev.furlong.api.RacingApiClient;
import dev.furlong.api.http.RetryPolicy;
import dev.furlong.api.model.ResultsPage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real API's rules, over HTTP with the lib-api client: rate limits, corrections after the day, faults, the truth export. */
class SandboxRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    /** A client that neither throttles nor retries: it shows exactly what the server says. */
    static RacingApiClient bare(SandboxServer s) {
        return RacingApiClient.builder(ApiBaseUrl.parse(s.baseUrl()), new Credentials("sandbox", "sandbox"))
                .rateLimits(SandboxServerTest.unthrottled())
                .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(5)))
                .build();
    }

    @Test
    void eachEndpointAllowsABurstOfAFewThenSays429() throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxConfig.defaults(TODAY), 0); RacingApiClient c = bare(s)) {
            c.regions();
            c.regions(); // two in a row are both answered
            c.regions();
            ApiException.RetriesExhausted e = assertThrows(ApiException.RetriesExhausted.class, c::regions);
            assertEquals(429, e.lastStatus());
            c.courses(); // another endpoint has its own bucket
        }
    }

    @Test
    void theEdgeBlocksEverythingOncePastItsLimit() throws Exception {
        SandboxConfig config = SandboxConfig.defaults(TODAY).withRateLimits(false)
                .withEdgeLimit(new SandboxConfig.EdgeLimit(10, Duration.ofSeconds(10), Duration.ofMinutes(1)));
        try (SandboxServer s = SandboxServer.start(config, 0); RacingApiClient c = bare(s)) {
            for (int i = 0; i < 10; i++) {
                (i % 2 == 0 ? (Runnable) c::regions : (Runnable) c::courses).run();
            }
            assertEquals(429, assertThrows(ApiException.RetriesExhausted.class, c::courses).lastStatus());
            assertEquals(429, assertThrows(ApiException.RetriesExhausted.class, c::regions).lastStatus(), "blocked for a while");
        }
    }

    @Test
    void aClientAtTheDocumentedRatesIsNeverRefused() throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxConfig.defaults(TODAY), 0);
             RacingApiClient c = RacingApiClient.builder(ApiBaseUrl.parse(s.baseUrl()), new Credentials("sandbox", "sandbox")).build()) {
            for (int i = 0; i < 12; i++) {
                c.results(TODAY.minusDays(1 + i), List.of("gb", "ire"));
            }
            assertEquals(0, c.metrics().counts(Endpoint.RESULTS).tooManyRequests());
        }
    }

    @Test
    void resultsAreCorrectedAfterTheDay() throws Exception {
        SandboxWorld world = new SandboxWorld(SandboxConfig.DEFAULT_SEED);
        LocalDate day = LocalDate.of(2026, 11, 1);
        SimRace enquiry = null;
        for (LocalDate d = day; enquiry == null; d = d.plusDays(1)) {
            enquiry = world.racesOn(d).stream().filter(r -> r.stewardsEnquiry() && !r.disqualification()).findFirst().orElse(null);
        }
        LocalDate raced = enquiry.date();
        SimRace nextDay = enquiry.asServedOn(raced.plusDays(1));
        SimRace later = enquiry.asServedOn(raced.plusDays(2));
        assertEquals("–", nextDay.runners().get(0).rpr(), "ratings are not in the evening after the race");
        assertEquals(enquiry.runners().get(0).horse(), nextDay.runners().get(0).horse());
        assertEquals(enquiry.runners().get(1).horse(), later.runners().get(0).horse(), "the stewards reversed the first two");
        assertEquals("1", later.runners().get(0).position());
        assertEquals("2", later.runners().get(1).position());

        // Over HTTP: the same day fetched on two different days differs, as the mutable window expects.
        String first;
        String second;
        try (SandboxServer s = SandboxServer.start(SandboxConfig.defaults(raced.plusDays(1)).withRateLimits(false), 0);
             RacingApiClient c = bare(s)) {
            first = c.result(enquiry.raceId()).body();
        }
        try (SandboxServer s = SandboxServer.start(SandboxConfig.defaults(raced.plusDays(2)).withRateLimits(false), 0);
             RacingApiClient c = bare(s)) {
            second = c.result(enquiry.raceId()).body();
        }
        assertNotEquals(first, second);
    }

    @Test
    void aDisqualifiedWinnerIsListedLastAndTheOthersMoveUp() {
        SandboxWorld world = new SandboxWorld(SandboxConfig.DEFAULT_SEED);
        SimRace dsq = null;
        for (LocalDate d = LocalDate.of(2026, 11, 1); dsq == null; d = d.plusDays(1)) {
            dsq = world.racesOn(d).stream().filter(r -> r.disqualification() && r.runners().size() > 3
                    && r.runners().get(1).position().equals("2") && r.runners().get(2).position().equals("3")).findFirst().orElse(null);
        }
        SimRace before = dsq.asServedOn(dsq.date().plusDays(1));
        SimRace after = dsq.asServedOn(dsq.date().plusDays(2));
        SimRace later = dsq.asServedOn(dsq.date().plusDays(3));
        assertEquals(before.runners().get(1).horse(), after.runners().get(0).horse(), "the second is promoted");
        assertEquals("1", after.runners().get(0).position());
        assertEquals(before.runners().get(0).prize(), after.runners().get(0).prize(), "with the winner's prize");
        assertEquals("2", after.runners().get(1).position());
        SimRunner last = after.runners().get(after.runners().size() - 1);
        assertEquals(before.runners().get(0).horse(), last.horse());
        assertEquals("DSQ", last.position());
        assertEquals("", last.prize());
        assertEquals("–", later.runners().get(0).rpr(), "the promoted winner's rating is withdrawn on the third day");
        assertEquals(after.runners().get(0).tsr(), later.runners().get(0).tsr());
    }

    @Test
    void cardsDaysAheadHaveNoDrawsAndStillListScratchedHorses() {
        SandboxWorld world = new SandboxWorld(SandboxConfig.DEFAULT_SEED);
        SimRace race = null;
        for (LocalDate d = LocalDate.of(2026, 11, 1); race == null; d = d.plusDays(1)) {
            race = world.racesOn(d).stream().filter(r -> !r.scratched().isEmpty() && r.type().equals("Flat")).findFirst().orElse(null);
        }
        SimRace found = race;
        RacecardJson cards = new RacecardJson(world);
        var early = cards.racecard(race, race.date().minusDays(3));
        var onTheDay = cards.racecard(race, race.date());
        assertEquals(race.declared().size() + 1, early.get("runners").size());
        assertEquals("0", early.get("field_size").asText());
        assertEquals("0", early.get("runners").get(0).get("draw").asText());
        assertEquals(race.declared().size(), onTheDay.get("runners").size());
        assertEquals(Integer.toString(race.declared().size()), onTheDay.get("field_size").asText());
        assertTrue(onTheDay.get("runners").findValuesAsText("horse_id").stream().noneMatch(id -> id.equals(found.scratched().get(0).horse().id())));
        assertFalse(race.nonRunnersText().contains(race.scratched().get(0).horse().name()), "the result does not name it");
    }

    @Test
    void injectedFaultsAreRetriedThroughAndDriftIsVisible() throws Exception {
        SandboxConfig.Faults flaky = new SandboxConfig.Faults(Duration.ofMillis(2), 0.2, 0.1, 0.1, 0, 0.1);
        SandboxConfig config = SandboxConfig.defaults(TODAY).withRateLimits(false).withFaults(SandboxEndpoint.RESULTS, flaky);
        try (SandboxServer s = SandboxServer.start(config, 0);
             RacingApiClient c = RacingApiClient.builder(ApiBaseUrl.parse(s.baseUrl()), new Credentials("sandbox", "sandbox"))
                     .rateLimits(SandboxServerTest.unthrottled())
                     .retryPolicy(new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)))
                     .build()) {
            for (int i = 1; i <= 15; i++) {
                List<ApiResponse> pages = c.results(TODAY.minusDays(i), List.of("gb", "ire"));
                ResultsPage page = pages.get(0).model(ResultsPage.class).orElseThrow();
                assertEquals(s.world().racesOn(TODAY.minusDays(i)).size(), page.total());
            }
            assertTrue(c.metrics().counts(Endpoint.RESULTS).retries() > 0, "faults were injected and retried");
            assertTrue(s.requestLog().entries().stream().anyMatch(e -> e.status() == 503));
            assertTrue(s.requestLog().entries().stream().anyMatch(e -> e.status() == 0), "a connection was reset");
        }
        SandboxConfig drifting = SandboxConfig.defaults(TODAY).withRateLimits(false)
                .withFaults(SandboxEndpoint.RESULTS, new SandboxConfig.Faults(Duration.ZERO, 0, 0, 0, 1, 0));
        try (SandboxServer s = SandboxServer.start(drifting, 0); RacingApiClient c = bare(s)) {
            JsonNode runner = RacingApiClient.parse(c.results(TODAY.minusDays(1), List.of("gb")).get(0))
                    .get("results").get(0).get("runners").get(0);
            assertTrue(runner.get("horse_id") == null, "the first runner lost its horse_id");
            assertTrue(runner.get("weight_lbs").isObject(), "a number arrived as an object");
        }
    }

    @Test
    void theTruthExportIsWhatTheApiServes() throws Exception {
        LocalDate from = TODAY.minusDays(3);
        LocalDate to = TODAY.minusDays(1);
        try (SandboxServer s = SandboxServer.start(SandboxConfig.defaults(TODAY).withRateLimits(false), 0); RacingApiClient c = bare(s)) {
            List<SimRace> truth = s.truth(from, to);
            int served = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                for (ApiResponse page : c.results(d, List.of("gb", "ire"))) {
                    for (JsonNode race : RacingApiClient.parse(page).get("results")) {
                        SimRace expected = truth.stream().filter(t -> t.raceId().equals(race.get("race_id").asText())).findFirst().orElseThrow();
                        assertEquals(expected.runners().size(), race.get("runners").size());
                        assertEquals(expected.runners().get(0).horse().id(), race.get("runners").get(0).get("horse_id").asText());
                        assertEquals(expected.runners().get(0).rpr(), race.get("runners").get(0).get("rpr").asText());
                        served++;
                    }
                }
            }
            assertEquals(truth.size(), served);
        }
    }

    /** Races of today that {@code /v1/results/today} lists at a moment of the day. */
    static List<String> resultsTodayAt(java.time.LocalDateTime now) throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxConfig.defaults(now), 0); RacingApiClient c = bare(s)) {
            List<String> ids = new java.util.ArrayList<>();
            for (ApiResponse page : c.resultsToday(List.of("gb", "ire"))) {
                RacingApiClient.parse(page).get("results").forEach(r -> ids.add(r.get("race_id").asText()));
            }
            return ids;
        }
    }

    @Test
    void todaysResultsArePublishedRaceByRaceThroughTheAfternoon() throws Exception {
        SandboxWorld world = new SandboxWorld(SandboxConfig.DEFAULT_SEED);
        List<SimRace> today = world.racesOn(TODAY).stream().filter(SimRace::offKnown)
                .sorted(java.util.Comparator.comparing(SimRace::off)).toList();
        assertTrue(today.size() > 10, "a Saturday has a full programme: " + today.size());
        java.time.LocalDateTime firstOff = today.get(0).off().withZoneSameInstant(java.time.ZoneId.of("Europe/London")).toLocalDateTime();
        assertEquals(List.of(), resultsTodayAt(TODAY.atTime(6, 0)), "nothing before the first race");
        assertEquals(List.of(), resultsTodayAt(firstOff.plusMinutes(14)), "the first result is in 15 minutes after the off");
        assertEquals(today.get(0).raceId(), resultsTodayAt(firstOff.plusMinutes(15)).get(0));
        List<String> afternoon = resultsTodayAt(TODAY.atTime(15, 0));
        List<String> night = resultsTodayAt(TODAY.atTime(23, 0));
        assertTrue(afternoon.size() > 0 && afternoon.size() < night.size(), afternoon.size() + " then " + night.size());
        assertEquals(night.subList(0, afternoon.size()), afternoon, "later answers only add races, in the order they were run");
        assertEquals(world.racesOn(TODAY).size(), night.size(), "every race by the end of the day");
    }
}
