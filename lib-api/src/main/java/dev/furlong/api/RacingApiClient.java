package dev.furlong.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.furlong.api.http.BasicAuthInterceptor;
import dev.furlong.api.http.RateLimits;
import dev.furlong.api.http.RetryPolicy;
import dev.furlong.api.http.ThrottleInterceptor;
import java.io.IOException;
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
    public static final int RESULTS_PAGE_SIZE = 100;
    public static final int RESULTS_MAX_SKIP = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiBaseUrl baseUrl;
    private final OkHttpClient http;
    private final RetryPolicy retryPolicy;
    private final ClientMetrics metrics = new ClientMetrics();
    private final Clock clock;

    private RacingApiClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.retryPolicy = b.retryPolicy;
        this.clock = b.clock;
        this.http = new OkHttpClient.Builder()
                .addInterceptor(new ThrottleInterceptor(b.rateLimits))
                .addInterceptor(new BasicAuthInterceptor(b.credentials))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofSeconds(120))
                .retryOnConnectionFailure(false) // retries are ours: counted, throttled and bounded
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
        return execute(ApiRequest.get(Endpoint.COURSES, "/v1/courses").build());
    }

    /** The first page request of {@code GET /v1/results} for one race date and the given region codes. */
    public static ApiRequest resultsRequest(LocalDate date, List<String> regions) {
        return ApiRequest.get(Endpoint.RESULTS, "/v1/results")
                .param("start_date", date)
                .param("end_date", date)
                .params("region", regions.stream().map(String::toLowerCase).toList())
                .param("limit", RESULTS_PAGE_SIZE)
                .param("skip", 0)
                .build();
    }

    /** Every page of {@code GET /v1/results} for one race date: follows {@code total} until all items are read. */
    public List<ApiResponse> results(LocalDate date, List<String> regions) {
        return fetchAll(resultsRequest(date, regions));
    }

    /** The whole answer to a request: every page of a paged list, or the single answer of any other endpoint. */
    public List<ApiResponse> fetchAll(ApiRequest request) {
        return switch (request.endpoint()) {
            case RESULTS -> allPages(request, "results", RESULTS_MAX_SKIP);
            default -> List.of(execute(request));
        };
    }

    /**
     * Follows a paged list: {@code skip += limit} while {@code skip < total}; stops early on an empty or short page (an
     * answer that says there is more but gives nothing would otherwise loop).
     */
    List<ApiResponse> allPages(ApiRequest first, String itemsField, int maxSkip) {
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
            int limit = root.path("limit").asInt(count);
            int skip = root.path("skip").asInt(0);
            int next = skip + Math.max(limit, count);
            if (count == 0 || count < limit || next >= total) {
                return pages;
            }
            if (next > maxSkip) {
                throw new ApiException.RequestRejected(request, "the list has " + total + " items, more than skip <= " + maxSkip
                        + " can reach: narrow the request");
            }
            request = request.withSkip(next);
        }
    }

    /** Sends one request with retries. 200 and 404 are answers; everything else is a typed failure. */
    public ApiResponse execute(ApiRequest request) {
        Request httpRequest = new Request.Builder()
                .url(baseUrl.resolve(request.path(), request.encodedQuery()))
                .header("Accept", "application/json")
                .tag(Endpoint.class, request.endpoint())
                .get()
                .build();
        long deadline = System.nanoTime() + retryPolicy.maxTotal().toNanos();
        String lastReason = "";
        int lastStatus = 0;
        Throwable lastCause = null;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            long started = System.nanoTime();
            try (Response response = http.newCall(httpRequest).execute()) {
                String body = response.body().string();
                int status = response.code();
                metrics.recordCall(request.endpoint(), status, body.length(), (System.nanoTime() - started) / 1_000_000);
                lastStatus = status;
                if (status == 200) {
                    ApiResponse answer = new ApiResponse(request, 200, body, Instant.now(clock));
                    try {
                        JSON.readTree(body);
                        return answer;
                    } catch (IOException e) {
                        lastReason = "malformed JSON (" + body.length() + " bytes)";
                        if (attempt >= retryPolicy.maxAttempts()) {
                            throw new ApiException.MalformedResponse(request, lastReason, body);
                        }
                    }
                } else if (status == 404) {
                    return new ApiResponse(request, 404, body, Instant.now(clock));
                } else if (status == 401 || status == 403) {
                    throw new ApiException.AuthenticationFailed(request, status);
                } else if (status == 422) {
                    throw new ApiException.RequestRejected(request, detailOf(body));
                } else if (status == 429 || status >= 500) {
                    lastReason = "HTTP " + status;
                    retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"));
                } else {
                    throw new ApiException.RetriesExhausted(request, attempt, status, "unexpected HTTP " + status, null);
                }
            } catch (IOException e) {
                lastStatus = 0;
                lastCause = e;
                lastReason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= retryPolicy.maxAttempts()) {
                throw new ApiException.RetriesExhausted(request, attempt, lastStatus, lastReason, lastCause);
            }
            Duration pause = retryPolicy.delayAfter(attempt, retryAfter);
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw new ApiException.RetriesExhausted(request, attempt, lastStatus, lastReason + " (retry time budget spent)", lastCause);
            }
            metrics.recordRetry(request.endpoint());
            sleep(pause);
        }
    }

    /** Parses an answer already known to be JSON. */
    public static JsonNode parse(ApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException.MalformedResponse(response.request(), e.getMessage(), response.body());
        }
    }

    /** FastAPI's {@code detail}: a list of validation errors on 422 (Pydantic v1 or v2), a string elsewhere. */
    static String detailOf(String body) {
        try {
            JsonNode detail = JSON.readTree(body).get("detail");
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
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
