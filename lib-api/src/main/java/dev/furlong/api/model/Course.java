package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One course from {@code GET /v1/courses}, e.g. {@code crs_52} "Ascot" in gb / "Great Britain". */
public record Course(
        @JsonProperty("id") String id,
        @JsonProperty("course") String name,
        @JsonProperty("region_code") String regionCode,
        @JsonProperty("region") String regionName) {
}
