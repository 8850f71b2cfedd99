package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.api.http.RateLimits;
import dev.furlong.api.http.RetryPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/1.0 server closes the connection after each answer unless it says {@code Connection: keep-alive}. A client that
 * pooled such a connection would send its next call into a closed socket: "unexpected end of stream", then a retry.
 */
class Http10ServerTest {

    private static final String REGIONS = "[{\"region\":\"Great Britain\",\"region_code\":\"gb\"}]";

    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    /** A bare-socket HTTP/1.0 server: with keepAlive false it closes each connection after one answer, as HTTP/1.0 does. */
    private ApiBaseUrl http10Server(boolean keepAlive) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    connections.incrementAndGet();
                    Thread server = new Thread(() -> serve(socket, keepAlive));
                    server.setDaemon(true);
                    server.start();
                } catch (IOException e) {
                    return; // the listener was closed
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return ApiBaseUrl.parse("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void serve(Socket socket, boolean keepAlive) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            do {
                String line = in.readLine();
                if (line == null) {
                    return; // the client closed it
                }
                while (line != null && !line.isEmpty()) {
                    line = in.readLine(); // the request's headers: a GET has no body
                }
                byte[] body = REGIONS.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                        + (keepAlive ? "Connection: keep-alive\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                answers.incrementAndGet();
            } while (keepAlive);
        } catch (IOException e) {
            // the client went away mid-request: nothing to answer
        }
    }

    private static RacingApiClient client(ApiBaseUrl url) {
        return RacingApiClient.builder(url, new Credentials("user", "secret"))
                .rateLimits(RateLimits.of(1000, Map.of(Endpoint.REGIONS, 1000.0)))
                .retryPolicy(new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10)))
                .build();
    }

    @Test
    void aServerThatClosesAfterEachAnswerGetsAFreshConnectionForEveryCallAndNoRetries() throws Exception {
        try (RacingApiClient client = client(http10Server(false))) {
            for (int i = 0; i < 20; i++) {
                assertEquals(REGIONS, client.regions().body());
            }
            assertEquals(new ClientMetrics.Counts(20, 0, 0, 20L * REGIONS.length(), client.metrics().counts(Endpoint.REGIONS)
                    .latencyMillis()), client.metrics().counts(Endpoint.REGIONS));
        }
        assertEquals(20, answers.get());
        assertEquals(20, connections.get());
    }

    @Test
    void anHttp10ServerThatKeepsTheConnectionAliveServesEveryCallOnOne() throws Exception {
        try (RacingApiClient client = client(http10Server(true))) {
            for (int i = 0; i < 20; i++) {
                assertEquals(REGIONS, client.regions().body());
            }
            assertEquals(0, client.metrics().counts(Endpoint.REGIONS).retries());
        }
        assertEquals(20, answers.get());
        assertEquals(1, connections.get());
    }
}
