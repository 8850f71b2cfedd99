package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Requests the API would answer with 422 are refused before sending, with a message that says what to change. */
class RequestLimitsTest {

    /** A client pointed at a port nothing listens on: any request actually sent would fail differently. */
    private final RacingApiClient client = RacingApiClient.builder(ApiBaseUrl.parse("http://127.0.0.1:9"),
            new Credentials("u", "p")).build();

    private static ApiException.RequestRejected refused(Executable call) {
        ApiException.RequestRejected e = assertThrows(ApiException.RequestRejected.class, call);
        assertTrue(e.refusedLocally(), e.getMessage());
        return e;
    }

    @Test
    void aDateRangeOfMoreThan365DaysIsRefused() {
        ApiException.RequestRejected e = refused(() -> client.results(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 2), List.of("gb")));
        assertEquals("a date range spans at most 365 days, 2024-01-01 to 2025-01-02 spans 367", e.detail());
        refused(() -> client.results(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 1), List.of("gb")));
    }

    @Test
    void limitsAboveTheDocumentedMaximaAreRefused() {
        ApiRequest tooMany = ApiRequest.get(Endpoint.RESULTS, "/v1/results").param("limit", 101).build();
        assertEquals("limit must be between 1 and 100 for results, got 101", refused(() -> client.fetchAll(tooMany)).detail());
        ApiRequest cards = ApiRequest.get(Endpoint.RACECARDS_PRO, "/v1/racecards/pro").param("limit", 501).build();
        assertEquals("limit must be between 1 and 500 for racecards_pro, got 501", refused(() -> client.fetchAll(cards)).detail());
        ApiRequest deep = ApiRequest.get(Endpoint.RACECARDS_PRO, "/v1/racecards/pro").param("skip", 600).build();
        refused(() -> client.fetchAll(deep));
    }

    @Test
    void idsMustCarryTheirPrefixAndSearchesAName() {
        assertEquals("expected an id like hrs_123, got 'rac_1'", refused(() -> client.horsePro("rac_1")).detail());
        refused(() -> client.result("12345"));
        refused(() -> client.racecardPro("rac_1/../x"));
        assertEquals("name is required", refused(() -> client.searchJockeys(" ")).detail());
        refused(() -> client.courses(List.of("Great Britain")));
    }
}
