package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.api.http.RateLimits;
import dev.furlong.api.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The rate limits as the server sees them: times recorded on arrival, not on the client's clock. */
class ThrottleTest {

    record Arrival(String path, long nanos) {
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

    private void answerEverything(int status, String retryAfter) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(new Arrival(request.getUrl().encodedPath(), System.nanoTime()));
                MockResponse.Builder b = new MockResponse.Builder().code(status).body(status == 200 ? "[]" : "{}");
                return (retryAfter == null ? b : b.setHeader("Retry-After", retryAfter)).build();
            }
        });
    }

    private RacingApiClient client(double global, Map<Endpoint, Double> rates) {
        return RacingApiClient.builder(ApiBaseUrl.parse(server.url("/").toString()), new Credentials("u", "p"))
                .rateLimits(RateLimits.of(global, rates))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)))
                .build();
    }

    private List<Long> times(String path) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> a.path().equals(path)).map(Arrival::nanos).sorted().toList();
        }
    }

    @Test
    void nCallsAtRateRTakeAtLeastNMinusOneOverR() {
        answerEverything(200, null);
        try (RacingApiClient c = client(100, Map.of(Endpoint.REGIONS, 20.0))) {
            for (int i = 0; i < 11; i++) {
                c.regions();
            }
        }
        List<Long> t = times("/v1/courses/regions");
        assertEquals(11, t.size());
        double seconds = (t.get(10) - t.get(0)) / 1e9;
        assertTrue(seconds >= 10 / 20.0 - 0.02, "11 calls at 20/s took " + seconds + " s");
    }

    @Test
    void concurrentLanesNeverExceedTheGlobalCapInAnyWindow() throws Exception {
        answerEverything(200, null);
        double global = 25;
        try (RacingApiClient c = client(global, Map.of(Endpoint.REGIONS, 20.0, Endpoint.COURSES, 20.0))) {
            ExecutorService lanes = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            done.add(lanes.submit(() -> { for (int i = 0; i < 20; i++) { c.regions(); } }));
            done.add(lanes.submit(() -> { for (int i = 0; i < 20; i++) { c.courses(); } }));
            for (Future<?> f : done) {
                f.get();
            }
            lanes.shutdown();
        }
        List<Long> all;
        synchronized (arrivals) {
            all = arrivals.stream().map(Arrival::nanos).sorted().toList();
        }
        assertEquals(40, all.size());
        // A bucket of rate r and burst 1 lets at most 1 + r * T requests through in any window of length T. The server sees
        // arrivals, not sends: on a busy machine a request can arrive up to some 50 ms late, bunched with the next ones, so
        // each window is widened by that much (a cap of 40/s instead of 25 would still fail at once: 40 in about one second).
        double jitter = 0.05;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double window = (all.get(j) - all.get(i)) / 1e9;
                int requests = j - i + 1;
                assertTrue(requests <= 1 + global * (window + jitter), requests + " requests arrived within " + window + " s");
            }
        }
        double perLane = (times("/v1/courses").get(19) - times("/v1/courses").get(0)) / 1e9;
        assertTrue(perLane >= 19 / 20.0 - 0.02, "a lane went faster than its own limit: " + perLane);
    }

    @Test
    void aRetryAfterHeaderIsHonoured() {
        answerEverything(429, "1");
        long start = System.nanoTime();
        try (RacingApiClient c = client(100, Map.of())) {
            try {
                c.regions();
            } catch (ApiException.RetriesExhausted expected) {
                assertEquals(429, expected.lastStatus());
            }
        }
        List<Long> t = times("/v1/courses/regions");
        assertEquals(2, t.size());
        assertTrue((t.get(1) - t.get(0)) / 1e9 >= 0.95, "the retry came " + (t.get(1) - t.get(0)) / 1e9 + " s after the 429");
        assertTrue((System.nanoTime() - start) / 1e9 < 10);
    }
}
