package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** A racecard runner's earlier owner and the date the horse left them. */
public record PreviousOwner(
        @JsonProperty("owner") String owner,
        @JsonProperty("owner_id") String ownerId,
        @JsonProperty("change_date") LocalDate changeDate) {
}
