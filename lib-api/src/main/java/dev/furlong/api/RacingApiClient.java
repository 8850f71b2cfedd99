package dev.furlong.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furlong.api.http.BasicAuthInterceptor;
import dev.furlong.api.http.RateLimits;
import dev.furlong.api.http.RetryInterceptor;
import dev.furlong.api.http.RetryPolicy;
import dev.furlong.api.http.ServerClosesInterceptor;
import dev.furlong.api.http.ThrottleInterceptor;
import dev.furlong.api.model.ApiJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Racing API client. Every call returns the raw answer (for bronze) or throws a typed {@link ApiException}; it never
 * returns null and never mistakes a failure for "no data".
 */
public final class RacingApiClient implements AutoCloseable {

    /** Results pages at the documented maximum, so a whole day is one call. */
    public static final int RESULTS_PAGE_SIZE = RequestLimits.RESULTS_MAX_LIMIT;

    private final ApiBaseUrl baseUrl;
    private final OkHttpClient http;
    private final ClientMetrics metrics = new ClientMetrics();
    private final Clock clock;

    private RacingApiClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.clock = b.clock;
        // Retries first, so each attempt waits for the rate limit again and is sent with credentials. No call timeout: it
        // would also cut the retries short; each attempt is bounded by the connect and read timeouts, the whole by the policy.
        this.http = new OkHttpClient.Builder()
                .addInterceptor(new RetryInterceptor(b.retryPolicy, metrics))
                .addInterceptor(new ThrottleInterceptor(b.rateLimits))
                .addInterceptor(new BasicAuthInterceptor(b.credentials))
                .addNetworkInterceptor(new ServerClosesInterceptor())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false) // retries are the interceptor's: counted, throttled and bounded
                .build();
    }

    public static Builder builder(ApiBaseUrl baseUrl, Credentials credentials) {
        return new Builder(baseUrl, credentials);
    }

    public ClientMetrics metrics() {
        return metrics;
    }

    /** {@code GET /v1/courses/regions}: a bare JSON array. Also the cheap call that checks the credentials. */
    public ApiResponse regions() {
        return execute(ApiRequest.get(Endpoint.REGIONS, "/v1/courses/regions").build());
    }

    /** {@code GET /v1/courses}: every course, unpaged. */
    public ApiResponse courses() {
        return courses(List.of());
    }

    /** {@code GET /v1/courses?region_codes=...}: the courses of some regions (lower-case codes such as gb, ire). */
    public ApiResponse courses(List<String> regionCodes) {
        ApiRequest request = ApiRequest.get(Endpoint.COURSES, "/v1/courses").params("region_codes", regionCodes).build();
        RequestLimits.regionCodes(request, regionCodes);
        return execute(request);
    }

    /** The first page request of {@code GET /v1/results} for one race date and the given region codes. */
    public static ApiRequest resultsRequest(LocalDate date, List<String> regions) {
        return resultsRequest(date, date, regions);
    }

    /**
     * The first page request of {@code GET /v1/results} for a range of race dates (at most 365 days) and region codes, at the
     * maximum page size. Results filter by {@code region}; racecards by {@code region_codes}.
     */
    public static ApiRequest resultsRequest(LocalDate start, LocalDate end, List<String> regions) {
        List<String> codes = regions.stream().map(String::toLowerCase).toList();
        ApiRequest request = ApiRequest.get(Endpoint.RESULTS, "/v1/results")
                .param("start_date", start)
                .param("end_date", end)
                .params("region", codes)
                .param("limit", RESULTS_PAGE_SIZE)
                .param("skip", 0)
                .build();
        RequestLimits.range(request, start, end);
        RequestLimits.regionCodes(request, codes);
        return request;
    }

    /** Every page of {@code GET /v1/results} for one race date: follows {@code total} until all items are read. */
    public List<ApiResponse> results(LocalDate date, List<String> regions) {
        return fetchAll(resultsRequest(date, regions));
    }

    /** Every page of {@code GET /v1/results} for a range of at most 365 days. */
    public List<ApiResponse> results(LocalDate start, LocalDate end, List<String> regions) {
        return fetchAll(resultsRequest(start, end, regions));
    }

    /**
     * The first page request of {@code GET /v1/results/today} for the given region codes, at the maximum page size: the results
     * of today's races published so far, in the basic form (no {@code bsp}).
     */
    public static ApiRequest resultsTodayRequest(List<String> regions) {
        List<String> codes = regions.stream().map(String::toLowerCase).toList();
        ApiRequest request = ApiRequest.get(Endpoint.RESULTS_TODAY, "/v1/results/today")
                .params("region", codes)
                .param("limit", RequestLimits.RESULTS_MAX_LIMIT)
                .param("skip", 0)
                .build();
        RequestLimits.regionCodes(request, codes);
        return request;
    }

    /** Every page of {@code GET /v1/results/today}. */
    public List<ApiResponse> resultsToday(List<String> regions) {
        return fetchAll(resultsTodayRequest(regions));
    }

    /** {@code GET /v1/results/{race_id}}: one race's result; a 404 answer when the API has none. */
    public ApiResponse result(String raceId) {
        return byId(Endpoint.RESULT, "/v1/results/", raceId, "rac_", "");
    }

    /** The first page request of {@code GET /v1/racecards/pro} for one date, at the maximum page size. */
    public static ApiRequest racecardsProRequest(LocalDate date, List<String> regionCodes) {
        List<String> codes = regionCodes.stream().map(String::toLowerCase).toList();
        ApiRequest request = ApiRequest.get(Endpoint.RACECARDS_PRO, "/v1/racecards/pro")
                .param("date", date)
                .params("region_codes", codes)
                .param("limit", RequestLimits.RACECARDS_MAX_LIMIT)
                .param("skip", 0)
                .build();
        RequestLimits.regionCodes(request, codes);
        return request;
    }

    /** Every page of {@code GET /v1/racecards/pro} for one date (cards exist from 2023-01-23 to a week ahead). */
    public List<ApiResponse> racecardsPro(LocalDate date, List<String> regionCodes) {
        return fetchAll(racecardsProRequest(date, regionCodes));
    }

    /** {@code GET /v1/racecards/{race_id}/pro}: one racecard. */
    public ApiResponse racecardPro(String raceId) {
        return byId(Endpoint.RACECARD_PRO, "/v1/racecards/", raceId, "rac_", "/pro");
    }

    /** {@code GET /v1/horses/{horse_id}/pro}: details and pedigree; 404 when the API has no detailed profile. */
    public ApiResponse horsePro(String horseId) {
        return byId(Endpoint.HORSE_PRO, "/v1/horses/", horseId, "hrs_", "/pro");
    }

    /** {@code GET /v1/horses/{horse_id}/standard}: name and pedigree. */
    public ApiResponse horseStandard(String horseId) {
        return byId(Endpoint.HORSE_STANDARD, "/v1/horses/", horseId, "hrs_", "/standard");
    }

    /** {@code GET /v1/jockeys/search?name=...}: matching ids and names. */
    public ApiResponse searchJockeys(String name) {
        return search(Endpoint.JOCKEY_SEARCH, "/v1/jockeys/search", name);
    }

    /** {@code GET /v1/trainers/search?name=...}. */
    public ApiResponse searchTrainers(String name) {
        return search(Endpoint.TRAINER_SEARCH, "/v1/trainers/search", name);
    }

    /** {@code GET /v1/owners/search?name=...}. */
    public ApiResponse searchOwners(String name) {
        return search(Endpoint.OWNER_SEARCH, "/v1/owners/search", name);
    }

    private ApiResponse search(Endpoint endpoint, String path, String name) {
        ApiRequest request = ApiRequest.get(endpoint, path).param("name", name == null ? "" : name.strip()).build();
        RequestLimits.required(request, "name", name);
        return execute(request);
    }

    private ApiResponse byId(Endpoint endpoint, String prefixPath, String id, String idPrefix, String suffix) {
        ApiRequest request = ApiRequest.get(endpoint, prefixPath + (id == null ? "" : URLEncoder.encode(id, StandardCharsets.UTF_8))
                + suffix).build();
        RequestLimits.id(request, id, idPrefix);
        return execute(request);
    }

    /** The whole answer to a request: every page of a paged list, or the single answer of any other endpoint. */
    public List<ApiResponse> fetchAll(ApiRequest request) {
        return switch (request.endpoint()) {
            case RESULTS -> allPages(request, "results", RequestLimits.RESULTS_MAX_LIMIT, RequestLimits.RESULTS_MAX_SKIP);
            case RESULTS_TODAY -> allPages(request, "results", RequestLimits.RESULTS_MAX_LIMIT, Integer.MAX_VALUE); // no skip maximum
            case RACECARDS_PRO -> allPages(request, "racecards", RequestLimits.RACECARDS_MAX_LIMIT, RequestLimits.RACECARDS_MAX_SKIP);
            default -> List.of(execute(request));
        };
    }

    /**
     * Follows a paged list: {@code skip += limit} while {@code skip < total}. An empty or short page ends the list; if
     * {@code total} says items are still missing, the answer is incomplete and fails (so it is fetched again later) instead of
     * being stored as the whole list.
     */
    List<ApiResponse> allPages(ApiRequest first, String itemsField, int maxLimit, int maxSkip) {
        RequestLimits.limit(first, intParam(first, "limit", maxLimit), maxLimit);
        RequestLimits.skip(first, intParam(first, "skip", 0), maxSkip);
        List<ApiResponse> pages = new ArrayList<>();
        ApiRequest request = first;
        while (true) {
            ApiResponse page = execute(request);
            pages.add(page);
            if (page.isNotFound()) {
                return pages;
            }
            JsonNode root = parse(page);
            JsonNode items = root.get(itemsField);
            int count = items == null || items.isNull() ? 0 : items.size();
            int total = root.path("total").asInt(0);
            int limit = intParam(request, "limit", maxLimit);
            int skip = intParam(request, "skip", 0); // ours, not the echo: a stuck echo must not loop
            int next = skip + count;
            if (next >= total) {
                return pages;
            }
            if (count < limit) {
                throw new ApiException.MalformedResponse(request, "the list is incomplete: " + next + " of " + total
                        + " items, but the page holds only " + count, page.body());
            }
            if (next > maxSkip) {
                throw new ApiException.RequestRejected(request, "the list has " + total + " items, more than skip <= " + maxSkip
                        + " can reach: narrow the request", true);
            }
            request = request.withSkip(next);
        }
    }

    private static int intParam(ApiRequest request, String key, int fallback) {
        for (var e : request.query()) {
            if (e.getKey().equals(key)) {
                try {
                    return Integer.parseInt(e.getValue());
                } catch (NumberFormatException ex) {
                    throw new ApiException.RequestRejected(request, key + " must be a whole number, got '" + e.getValue() + "'", true);
                }
            }
        }
        return fallback;
    }

    /** Sends one request, retried by the {@link RetryInterceptor}. 200 and 404 are answers; everything else is a typed failure. */
    public ApiResponse execute(ApiRequest request) {
        Request httpRequest = new Request.Builder()
                .url(baseUrl.resolve(request.path(), request.encodedQuery()))
                .header("Accept", "application/json")
                .tag(Endpoint.class, request.endpoint())
                .get()
                .build();
        try (Response response = http.newCall(httpRequest).execute()) {
            String body = response.body().string();
            return switch (response.code()) {
                case 200, 404 -> new ApiResponse(request, response.code(), body, Instant.now(clock));
                case 401, 403 -> throw new ApiException.AuthenticationFailed(request, response.code());
                case 422 -> throw new ApiException.RequestRejected(request, detailOf(body));
                default -> throw new ApiException.RetriesExhausted(request, 1, response.code(), "unexpected HTTP " + response.code(), null);
            };
        } catch (RetryInterceptor.GaveUp e) {
            throw e.malformed() ? new ApiException.MalformedResponse(request, e.reason(), e.body(), e.attempts())
                    : new ApiException.RetriesExhausted(request, e.attempts(), e.lastStatus(), e.reason(), e.getCause());
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.RetriesExhausted(request, 1, 0, "interrupted", e);
        } catch (IOException e) { // not retried: the interceptor retries every failure that may pass
            throw new ApiException.RetriesExhausted(request, 1, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses an answer already known to be JSON. */
    public static JsonNode parse(ApiResponse response) {
        try {
            return ApiJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new ApiException.MalformedResponse(response.request(), e.getMessage(), response.body());
        }
    }

    /** FastAPI's {@code detail}: a list of validation errors on 422 (Pydantic v1 or v2), a string elsewhere. */
    static String detailOf(String body) {
        try {
            JsonNode detail = ApiJson.mapper().readTree(body).get("detail");
            if (detail == null) {
                return body;
            }
            if (detail.isTextual()) {
                return detail.asText();
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode error : detail) {
                List<String> loc = new ArrayList<>();
                error.path("loc").forEach(l -> loc.add(l.asText()));
                parts.add(String.join(".", loc) + ": " + error.path("msg").asText());
            }
            return String.join("; ", parts);
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    public static final class Builder {
        private final ApiBaseUrl baseUrl;
        private final Credentials credentials;
        private RateLimits rateLimits = RateLimits.documented(RateLimits.DEFAULT_GLOBAL_RATE);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();

        private Builder(ApiBaseUrl baseUrl, Credentials credentials) {
            this.baseUrl = baseUrl;
            this.credentials = credentials;
        }

        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public RacingApiClient build() {
            return new RacingApiClient(this);
        }
    }
}
