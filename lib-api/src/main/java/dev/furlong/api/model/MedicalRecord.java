package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** A racecard runner's medical event, e.g. "Wind surgery" on a date. */
public record MedicalRecord(
        @JsonProperty("date") LocalDate date,
        @JsonProperty("type") String type) {
}
