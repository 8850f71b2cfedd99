package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * A quote about a racecard runner after one of its past races. {@code distance_f} stays text: the captured answer
 * sends "8", the spec's example "12f".
 */
public record Quote(
        @JsonProperty("date") LocalDate date,
        @JsonProperty("horse") String horse,
        @JsonProperty("horse_id") String horseId,
        @JsonProperty("race") String race,
        @JsonProperty("race_id") String raceId,
        @JsonProperty("course") String course,
        @JsonProperty("course_id") String courseId,
        @JsonProperty("distance_f") String distanceFurlongs,
        @JsonProperty("distance_y") Integer distanceYards,
        @JsonProperty("quote") String quote) {
}
