package dev.furlong.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The API's limits as a server enforces them: a token bucket per endpoint at its documented rate, with a burst of a few
 * requests as the real API allows, and the edge's limit across all endpoints, which blocks for a while once tripped.
 */
final class SandboxLimits {

    private final Map<SandboxEndpoint, Bucket> perEndpoint = new EnumMap<>(SandboxEndpoint.class);
    private final SandboxConfig.EdgeLimit edge;
    private final Deque<Long> recent = new ArrayDeque<>();
    private long blockedUntil;

    SandboxLimits(SandboxConfig config) {
        if (config.rateLimits()) {
            for (SandboxEndpoint e : SandboxEndpoint.values()) {
                perEndpoint.put(e, new Bucket(e.documentedRatePerSecond(), Math.max(3, e.documentedRatePerSecond())));
            }
        }
        this.edge = config.edgeLimit();
    }

    /** True when the request may be answered; false means 429. */
    synchronized boolean admit(SandboxEndpoint endpoint) {
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
        Bucket bucket = perEndpoint.get(endpoint);
        return bucket == null || bucket.tryAcquire();
    }

    /** Tokens refill at {@code rate} a second up to {@code burst}; a request without a token is refused, not delayed. */
    private static final class Bucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double rate, double burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
