package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.api.http.TokenBucket;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A clock that advances only when the bucket sleeps: the test measures the bucket, not the machine. */
    static final class FakeClock implements TokenBucket.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    @Test
    void nCallsAtRateRTakeNMinusOneOverRSecondsAfterTheBurst() throws Exception {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(5.0, 1, clock);
        for (int i = 0; i < 11; i++) {
            bucket.acquire();
        }
        assertEquals(2.0, clock.now / 1e9, 1e-6); // 10 waits of 0.2 s
    }

    @Test
    void aBurstIsServedAtOnceThenTheRateApplies() throws Exception {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(2.0, 3, clock);
        bucket.acquire();
        bucket.acquire();
        bucket.acquire();
        assertEquals(0, clock.now);
        bucket.acquire();
        assertEquals(0.5, clock.now / 1e9, 1e-6);
    }
}
