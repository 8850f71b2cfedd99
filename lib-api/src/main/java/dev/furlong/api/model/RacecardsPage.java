package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of {@code GET /v1/racecards/pro}; {@code query} echoes the request as {@code [name, value]} pairs. */
public record RacecardsPage(
        @JsonProperty("racecards") List<Racecard> racecards,
        @JsonProperty("total") Integer total,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("skip") Integer skip,
        @JsonProperty("query") List<List<String>> query) {
}
