package dev.furlong.api.http;

/**
 * A token bucket: {@code ratePerSecond} tokens refill continuously up to {@code burst}; {@link #acquire()} blocks until a token
 * is free. Thread-safe: lanes in parallel threads share one bucket.
 */
public final class TokenBucket {

    private final double ratePerSecond;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long lastRefillNanos;

    /** Time source, replaceable in tests. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    public TokenBucket(double ratePerSecond, double burst) {
        this(ratePerSecond, burst, Clock.SYSTEM);
    }

    public TokenBucket(double ratePerSecond, double burst, Clock clock) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs rate > 0 and burst >= 1, got " + ratePerSecond + "/" + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefillNanos = clock.nanoTime();
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Takes one token, waiting as long as needed. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            refill();
            tokens -= 1; // reserve now, so concurrent callers queue up behind each other instead of racing
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerSecond * 1e9);
        }
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }

    /** Takes a token if one is free, without waiting: a server-side limiter says 429 instead of waiting. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill() {
        long now = clock.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1e9 * ratePerSecond);
        lastRefillNanos = now;
    }
}
