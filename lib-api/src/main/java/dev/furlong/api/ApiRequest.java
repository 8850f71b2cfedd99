package dev.furlong.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One GET request to the API: an endpoint, a path under the base URL, and query parameters in the order they are sent.
 * List parameters are repeated keys ({@code region=gb&region=ire}), as the contract requires.
 */
public record ApiRequest(Endpoint endpoint, String path, List<Map.Entry<String, String>> query) {

    public ApiRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        if (path == null || !path.startsWith("/v1/")) {
            throw new IllegalArgumentException("API paths start with /v1/: " + path);
        }
        query = List.copyOf(query);
    }

    public static Builder get(Endpoint endpoint, String path) {
        return new Builder(endpoint, path);
    }

    /** The same request with {@code skip} set (replacing any earlier value): the next page of a paged list. */
    public ApiRequest withSkip(int skip) {
        List<Map.Entry<String, String>> q = new ArrayList<>();
        for (Map.Entry<String, String> e : query) {
            if (!e.getKey().equals("skip")) {
                q.add(e);
            }
        }
        q.add(Map.entry("skip", Integer.toString(skip)));
        return new ApiRequest(endpoint, path, q);
    }

    /** The query string exactly as sent, percent-encoded ({@code +} as %2B, {@code &} as %26). */
    public String encodedQuery() {
        return encode(query);
    }

    /**
     * The bronze conflict key: the path and the query sorted by key then value, so that the same question always has the same
     * key whatever order its parameters were added in. Never holds credentials (they travel in a header).
     */
    public String requestKey() {
        List<Map.Entry<String, String>> sorted = query.stream()
                .sorted(Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey).thenComparing(Map.Entry::getValue))
                .toList();
        return sorted.isEmpty() ? path : path + "?" + encode(sorted);
    }

    private static String encode(List<Map.Entry<String, String>> pairs) {
        return pairs.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return endpoint.bronzeName() + " " + requestKey();
    }

    public static final class Builder {
        private final Endpoint endpoint;
        private final String path;
        private final List<Map.Entry<String, String>> query = new ArrayList<>();

        private Builder(Endpoint endpoint, String path) {
            this.endpoint = endpoint;
            this.path = path;
        }

        public Builder param(String key, Object value) {
            query.add(Map.entry(key, String.valueOf(value)));
            return this;
        }

        public Builder params(String key, List<String> values) {
            values.forEach(v -> param(key, v));
            return this;
        }

        public ApiRequest build() {
            return new ApiRequest(endpoint, path, query);
        }
    }
}
