package dev.furlong.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints the sandbox serves, each with its rate as The Racing API's documentation states it (the endpoint table of its
 * OpenAPI description). Written here rather than taken from the client, so a wrong limit in the client shows up as 429s in
 * the tests that run the client against the sandbox.
 */
public enum SandboxEndpoint {
    REGIONS(1.0),
    COURSES(1.0),
    RESULTS(5.0),
    RESULTS_TODAY(5.0),
    RESULT(5.0),
    RACECARDS_PRO(2.0),
    RACECARD_PRO(5.0),
    HORSE_PRO(5.0),
    HORSE_STANDARD(5.0),
    JOCKEY_SEARCH(5.0),
    TRAINER_SEARCH(5.0),
    OWNER_SEARCH(5.0);

    static final Pattern RESULT_PATH = Pattern.compile("/v1/results/([^/]+)");
    static final Pattern RACECARD_PATH = Pattern.compile("/v1/racecards/([^/]+)/pro");
    static final Pattern HORSE_PATH = Pattern.compile("/v1/horses/([^/]+)/(pro|standard)");
    static final Pattern SEARCH_PATH = Pattern.compile("/v1/(jockeys|trainers|owners)/search");

    private final double documentedRatePerSecond;

    SandboxEndpoint(double documentedRatePerSecond) {
        this.documentedRatePerSecond = documentedRatePerSecond;
    }

    public double documentedRatePerSecond() {
        return documentedRatePerSecond;
    }

    /** The endpoint a path belongs to; null for paths the API does not have. A trailing slash is ignored, as the API does. */
    public static SandboxEndpoint of(String rawPath) {
        String path = rawPath.replaceAll("/+$", "");
        return switch (path) {
            case "/v1/courses/regions" -> REGIONS;
            case "/v1/courses" -> COURSES;
            case "/v1/results" -> RESULTS;
            case "/v1/results/today" -> RESULTS_TODAY;
            case "/v1/racecards/pro" -> RACECARDS_PRO;
            case "/v1/jockeys/search" -> JOCKEY_SEARCH;
            case "/v1/trainers/search" -> TRAINER_SEARCH;
            case "/v1/owners/search" -> OWNER_SEARCH;
            default -> {
                if (RACECARD_PATH.matcher(path).matches()) {
                    yield RACECARD_PRO;
                }
                Matcher horse = HORSE_PATH.matcher(path);
                if (horse.matches()) {
                    yield horse.group(2).equals("pro") ? HORSE_PRO : HORSE_STANDARD;
                }
                yield RESULT_PATH.matcher(path).matches() ? RESULT : null;
            }
        };
    }
}
