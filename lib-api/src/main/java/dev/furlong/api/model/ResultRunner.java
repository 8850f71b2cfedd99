package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One runner of a {@link Result}, in finishing order. Names carry the region ("Veraison (IRE)"); {@code sex} is a
 * code ("G", "F"). Ratings, draw and beaten distances are null where the API writes "–", "-" or "".
 * {@code position} ("PU"), {@code sp} ("7/2J"), {@code weight} ("9-5") and {@code time} ("2:19.97", "-") stay text.
 * {@code prize} stays text: captured answers send "4187.20", but the spec's example sends "€5900".
 */
public record ResultRunner(
        @JsonProperty("horse_id") String horseId,
        @JsonProperty("horse") String horse,
        @JsonProperty("sp") String sp,
        @JsonProperty("sp_dec") BigDecimal spDec,
        @JsonProperty("bsp") BigDecimal bsp,
        @JsonProperty("number") Integer number,
        @JsonProperty("position") String position,
        @JsonProperty("draw") Integer draw,
        @JsonProperty("btn") Double beatenLengths,
        @JsonProperty("ovr_btn") Double overallBeatenLengths,
        @JsonProperty("age") Integer age,
        @JsonProperty("sex") String sex,
        @JsonProperty("weight") String weight,
        @JsonProperty("weight_lbs") Integer weightLbs,
        @JsonProperty("headgear") String headgear,
        @JsonProperty("time") String time,
        @JsonProperty("or") Integer officialRating,
        @JsonProperty("rpr") Integer racingPostRating,
        @JsonProperty("tsr") Integer topspeedRating,
        @JsonProperty("prize") String prize,
        @JsonProperty("jockey") String jockey,
        @JsonProperty("jockey_id") String jockeyId,
        @JsonProperty("jockey_claim_lbs") Integer jockeyClaimLbs,
        @JsonProperty("trainer") String trainer,
        @JsonProperty("trainer_id") String trainerId,
        @JsonProperty("owner") String owner,
        @JsonProperty("owner_id") String ownerId,
        @JsonProperty("sire") String sire,
        @JsonProperty("sire_id") String sireId,
        @JsonProperty("dam") String dam,
        @JsonProperty("dam_id") String damId,
        @JsonProperty("damsire") String damsire,
        @JsonProperty("damsire_id") String damsireId,
        @JsonProperty("comment") String comment,
        @JsonProperty("silk_url") String silkUrl) {
}
