package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A trainer's stable-tour remark about a racecard runner. */
public record StableTourQuote(
        @JsonProperty("quote") String quote) {
}
