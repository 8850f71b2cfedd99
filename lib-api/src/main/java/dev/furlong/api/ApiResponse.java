package dev.furlong.api;

import java.time.Instant;

/**
 * A final answer from the API: 200 with a body, or 404, which is a valid "there is nothing here" and is stored like any other.
 */
public record ApiResponse(ApiRequest request, int httpStatus, String body, Instant fetchedAt) {

    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
