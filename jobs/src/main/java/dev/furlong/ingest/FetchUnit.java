package dev.furlong.ingest;

import dev.furlong.api.ApiRequest;
import dev.furlong.api.Endpoint;
import java.time.LocalDate;

/**
 * One unit of fetch work: a question whose answer (all its pages) lands in bronze together. {@code partitionDate} is the race
 * date for date-based endpoints and the fetch date otherwise.
 */
public record FetchUnit(Endpoint endpoint, ApiRequest firstRequest, LocalDate partitionDate) {

    public String requestKey() {
        return firstRequest.requestKey();
    }
}
