package dev.furlong.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Racing API's twin on loopback, over a {@link SandboxWorld}: Basic auth, the per-endpoint and edge rate limits, injected
 * faults, and a log of every request. What each endpoint answers is {@link SandboxApi}'s business.
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxServer.class.getName());
    private static final Pattern RUNNER_HORSE_ID = Pattern.compile("\"horse_id\":\"[^\"]*\",");

    private final SandboxConfig config;
    private final SandboxApi api;
    private final SandboxLimits limits;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestLog log = new RequestLog();
    private final String expectedAuthorization;
    private final SplittableRandom faultDraws;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger limitRefusals = new AtomicInteger();
    private volatile int credentialsRevokedAfter = Integer.MAX_VALUE;

    private SandboxServer(SandboxConfig config, int port) throws IOException {
        this.config = config;
        this.api = new SandboxApi(new SandboxWorld(config.seed()), config);
        this.limits = new SandboxLimits(config);
        this.faultDraws = new SplittableRandom(config.seed());
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a sandbox on 127.0.0.1; port 0 picks a free one. */
    public static SandboxServer start(SandboxConfig config, int port) throws IOException {
        SandboxServer s = new SandboxServer(config, port);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to give a client: {@code http://127.0.0.1:PORT}, without {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public SandboxWorld world() {
        return api.world();
    }

    public SandboxConfig config() {
        return config;
    }

    public RequestLog requestLog() {
        return log;
    }

    /** Requests refused with 429 because they broke a rate limit (injected 429s are not counted): a client's failing. */
    public int limitRefusals() {
        return limitRefusals.get();
    }

    /**
     * Revokes the account's credentials once {@code answered} more requests have come in: from then on every request gets
     * 401, as when a key is withdrawn in the middle of a run.
     */
    public void revokeCredentialsAfter(int answered) {
        credentialsRevokedAfter = requests.get() + answered;
    }

    /**
     * The truth export: every race run from {@code from} to {@code to}, as the API serves it today (corrections included), in
     * off-time order per day. Tests compare what Furlong published with this.
     */
    public List<SimRace> truth(LocalDate from, LocalDate to) {
        List<SimRace> races = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (SimRace race : api.world().racesOn(d)) {
                races.add(config.corrections() ? race.asServedOn(config.today()) : race);
            }
        }
        return races;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        SandboxApi.Answer answer;
        SandboxEndpoint endpoint = SandboxEndpoint.of(path);
        SandboxConfig.Faults faults = endpoint == null ? SandboxConfig.Faults.NONE : config.faultsFor(endpoint);
        Fault fault = draw(faults);
        boolean revoked = requests.incrementAndGet() > credentialsRevokedAfter;
        try {
            if (revoked || !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer = SandboxApi.Answer.of(401, "{\"detail\":\"Not authenticated\"}");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                answer = SandboxApi.Answer.of(405, "{\"detail\":\"Method Not Allowed\"}");
            } else if (endpoint != null && !limits.admit(endpoint)) {
                limitRefusals.incrementAndGet();
                answer = SandboxApi.Answer.of(429, "{\"detail\":\"Too Many Requests\"}");
            } else if (fault == Fault.SERVER_ERROR) {
                answer = SandboxApi.Answer.of(503, "{\"detail\":\"Service Unavailable\"}");
            } else if (fault == Fault.TOO_MANY) {
                answer = SandboxApi.Answer.of(429, "{\"detail\":\"Too Many Requests\"}");
            } else {
                answer = api.answer(path, parseQuery(rawQuery));
            }
        } catch (RuntimeException e) {
            // A bug in the sandbox, not a simulated fault: say so loudly, or it would pass for API flakiness.
            LOG.log(Level.SEVERE, "sandbox failed on " + path, e);
            answer = SandboxApi.Answer.of(500, "{\"detail\":\"Internal Server Error\"}");
        }
        if (answer.status() == 200 && fault == Fault.DRIFT) {
            answer = SandboxApi.Answer.of(200, drift(answer.body()));
        }
        log.add(new RequestLog.Entry(exchange.getRequestMethod(), path, rawQuery == null ? "" : rawQuery,
                fault == Fault.RESET ? 0 : answer.status(), Instant.now()));
        sleep(faults.latency().toMillis());
        if (fault == Fault.RESET) {
            // The JDK server drops the connection when a handler fails before answering: no status line reaches the client.
            throw new IOException("injected connection reset");
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        boolean truncate = fault == Fault.TRUNCATE && answer.status() == 200;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic");
        }
        // A truncated body is sent chunked and stops halfway: well-formed HTTP carrying half a JSON document.
        exchange.sendResponseHeaders(answer.status(), truncate ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, 0, truncate ? bytes.length / 2 : bytes.length);
        }
    }

    private enum Fault { NONE, SERVER_ERROR, TOO_MANY, TRUNCATE, DRIFT, RESET }

    private Fault draw(SandboxConfig.Faults f) {
        if (f == SandboxConfig.Faults.NONE) {
            return Fault.NONE;
        }
        double x;
        synchronized (faultDraws) {
            x = faultDraws.nextDouble();
        }
        double[] rates = {f.serverErrors(), f.tooManyRequests(), f.truncatedBodies(), f.schemaDrift(), f.connectionResets()};
        Fault[] kinds = {Fault.SERVER_ERROR, Fault.TOO_MANY, Fault.TRUNCATE, Fault.DRIFT, Fault.RESET};
        for (int i = 0; i < rates.length; i++) {
            x -= rates[i];
            if (x < 0) {
                return kinds[i];
            }
        }
        return Fault.NONE;
    }

    /** Schema drift: the first runner loses its horse id, and a numeric field arrives as a JSON object. */
    static String drift(String body) {
        Matcher m = RUNNER_HORSE_ID.matcher(body);
        String drifted = m.find() ? body.substring(0, m.start()) + body.substring(m.end()) : body;
        return drifted.replaceFirst("\"weight_lbs\":\"(\\d+)\"", "\"weight_lbs\":{\"value\":$1}");
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Map.Entry<String, String>> parseQuery(String raw) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.add(Map.entry(key, value));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
