package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One race's result: an item of a {@link ResultsPage} and the answer of {@code GET /v1/results/{race_id}}.
 * {@code off} is a 12-hour clock without am/pm ("8:10" is 20:10); use {@link #offDt()}.
 * Tote fields keep their currency symbol ("£9.50"); {@code tote_pl} holds one amount per placed horse.
 */
public record Result(
        @JsonProperty("race_id") String raceId,
        @JsonProperty("date") LocalDate date,
        @JsonProperty("region") String region,
        @JsonProperty("course") String course,
        @JsonProperty("course_id") String courseId,
        @JsonProperty("off") String off,
        @JsonProperty("off_dt") OffsetDateTime offDt,
        @JsonProperty("race_name") String raceName,
        @JsonProperty("type") String type,
        @JsonProperty("class") String raceClass,
        @JsonProperty("pattern") String pattern,
        @JsonProperty("rating_band") String ratingBand,
        @JsonProperty("age_band") String ageBand,
        @JsonProperty("sex_rest") String sexRestriction,
        @JsonProperty("dist") String distance,
        @JsonProperty("dist_y") Integer distYards,
        @JsonProperty("dist_m") Integer distMetres,
        @JsonProperty("dist_f") String distFurlongs,
        @JsonProperty("going") String going,
        @JsonProperty("surface") String surface,
        @JsonProperty("jumps") String jumps,
        @JsonProperty("runners") List<ResultRunner> runners,
        @JsonProperty("winning_time_detail") String winningTimeDetail,
        @JsonProperty("comments") String comments,
        @JsonProperty("non_runners") String nonRunners,
        @JsonProperty("tote_win") String toteWin,
        @JsonProperty("tote_pl") String totePlace,
        @JsonProperty("tote_ex") String toteExacta,
        @JsonProperty("tote_csf") String toteCsf,
        @JsonProperty("tote_tricast") String toteTricast,
        @JsonProperty("tote_trifecta") String toteTrifecta) {
}
