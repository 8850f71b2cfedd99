package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void listsAreRepeatedKeysAndPlusAndAmpersandArePercentEncoded() {
        ApiRequest r = ApiRequest.get(Endpoint.RESULTS, "/v1/results")
                .params("region", List.of("gb", "ire"))
                .param("age_band", "4yo+")
                .param("sex_restriction", "f&m")
                .build();
        assertEquals("region=gb&region=ire&age_band=4yo%2B&sex_restriction=f%26m", r.encodedQuery());
    }

    @Test
    void theRequestKeyIsThePathWithTheQuerySortedSoParameterOrderDoesNotMatter() {
        ApiRequest a = ApiRequest.get(Endpoint.RESULTS, "/v1/results").param("limit", 100).param("end_date", "2025-10-13").build();
        ApiRequest b = ApiRequest.get(Endpoint.RESULTS, "/v1/results").param("end_date", "2025-10-13").param("limit", 100).build();
        assertEquals("/v1/results?end_date=2025-10-13&limit=100", a.requestKey());
        assertEquals(a.requestKey(), b.requestKey());
    }

    @Test
    void resultsForOneDateAskForTheWholeDayAtTheMaximumPageSize() {
        ApiRequest r = RacingApiClient.resultsRequest(LocalDate.of(2025, 10, 13), List.of("GB", "ire"));
        assertEquals("start_date=2025-10-13&end_date=2025-10-13&region=gb&region=ire&limit=100&skip=0", r.encodedQuery());
        assertEquals("/v1/results?end_date=2025-10-13&limit=100&region=gb&region=ire&skip=100&start_date=2025-10-13",
                r.withSkip(100).requestKey());
    }

    @Test
    void pathsMustBeUnderV1() {
        assertThrows(IllegalArgumentException.class, () -> ApiRequest.get(Endpoint.COURSES, "/courses").build());
    }
}
