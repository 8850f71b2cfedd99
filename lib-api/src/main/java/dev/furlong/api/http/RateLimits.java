package dev.furlong.api.http;

import dev.furlong.api.Endpoint;
import java.util.EnumMap;
import java.util.Map;

/**
 * One bucket per endpoint at its rate, all under one global bucket. The API's edge blocks an IP for five minutes past 100
 * requests in 10 seconds, so the global default (8/s, burst 1) stays well below it whatever the lanes do.
 */
public final class RateLimits {

    public static final double DEFAULT_GLOBAL_RATE = 8.0;

    private final TokenBucket global;
    private final Map<Endpoint, TokenBucket> perEndpoint;

    private RateLimits(TokenBucket global, Map<Endpoint, TokenBucket> perEndpoint) {
        this.global = global;
        this.perEndpoint = perEndpoint;
    }

    /** The documented per-endpoint rates under the given global rate. */
    public static RateLimits documented(double globalRatePerSecond) {
        return of(globalRatePerSecond, Map.of());
    }

    /** Documented rates with some overridden (e.g. from configuration). */
    public static RateLimits of(double globalRatePerSecond, Map<Endpoint, Double> overrides) {
        Map<Endpoint, TokenBucket> buckets = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            buckets.put(e, new TokenBucket(overrides.getOrDefault(e, e.documentedRatePerSecond()), 1));
        }
        return new RateLimits(new TokenBucket(globalRatePerSecond, 1), buckets);
    }

    /** Waits until both the endpoint's bucket and the global bucket allow one more request. */
    public void acquire(Endpoint endpoint) throws InterruptedException {
        perEndpoint.get(endpoint).acquire();
        global.acquire();
    }
}
