package dev.furlong.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Renders the world as the API's JSON: string-typed values, display forms, key order as in the captured answers. */
final class SandboxJson {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter OFF_DT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private SandboxJson() {
    }

    static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArrayNode regions(List<String[]> regions) {
        ArrayNode array = JSON.createArrayNode();
        for (String[] r : regions) {
            array.addObject().put("region", r[0]).put("region_code", r[1]);
        }
        return array;
    }

    static ObjectNode courses(List<SimCourse> courses) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("courses");
        for (SimCourse c : courses) {
            items.addObject().put("id", c.id()).put("course", c.name()).put("region_code", c.regionCode().toLowerCase())
                    .put("region", c.regionName());
        }
        page.put("total", courses.size());
        return page;
    }

    /** A page of a list: its items, {@code total}, {@code limit}, {@code skip}, and {@code query} echoing the filters. */
    static ObjectNode page(String itemsField, List<ObjectNode> items, int total, int limit, int skip,
                           List<Map.Entry<String, String>> echo) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray(itemsField).addAll(items);
        root.put("total", total).put("limit", limit).put("skip", skip);
        ArrayNode query = root.putArray("query");
        echo.forEach(e -> query.addArray().add(e.getKey()).add(e.getValue()));
        return root;
    }

    static ObjectNode result(SimRace race) {
        return result(race, false);
    }

    /**
     * A beaten distance as sent: the lengths, or, with the text-distances fault, the words the real feed sometimes sends
     * instead: "dht" for a dead-heater, "nk" for half a length or less.
     */
    static String btnText(SimRunner r, int index, boolean textDistances) {
        if (!textDistances) {
            return r.btn();
        }
        if (index > 0 && r.position().equals("1")) {
            return "dht";
        }
        try {
            double lengths = Double.parseDouble(r.btn());
            return lengths > 0 && lengths <= 0.5 ? "nk" : r.btn();
        } catch (NumberFormatException e) {
            return r.btn();
        }
    }

    /** A result as {@code /v1/results} sends it; {@code textDistances} injects beaten distances as words. */
    static ObjectNode result(SimRace race, boolean textDistances) {
        ObjectNode o = JSON.createObjectNode();
        int hour = race.off().getHour() % 12 == 0 ? 12 : race.off().getHour() % 12;
        o.put("race_id", race.raceId())
                .put("date", race.dateText())
                .put("region", race.course().regionCode())
                .put("course", race.course().displayName())
                .put("course_id", race.course().id())
                .put("off", hour + ":" + String.format("%02d", race.off().getMinute()))
                .put("off_dt", race.offKnown() ? OFF_DT.format(race.off()) : "")
                .put("race_name", race.raceName())
                .put("type", race.type())
                .put("class", race.raceClass())
                .put("pattern", race.pattern())
                .put("rating_band", race.ratingBand())
                .put("age_band", race.ageBand())
                .put("sex_rest", race.sexRestriction())
                .put("dist", distanceText(race.distanceYards()))
                .put("dist_y", Integer.toString(race.distanceYards()))
                .put("dist_m", Long.toString(Math.round(race.distanceYards() * 0.9144)))
                .put("dist_f", furlongsText(race.distanceYards()))
                .put("going", race.going())
                .put("surface", race.surface())
                .put("jumps", race.jumps());
        ArrayNode runners = o.putArray("runners");
        for (int i = 0; i < race.runners().size(); i++) {
            SimRunner r = race.runners().get(i);
            runners.addObject()
                    .put("horse_id", r.horse().id())
                    .put("horse", r.horse().displayName())
                    .put("sp", r.sp())
                    .put("sp_dec", r.spDec())
                    .put("number", r.number())
                    .put("position", r.position())
                    .put("draw", r.draw())
                    .put("btn", btnText(r, i, textDistances))
                    .put("ovr_btn", r.ovrBtn())
                    .put("age", Integer.toString(r.age()))
                    .put("sex", r.horse().sexCodeAt(r.age()))
                    .put("weight", r.weight())
                    .put("weight_lbs", Integer.toString(r.weightLbs()))
                    .put("headgear", r.headgear())
                    .put("time", r.time())
                    .put("or", r.officialRating())
                    .put("rpr", r.rpr())
                    .put("tsr", r.tsr())
                    .put("prize", r.prize())
                    .put("jockey", r.jockeyName())
                    .put("jockey_claim_lbs", Integer.toString(r.jockeyClaim()))
                    .put("jockey_id", r.jockeyId())
                    .put("trainer", r.trainerName())
                    .put("trainer_id", r.trainerId())
                    .put("owner", r.ownerName())
                    .put("owner_id", r.ownerId())
                    .put("sire", r.sire().displayName())
                    .put("sire_id", "sir_" + r.sire().number())
                    .put("dam", r.dam().displayName())
                    .put("dam_id", "dam_" + r.dam().number())
                    .put("damsire", r.damsire().name())
                    .put("damsire_id", "dsi_" + r.damsire().number())
                    .put("comment", r.comment())
                    .put("silk_url", "https://silks.sandbox.invalid/svg/" + r.ownerId().substring(4) + ".svg");
        }
        o.put("winning_time_detail", race.winningTimeDetail())
                .put("comments", race.comments())
                .put("non_runners", race.nonRunnersText())
                .put("tote_win", race.toteWin())
                .put("tote_pl", race.totePlace())
                .put("tote_ex", race.toteExacta())
                .put("tote_csf", race.toteCsf())
                .put("tote_tricast", race.toteTricast())
                .put("tote_trifecta", race.toteTrifecta());
        return o;
    }

    /** "1m3f", "2m7f110y", "5f": miles, furlongs and yards, zero parts left out. */
    static String distanceText(int yards) {
        int miles = yards / 1760;
        int furlongs = yards % 1760 / 220;
        int rest = yards % 220;
        StringBuilder s = new StringBuilder();
        if (miles > 0) {
            s.append(miles).append('m');
        }
        if (furlongs > 0) {
            s.append(furlongs).append('f');
        }
        if (rest > 0) {
            s.append(rest).append('y');
        }
        return s.toString();
    }

    /** Results' {@code dist_f}: furlongs to the nearest half, with an "f" ("11f", "8.5f"). */
    static String furlongsText(int yards) {
        double halves = Math.round(yards / 110.0) / 2.0;
        return (halves == Math.floor(halves) ? Integer.toString((int) halves) : Double.toString(halves)) + "f";
    }
}
