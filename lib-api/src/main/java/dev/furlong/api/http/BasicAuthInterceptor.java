package dev.furlong.api.http;

import dev.furlong.api.Credentials;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the account's HTTP Basic credentials to every request. The header is the only place they travel. */
public final class BasicAuthInterceptor implements Interceptor {

    private final String header;

    public BasicAuthInterceptor(Credentials credentials) {
        this.header = okhttp3.Credentials.basic(credentials.username(), credentials.password());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header("Authorization", header).build());
    }
}
