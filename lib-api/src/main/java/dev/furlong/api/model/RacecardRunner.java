package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * One runner of a pro {@link Racecard}. Names come without region ("Raging Raj" plus {@code region} "IRE"); {@code sex}
 * is a word ("gelding") with {@code sex_code} "G"; {@code jockey} may carry the claim ("Rose Dawes(5)") and
 * {@code jockey_id} may be "". Ratings are null where the API writes "-".
 */
public record RacecardRunner(
        @JsonProperty("horse_id") String horseId,
        @JsonProperty("horse") String horse,
        @JsonProperty("dob") LocalDate dateOfBirth,
        @JsonProperty("age") Integer age,
        @JsonProperty("sex") String sex,
        @JsonProperty("sex_code") String sexCode,
        @JsonProperty("colour") String colour,
        @JsonProperty("region") String region,
        @JsonProperty("breeder") String breeder,
        @JsonProperty("dam") String dam,
        @JsonProperty("dam_id") String damId,
        @JsonProperty("dam_region") String damRegion,
        @JsonProperty("sire") String sire,
        @JsonProperty("sire_id") String sireId,
        @JsonProperty("sire_region") String sireRegion,
        @JsonProperty("damsire") String damsire,
        @JsonProperty("damsire_id") String damsireId,
        @JsonProperty("damsire_region") String damsireRegion,
        @JsonProperty("trainer") String trainer,
        @JsonProperty("trainer_id") String trainerId,
        @JsonProperty("trainer_location") String trainerLocation,
        @JsonProperty("trainer_14_days") TrainerForm trainer14Days,
        @JsonProperty("owner") String owner,
        @JsonProperty("owner_id") String ownerId,
        @JsonProperty("prev_trainers") List<PreviousTrainer> previousTrainers,
        @JsonProperty("prev_owners") List<PreviousOwner> previousOwners,
        @JsonProperty("comment") String comment,
        @JsonProperty("spotlight") String spotlight,
        @JsonProperty("quotes") List<Quote> quotes,
        @JsonProperty("stable_tour") List<StableTourQuote> stableTour,
        @JsonProperty("medical") List<MedicalRecord> medical,
        @JsonProperty("number") Integer number,
        @JsonProperty("draw") Integer draw,
        @JsonProperty("headgear") String headgear,
        @JsonProperty("headgear_run") Integer headgearRun,
        @JsonProperty("wind_surgery") String windSurgery,
        @JsonProperty("wind_surgery_run") Integer windSurgeryRun,
        @JsonProperty("past_results_flags") List<String> pastResultsFlags,
        @JsonProperty("lbs") Integer weightLbs,
        @JsonProperty("ofr") Integer officialRating,
        @JsonProperty("rpr") Integer racingPostRating,
        @JsonProperty("ts") Integer topspeedRating,
        @JsonProperty("jockey") String jockey,
        @JsonProperty("jockey_id") String jockeyId,
        @JsonProperty("silk_url") String silkUrl,
        @JsonProperty("last_run") Integer daysSinceLastRun,
        @JsonProperty("form") String form,
        @JsonProperty("trainer_rtf") Integer trainerRunningToFormPercent,
        @JsonProperty("odds") List<Odds> odds) {
}
