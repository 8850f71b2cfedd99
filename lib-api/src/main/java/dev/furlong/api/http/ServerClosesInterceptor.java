package dev.furlong.api.http;

import java.io.IOException;
import java.util.Arrays;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Retires the connection of an HTTP/1.0 answer without {@code Connection: keep-alive}: the server closes it after the answer
 * (RFC 9112, 9.3), but OkHttp pools it unless the answer says {@code Connection: close}, so the next call on it would fail with
 * "unexpected end of stream" and be retried. A network interceptor: it reads the answer while the connection is still this
 * call's, then closes its socket, so the pool drops it before any other call can take it.
 */
public final class ServerClosesInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.protocol() != Protocol.HTTP_1_0 || keepsAlive(response) || chain.connection() == null) {
            return response;
        }
        ResponseBody whole = response.peekBody(Long.MAX_VALUE);
        chain.connection().socket().close();
        response.close();
        return response.newBuilder().body(whole).build();
    }

    private static boolean keepsAlive(Response response) {
        return response.headers("Connection").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(token -> token.strip().equalsIgnoreCase("keep-alive"));
    }
}
