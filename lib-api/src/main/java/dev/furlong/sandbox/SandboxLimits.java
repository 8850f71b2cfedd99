package dev.furlong.sandbox;

import dev.furlong.api.Endpoint;
import dev.furlong.api.http.TokenBucket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The API's limits as a server enforces them: a token bucket per endpoint at its documented rate, with a burst of a few
 * requests as the real API allows, and the edge's limit across all endpoints, which blocks for a while once tripped.
 */
final class SandboxLimits {

    private final Map<Endpoint, TokenBucket> perEndpoint = new EnumMap<>(Endpoint.class);
    private final SandboxConfig.EdgeLimit edge;
    private final Deque<Long> recent = new ArrayDeque<>();
    private long blockedUntil;

    SandboxLimits(SandboxConfig config) {
        if (config.rateLimits()) {
            for (Endpoint e : Endpoint.values()) {
                perEndpoint.put(e, new TokenBucket(e.documentedRatePerSecond(), Math.max(3, e.documentedRatePerSecond())));
            }
        }
        this.edge = config.edgeLimit();
    }

    /** True when the request may be answered; false means 429. */
    synchronized boolean admit(Endpoint endpoint) {
        long now = System.nanoTime();
        if (edge != null) {
            if (now < blockedUntil) {
                return false;
            }
            while (!recent.isEmpty() && now - recent.peekFirst() > edge.window().toNanos()) {
                recent.removeFirst();
            }
            recent.addLast(now);
            if (recent.size() > edge.requests()) {
                blockedUntil = now + edge.block().toNanos();
                recent.clear();
                return false;
            }
        }
        TokenBucket bucket = perEndpoint.get(endpoint);
        return bucket == null || bucket.tryAcquire();
    }
}
