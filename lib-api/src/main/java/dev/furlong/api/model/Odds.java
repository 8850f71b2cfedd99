package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * One bookmaker's price for a racecard runner. {@code fractional} stays text ("10/3"; Betfair Exchange repeats the
 * decimal there, "7.2"). {@code updated} stays text: "2025-10-14 13:43:08" carries no zone. Each-way terms are null
 * when the bookmaker offers none. {@code history} is absent (null) on standard racecards.
 */
public record Odds(
        @JsonProperty("bookmaker") String bookmaker,
        @JsonProperty("fractional") String fractional,
        @JsonProperty("decimal") BigDecimal decimal,
        @JsonProperty("ew_places") Integer eachWayPlaces,
        @JsonProperty("ew_denom") Integer eachWayDenominator,
        @JsonProperty("updated") String updated,
        @JsonProperty("history") List<OddsChange> history) {
}
