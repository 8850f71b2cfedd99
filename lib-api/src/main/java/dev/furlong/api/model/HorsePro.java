package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** A horse from {@code GET /v1/horses/{horse_id}/pro}: the standard profile plus birth date, sex, colour, breeder. */
public record HorsePro(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("dob") LocalDate dateOfBirth,
        @JsonProperty("sex") String sex,
        @JsonProperty("sex_code") String sexCode,
        @JsonProperty("colour") String colour,
        @JsonProperty("colour_code") String colourCode,
        @JsonProperty("breeder") String breeder,
        @JsonProperty("sire") String sire,
        @JsonProperty("sire_id") String sireId,
        @JsonProperty("dam") String dam,
        @JsonProperty("dam_id") String damId,
        @JsonProperty("damsire") String damsire,
        @JsonProperty("damsire_id") String damsireId) {
}
