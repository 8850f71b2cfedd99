package dev.furlong.api;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The documented limits, checked before a request is sent: a request the API would reject with 422 is refused here, with a
 * message that says what to change, and costs no call.
 */
public final class RequestLimits {

    public static final int RESULTS_MAX_LIMIT = 100;
    public static final int RESULTS_MAX_SKIP = 20_000;
    public static final int RACECARDS_MAX_LIMIT = 500;
    public static final int RACECARDS_MAX_SKIP = 500;
    public static final int MAX_RANGE_DAYS = 365;
    /** Without the historical results add-on, results reach back this many days; with it, to 1988-01-01. */
    public static final int STANDARD_RESULTS_DAYS = 365;
    public static final LocalDate HISTORICAL_RESULTS_START = LocalDate.of(1988, 1, 1);
    /** Racecards pro are tracked from this date; the API has none before it. */
    public static final LocalDate RACECARDS_PRO_START = LocalDate.of(2023, 1, 23);

    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}");

    private RequestLimits() {
    }

    static void limit(ApiRequest request, int limit, int max) {
        if (limit < 1 || limit > max) {
            throw refused(request, "limit must be between 1 and " + max + " for " + request.endpoint().bronzeName() + ", got " + limit);
        }
    }

    static void skip(ApiRequest request, int skip, int max) {
        if (skip < 0 || skip > max) {
            throw refused(request, "skip must be between 0 and " + max + " for " + request.endpoint().bronzeName() + ", got " + skip);
        }
    }

    static void range(ApiRequest request, LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw refused(request, "end_date " + end + " is before start_date " + start);
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_RANGE_DAYS) {
            throw refused(request, "a date range spans at most " + MAX_RANGE_DAYS + " days, " + start + " to " + end + " spans "
                    + ChronoUnit.DAYS.between(start, end));
        }
    }

    static void id(ApiRequest request, String id, String prefix) {
        if (id == null || !id.startsWith(prefix) || id.length() == prefix.length() || !id.matches("[a-z]+_[0-9A-Za-z]+")) {
            throw refused(request, "expected an id like " + prefix + "123, got '" + id + "'");
        }
    }

    static void regionCodes(ApiRequest request, java.util.List<String> codes) {
        for (String c : codes) {
            if (!REGION.matcher(c).matches()) {
                throw refused(request, "region codes are lower-case API codes such as gb or ire, got '" + c + "'");
            }
        }
    }

    static void required(ApiRequest request, String name, String value) {
        if (value == null || value.isBlank()) {
            throw refused(request, name + " is required");
        }
    }

    private static ApiException.RequestRejected refused(ApiRequest request, String why) {
        return new ApiException.RequestRejected(request, why, true);
    }
}
