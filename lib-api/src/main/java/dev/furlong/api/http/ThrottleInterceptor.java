package dev.furlong.api.http;

import dev.furlong.api.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Waits for the request's endpoint bucket and the global bucket before each attempt, retries included. */
public final class ThrottleInterceptor implements Interceptor {

    private final RateLimits limits;

    public ThrottleInterceptor(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Endpoint endpoint = chain.request().tag(Endpoint.class);
        if (endpoint == null) {
            throw new IllegalStateException("every API request is tagged with its Endpoint");
        }
        try {
            limits.acquire(endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate limit");
        }
        return chain.proceed(chain.request());
    }
}
