package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A horse from {@code GET /v1/horses/{horse_id}/standard}: name and pedigree ids. */
public record HorseStandard(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("sire") String sire,
        @JsonProperty("sire_id") String sireId,
        @JsonProperty("dam") String dam,
        @JsonProperty("dam_id") String damId,
        @JsonProperty("damsire") String damsire,
        @JsonProperty("damsire_id") String damsireId) {
}
