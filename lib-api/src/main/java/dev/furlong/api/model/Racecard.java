package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One race's card: an item of a {@link RacecardsPage} and the answer of {@code GET /v1/racecards/{race_id}/pro}.
 * {@code off_time} is a 12-hour clock without am/pm; use {@link #offDt()}. {@code distance_f} is a rounded decimal
 * ("8.0" for "1m53y"), unlike results' {@code dist_f}. {@code prize} keeps its symbol and separators ("£12,851").
 */
public record Racecard(
        @JsonProperty("race_id") String raceId,
        @JsonProperty("course") String course,
        @JsonProperty("course_id") String courseId,
        @JsonProperty("date") LocalDate date,
        @JsonProperty("off_time") String offTime,
        @JsonProperty("off_dt") OffsetDateTime offDt,
        @JsonProperty("race_name") String raceName,
        @JsonProperty("distance_round") String distanceRound,
        @JsonProperty("distance") String distance,
        @JsonProperty("distance_f") Double distanceFurlongs,
        @JsonProperty("region") String region,
        @JsonProperty("pattern") String pattern,
        @JsonProperty("race_class") String raceClass,
        @JsonProperty("type") String type,
        @JsonProperty("age_band") String ageBand,
        @JsonProperty("rating_band") String ratingBand,
        @JsonProperty("sex_restriction") String sexRestriction,
        @JsonProperty("prize") String prize,
        @JsonProperty("field_size") Integer fieldSize,
        @JsonProperty("going_detailed") String goingDetailed,
        @JsonProperty("rail_movements") String railMovements,
        @JsonProperty("stalls") String stalls,
        @JsonProperty("weather") String weather,
        @JsonProperty("going") String going,
        @JsonProperty("surface") String surface,
        @JsonProperty("jumps") String jumps,
        @JsonProperty("runners") List<RacecardRunner> runners,
        @JsonProperty("big_race") Boolean bigRace,
        @JsonProperty("is_abandoned") Boolean abandoned,
        @JsonProperty("tip") String tip,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("betting_forecast") String bettingForecast,
        @JsonProperty("race_status") String raceStatus) {
}
