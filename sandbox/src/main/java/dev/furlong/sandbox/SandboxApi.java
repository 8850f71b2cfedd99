package dev.furlong.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each endpoint answers, with the real API's rules: the results history window, racecards from 2023-01-23 to a week
 * ahead, paging limits, 422 in FastAPI's shape for bad parameters and 404 for unknown ids. No HTTP here: the server hands in a
 * path and the decoded query.
 */
final class SandboxApi {


    /** An HTTP status and a JSON body. */
    record Answer(int status, String body) {
        static Answer of(int status, String body) {
            return new Answer(status, body);
        }

        static Answer json(Object node) {
            return new Answer(200, SandboxJson.write(node));
        }
    }

    private static final Answer NOT_FOUND = Answer.of(404, "{\"detail\":\"Not Found\"}");

    private final SandboxWorld world;
    private final SandboxConfig config;
    private final RacecardJson cards;

    SandboxApi(SandboxWorld world, SandboxConfig config) {
        this.world = world;
        this.config = config;
        this.cards = new RacecardJson(world);
    }

    SandboxWorld world() {
        return world;
    }

    Answer answer(String rawPath, List<Map.Entry<String, String>> query) {
        String path = rawPath.replaceAll("/+$", "");
        SandboxEndpoint endpoint = SandboxEndpoint.of(path);
        if (endpoint == null) {
            return NOT_FOUND;
        }
        try {
            return switch (endpoint) {
                case REGIONS -> Answer.json(SandboxJson.regions(SandboxWorld.REGIONS));
                case COURSES -> courses(query);
                case RESULTS -> results(query);
                case RESULTS_TODAY -> resultsToday(query);
                case RESULT -> result(match(SandboxEndpoint.RESULT_PATH, path));
                case RACECARDS_PRO -> racecards(query);
                case RACECARD_PRO -> racecard(match(SandboxEndpoint.RACECARD_PATH, path));
                case HORSE_PRO, HORSE_STANDARD -> horse(match(SandboxEndpoint.HORSE_PATH, path), endpoint == SandboxEndpoint.HORSE_PRO);
                case JOCKEY_SEARCH, TRAINER_SEARCH, OWNER_SEARCH -> search(match(SandboxEndpoint.SEARCH_PATH, path), query);
            };
        } catch (InvalidParameter e) {
            return Answer.of(422, e.body());
        }
    }

    private static String match(Pattern p, String path) {
        Matcher m = p.matcher(path);
        if (!m.matches()) {
            throw new IllegalStateException(path);
        }
        return m.group(1);
    }

    private Answer courses(List<Map.Entry<String, String>> query) {
        Set<String> regions = values(query, "region_codes").stream().map(String::toUpperCase).collect(Collectors.toSet());
        return Answer.json(SandboxJson.courses(world.courses().stream()
                .filter(c -> regions.isEmpty() || regions.contains(c.regionCode()))
                .toList()));
    }

    /** Results exist once a day is over; newest day first, like the live API. */
    private Answer results(List<Map.Entry<String, String>> query) {
        LocalDate today = config.today();
        LocalDate end = date(query, "end_date", today);
        LocalDate start = date(query, "start_date", end.minusDays(DocumentedLimits.STANDARD_RESULTS_DAYS));
        int limit = integer(query, "limit", DocumentedLimits.RESULTS_DEFAULT_LIMIT, 1, DocumentedLimits.RESULTS_MAX_LIMIT);
        int skip = integer(query, "skip", 0, 0, DocumentedLimits.RESULTS_MAX_SKIP);
        if (end.isBefore(start)) {
            throw InvalidParameter.of("end_date", "end_date must not be before start_date", end.toString());
        }
        if (ChronoUnit.DAYS.between(start, end) > DocumentedLimits.MAX_RANGE_DAYS) {
            throw InvalidParameter.of("start_date", "the date range must not exceed 365 days", start.toString());
        }
        if (start.isBefore(earliestResult())) {
            throw InvalidParameter.of("start_date", config.historicalResults()
                    ? "results are available from 1988-01-01"
                    : "results older than 365 days need the historical results add-on", start.toString());
        }
        Set<String> regions = values(query, "region").stream().map(String::toUpperCase).collect(Collectors.toSet());
        Set<String> courses = Set.copyOf(values(query, "course"));
        List<SimRace> races = new ArrayList<>();
        for (LocalDate d = end.isBefore(today) ? end : today.minusDays(1); !d.isBefore(start); d = d.minusDays(1)) {
            for (SimRace race : world.racesOn(d)) {
                if (matches(race, regions, courses)) {
                    races.add(served(race));
                }
            }
        }
        return Answer.json(SandboxJson.page("results", page(races, skip, limit).stream()
                .map(r -> SandboxJson.result(r, config.textDistances())).toList(),
                races.size(), limit, skip, echo(query)));
    }

    /**
     * Today's races that are over ({@link #RESULT_AFTER_OFF} after the off, or late in the evening for a race sent without an
     * off time), as the live API publishes them through the afternoon: race by race, in the order they were run.
     */
    private Answer resultsToday(List<Map.Entry<String, String>> query) {
        int limit = integer(query, "limit", DocumentedLimits.RESULTS_TODAY_DEFAULT_LIMIT, 1, DocumentedLimits.RESULTS_MAX_LIMIT);
        int skip = integer(query, "skip", 0, 0, Integer.MAX_VALUE);
        Set<String> regions = values(query, "region").stream().map(String::toUpperCase).collect(Collectors.toSet());
        List<SimRace> races = world.racesOn(config.today()).stream()
                .filter(r -> matches(r, regions, Set.of()) && isOver(r))
                .sorted(java.util.Comparator.comparing(SimRace::off))
                .map(this::served)
                .toList();
        return Answer.json(SandboxJson.page("results", page(races, skip, limit).stream()
                .map(r -> SandboxJson.result(r, config.textDistances())).toList(), races.size(), limit, skip, echo(query)));
    }

    /** The sandbox's clock reads Europe/London wall-clock time, as the CLI's does. */
    private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");
    /** A result is published this long after the off: the race, the weigh-in, the judge. */
    static final java.time.Duration RESULT_AFTER_OFF = java.time.Duration.ofMinutes(15);
    /** When a race sent without an off time has its result. */
    static final java.time.LocalTime UNTIMED_RESULTS_AT = java.time.LocalTime.of(22, 30);

    private boolean isOver(SimRace race) {
        if (!race.offKnown()) {
            return !config.now().toLocalTime().isBefore(UNTIMED_RESULTS_AT);
        }
        return !race.off().withZoneSameInstant(LONDON).toLocalDateTime().plus(RESULT_AFTER_OFF).isAfter(config.now());
    }

    private Answer result(String raceId) {
        Optional<SimRace> race = world.raceById(raceId)
                .filter(r -> r.date().isBefore(config.today()) && !r.date().isBefore(earliestResult()));
        return race.map(r -> Answer.json(SandboxJson.result(served(r), config.textDistances()))).orElse(NOT_FOUND);
    }

    private Answer racecards(List<Map.Entry<String, String>> query) {
        LocalDate date = date(query, "date", config.today());
        int limit = integer(query, "limit", DocumentedLimits.RACECARDS_MAX_LIMIT, 1, DocumentedLimits.RACECARDS_MAX_LIMIT);
        int skip = integer(query, "skip", 0, 0, DocumentedLimits.RACECARDS_MAX_SKIP);
        if (!inRacecardWindow(date)) {
            throw InvalidParameter.of("date", "racecards are available from " + DocumentedLimits.RACECARDS_PRO_START + " to "
                    + config.today().plusDays(DocumentedLimits.RACECARDS_DAYS_AHEAD), date.toString());
        }
        Set<String> regions = values(query, "region_codes").stream().map(String::toUpperCase).collect(Collectors.toSet());
        Set<String> courses = Set.copyOf(values(query, "course_ids"));
        List<SimRace> races = world.racesOn(date).stream().filter(r -> matches(r, regions, courses)).toList();
        return Answer.json(SandboxJson.page("racecards", page(races, skip, limit).stream().map(r -> cards.racecard(r, config.today())).toList(),
                races.size(), limit, skip, echo(query)));
    }

    private Answer racecard(String raceId) {
        return world.raceById(raceId).filter(r -> inRacecardWindow(r.date()))
                .map(r -> Answer.json(cards.racecard(r, config.today()))).orElse(NOT_FOUND);
    }

    /** Some horses have no detailed profile: {@code /pro} says 404 for them while {@code /standard} still answers. */
    private Answer horse(String horseId, boolean pro) {
        Optional<SimHorse> horse = horseId.startsWith("hrs_") ? world.population().horseById(horseId, config.today()) : Optional.empty();
        if (horse.isEmpty() || pro && Math.floorMod(Rng.mix(world.seed() ^ horse.get().number()), 100) < 3) {
            return NOT_FOUND;
        }
        return Answer.json(pro ? cards.horsePro(horse.get(), config.today()) : cards.horseStandard(horse.get()));
    }

    private Answer search(String kind, List<Map.Entry<String, String>> query) {
        String name = single(query, "name");
        if (name == null) {
            throw InvalidParameter.missing("name");
        }
        String needle = name.toLowerCase(Locale.ROOT).strip();
        List<Map.Entry<String, String>> hits = new ArrayList<>();
        switch (kind) {
            case "jockeys" -> {
                for (int[] range : Population.JOCKEY_RANGES) {
                    for (int j = range[0]; j < range[1]; j++) {
                        hits.add(Map.entry("jky_" + (250_000 + j), world.population().jockeyName(j)));
                    }
                }
            }
            case "trainers" -> {
                for (int t = 0; t < Population.TRAINERS; t++) {
                    hits.add(Map.entry("trn_" + (100_000 + t), world.population().trainerName(t)));
                }
            }
            default -> {
                for (int o = 0; o < Population.OWNERS; o++) {
                    hits.add(Map.entry("own_" + (500_000 + o), world.population().ownerName(o)));
                }
            }
        }
        return Answer.json(RacecardJson.search(hits.stream()
                .filter(h -> !needle.isEmpty() && h.getValue().toLowerCase(Locale.ROOT).contains(needle)).toList()));
    }

    private SimRace served(SimRace race) {
        return config.corrections() ? race.asServedOn(config.today()) : race;
    }

    private LocalDate earliestResult() {
        return config.historicalResults() ? DocumentedLimits.HISTORICAL_RESULTS_START
                : config.today().minusDays(DocumentedLimits.STANDARD_RESULTS_DAYS);
    }

    private boolean inRacecardWindow(LocalDate date) {
        return !date.isBefore(DocumentedLimits.RACECARDS_PRO_START) && !date.isAfter(config.today().plusDays(DocumentedLimits.RACECARDS_DAYS_AHEAD));
    }

    /** Region filters are ignored when a course filter is given, as the API documents. */
    private static boolean matches(SimRace race, Set<String> regions, Set<String> courses) {
        if (!courses.isEmpty()) {
            return courses.contains(race.course().id());
        }
        return regions.isEmpty() || regions.contains(race.course().regionCode());
    }

    private static List<SimRace> page(List<SimRace> all, int skip, int limit) {
        return all.subList(Math.min(skip, all.size()), Math.min(skip + limit, all.size()));
    }

    /** The {@code query} echo: the filters as sent, without {@code limit} and {@code skip}. */
    private static List<Map.Entry<String, String>> echo(List<Map.Entry<String, String>> query) {
        return query.stream().filter(e -> !e.getKey().equals("limit") && !e.getKey().equals("skip")).toList();
    }

    private static List<String> values(List<Map.Entry<String, String>> query, String key) {
        return query.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    private static String single(List<Map.Entry<String, String>> query, String key) {
        List<String> v = values(query, key);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }

    private static LocalDate date(List<Map.Entry<String, String>> query, String key, LocalDate fallback) {
        String v = single(query, key);
        if (v == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw InvalidParameter.of(key, "invalid date format", v);
        }
    }

    private static int integer(List<Map.Entry<String, String>> query, String key, int fallback, int min, int max) {
        String v = single(query, key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw InvalidParameter.of(key, "value is not a valid integer", v);
        }
        if (n < min) {
            throw InvalidParameter.of(key, "ensure this value is greater than or equal to " + min, v);
        }
        if (n > max) {
            throw InvalidParameter.of(key, "ensure this value is less than or equal to " + max, v);
        }
        return n;
    }

    /** A 422 in the shape the live API sends (FastAPI with Pydantic v1 messages). */
    private static final class InvalidParameter extends RuntimeException {
        private final String body;

        private InvalidParameter(String body) {
            super(null, null, false, false);
            this.body = body;
        }

        static InvalidParameter of(String param, String msg, String input) {
            return build(param, msg, "value_error", input);
        }

        static InvalidParameter missing(String param) {
            return build(param, "field required", "value_error.missing", null);
        }

        private static InvalidParameter build(String param, String msg, String type, String input) {
            ObjectNode root = SandboxJson.JSON.createObjectNode();
            ObjectNode error = root.putArray("detail").addObject();
            ArrayNode loc = error.putArray("loc");
            loc.add("query").add(param);
            error.put("msg", msg).put("type", type);
            if (input != null) {
                error.put("input", input);
            }
            return new InvalidParameter(SandboxJson.write(root));
        }

        String body() {
            return body;
        }
    }
}
