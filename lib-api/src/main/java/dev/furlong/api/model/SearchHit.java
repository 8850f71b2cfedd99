package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One hit of a jockey, trainer or owner name search: the id ({@code jky_}, {@code trn_}, {@code own_}) and name. */
public record SearchHit(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name) {
}
