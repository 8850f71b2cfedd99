package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of results: {@code GET /v1/results} and the entity results ({@code /v1/jockeys/{id}/results},
 * {@code /v1/horses/{id}/results}, ...). {@code results} may be null; {@code query} echoes the request as
 * {@code [name, value]} pairs.
 */
public record ResultsPage(
        @JsonProperty("results") List<Result> results,
        @JsonProperty("total") Integer total,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("skip") Integer skip,
        @JsonProperty("query") List<List<String>> query) {
}
