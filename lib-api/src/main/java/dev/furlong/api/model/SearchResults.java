package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code GET /v1/{jockeys,trainers,owners}/search}: every hit, no paging. */
public record SearchResults(
        @JsonProperty("search_results") List<SearchHit> hits) {
}
