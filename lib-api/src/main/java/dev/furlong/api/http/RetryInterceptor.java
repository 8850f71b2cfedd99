package dev.furlong.api.http;

import com.fasterxml.jackson.core.JsonParser;
import dev.furlong.api.ClientMetrics;
import dev.furlong.api.Endpoint;
import dev.furlong.api.model.ApiJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends a request again when its failure may pass: 429, a 5xx, a broken connection or timeout, or a 200 whose body is not JSON
 * (a truncated answer). Pauses by the {@link RetryPolicy}, honouring {@code Retry-After}, within its attempts and its time
 * budget; then gives up with {@link GaveUp}. Every other answer (200, 404, 401, 422...) goes back to the caller at once.
 * First in the chain, so each attempt waits for the rate limit again; each attempt is counted in the {@link ClientMetrics}.
 */
public final class RetryInterceptor implements Interceptor {

    private final RetryPolicy policy;
    private final ClientMetrics metrics;

    public RetryInterceptor(RetryPolicy policy, ClientMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    /** The retries are spent: the last attempt's HTTP status (0 without an answer), why it failed, and its body if any. */
    public static final class GaveUp extends IOException {
        private final int attempts;
        private final int lastStatus;
        private final String reason;
        private final String body;

        GaveUp(int attempts, Failure last, String why, Throwable cause) {
            super(last.reason + why, cause);
            this.attempts = attempts;
            this.lastStatus = last.status;
            this.reason = last.reason + why;
            this.body = last.body;
        }

        public int attempts() {
            return attempts;
        }

        public int lastStatus() {
            return lastStatus;
        }

        public String reason() {
            return reason;
        }

        /** True when the last answer was a 200 whose body is not JSON; {@link #body()} holds it. */
        public boolean malformed() {
            return lastStatus == 200;
        }

        public String body() {
            return body;
        }
    }

    private record Failure(int status, String reason, String body, Duration retryAfter, IOException cause) {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Endpoint endpoint = request.tag(Endpoint.class);
        long deadline = System.nanoTime() + policy.maxTotal().toNanos();
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            long started = System.nanoTime();
            try (Response response = chain.proceed(request)) {
                String body = response.body().string();
                int status = response.code();
                metrics.recordCall(endpoint, status, body.length(), (System.nanoTime() - started) / 1_000_000);
                if (status == 200 && !isJson(body)) {
                    failure = new Failure(status, "malformed JSON (" + body.length() + " bytes)", body, null, null);
                } else if (status == 429 || status >= 500) {
                    failure = new Failure(status, "HTTP " + status, null, RetryPolicy.parseRetryAfter(response.header("Retry-After")), null);
                } else {
                    // The body was read to check it: hand on a copy, so the caller reads it as if untouched.
                    return response.newBuilder().body(ResponseBody.create(body, response.body().contentType())).build();
                }
            } catch (InterruptedIOException e) {
                if (!(e instanceof SocketTimeoutException)) {
                    throw e; // the thread is being stopped: not a failure to retry
                }
                failure = ioFailure(endpoint, started, e);
            } catch (IOException e) {
                failure = ioFailure(endpoint, started, e);
            }
            if (attempt >= policy.maxAttempts()) {
                throw new GaveUp(attempt, failure, "", failure.cause);
            }
            Duration pause = policy.delayAfter(attempt, failure.retryAfter);
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw new GaveUp(attempt, failure, failure.retryAfter != null
                        ? " (the server asks to wait " + failure.retryAfter.toSeconds() + " s, beyond the retry budget)"
                        : " (retry time budget spent)", failure.cause);
            }
            metrics.recordRetry(endpoint);
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while backing off");
            }
        }
    }

    private Failure ioFailure(Endpoint endpoint, long started, IOException e) {
        metrics.recordCall(endpoint, 0, 0, (System.nanoTime() - started) / 1_000_000);
        return new Failure(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null, null, e);
    }

    private static boolean isJson(String body) {
        try (JsonParser parser = ApiJson.mapper().createParser(body)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
