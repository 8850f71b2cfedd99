package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A racecard runner's trainer's last 14 days: runs, wins and win percentage. All null when the API sends {@code {}}. */
public record TrainerForm(
        @JsonProperty("runs") Integer runs,
        @JsonProperty("wins") Integer wins,
        @JsonProperty("percent") Double percent) {
}
