package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An earlier price in an {@link Odds} history, as the price stood from {@code changed_at}. */
public record OddsChange(
        @JsonProperty("changed_at") OffsetDateTime changedAt,
        @JsonProperty("fractional") String fractional,
        @JsonProperty("decimal") BigDecimal decimal) {
}
