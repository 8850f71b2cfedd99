package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One region from {@code GET /v1/courses/regions} (a bare JSON array of these), e.g. "Great Britain" / "gb". */
public record Region(
        @JsonProperty("region") String name,
        @JsonProperty("region_code") String code) {
}
