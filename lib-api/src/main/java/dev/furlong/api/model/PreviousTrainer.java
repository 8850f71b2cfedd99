package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** A racecard runner's earlier trainer and the date the horse left them. */
public record PreviousTrainer(
        @JsonProperty("trainer") String trainer,
        @JsonProperty("trainer_id") String trainerId,
        @JsonProperty("change_date") LocalDate changeDate) {
}
