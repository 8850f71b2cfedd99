package dev.furlong.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The Racing API's twin on loopback: {@code /v1/courses/regions}, {@code /v1/courses} and {@code /v1/results} over a
 * {@link SandboxWorld}, with Basic auth, the results history window, paging limits and FastAPI-shaped errors.
 */
public final class SandboxServer implements AutoCloseable {

    public static final LocalDate HISTORICAL_RESULTS_START = LocalDate.of(1988, 1, 1);
    private static final int RESULTS_DEFAULT_LIMIT = 25; // what the live API does; the spec says 50
    private static final int RESULTS_MAX_LIMIT = 100;
    private static final int RESULTS_MAX_SKIP = 20_000;

    private final SandboxConfig config;
    private final SandboxWorld world;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestLog log = new RequestLog();
    private final String expectedAuthorization;

    private SandboxServer(SandboxConfig config, int port) throws IOException {
        this.config = config;
        this.world = new SandboxWorld(config.seed());
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
        return world;
    }

    public SandboxConfig config() {
        return config;
    }

    public RequestLog requestLog() {
        return log;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = route(exchange);
        } catch (RuntimeException e) {
            answer = new Answer(500, "{\"detail\":\"Internal Server Error\"}");
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        log.add(new RequestLog.Entry(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                rawQuery == null ? "" : rawQuery, answer.status(), Instant.now()));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer route(HttpExchange exchange) {
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, "{\"detail\":\"Not authenticated\"}");
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            return new Answer(405, "{\"detail\":\"Method Not Allowed\"}");
        }
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        List<Map.Entry<String, String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
        try {
            return switch (path) {
                case "/v1/courses/regions" -> new Answer(200, SandboxJson.write(SandboxJson.regions(SandboxWorld.REGIONS)));
                case "/v1/courses" -> courses(query);
                case "/v1/results" -> results(query);
                default -> new Answer(404, "{\"detail\":\"Not Found\"}");
            };
        } catch (InvalidParameter e) {
            return new Answer(422, e.body());
        }
    }

    private Answer courses(List<Map.Entry<String, String>> query) {
        Set<String> regions = values(query, "region_codes").stream().map(String::toUpperCase).collect(Collectors.toSet());
        List<SimCourse> courses = world.courses().stream()
                .filter(c -> regions.isEmpty() || regions.contains(c.regionCode()))
                .toList();
        return new Answer(200, SandboxJson.write(SandboxJson.courses(courses)));
    }

    private Answer results(List<Map.Entry<String, String>> query) {
        LocalDate today = config.today();
        LocalDate end = date(query, "end_date", today);
        LocalDate start = date(query, "start_date", end.minusDays(365));
        int limit = integer(query, "limit", RESULTS_DEFAULT_LIMIT, 1, RESULTS_MAX_LIMIT);
        int skip = integer(query, "skip", 0, 0, RESULTS_MAX_SKIP);
        if (end.isBefore(start)) {
            throw InvalidParameter.of("end_date", "end_date must not be before start_date", end.toString());
        }
        if (ChronoUnit.DAYS.between(start, end) > 365) {
            throw InvalidParameter.of("start_date", "the date range must not exceed 365 days", start.toString());
        }
        LocalDate earliest = config.historicalResults() ? HISTORICAL_RESULTS_START : today.minusDays(365);
        if (start.isBefore(earliest)) {
            throw InvalidParameter.of("start_date", config.historicalResults()
                    ? "results are available from 1988-01-01"
                    : "results older than 365 days need the historical results add-on", start.toString());
        }
        Set<String> regions = values(query, "region").stream().map(String::toUpperCase).collect(Collectors.toSet());
        Set<String> courses = Set.copyOf(values(query, "course"));
        List<SimRace> races = new ArrayList<>();
        // Results exist once a day is over; newest day first, like the live API.
        for (LocalDate d = end.isBefore(today) ? end : today.minusDays(1); !d.isBefore(start); d = d.minusDays(1)) {
            for (SimRace race : world.racesOn(d)) {
                boolean courseMatch = courses.isEmpty() || courses.contains(race.course().id());
                boolean regionMatch = !courses.isEmpty() || regions.isEmpty() || regions.contains(race.course().regionCode());
                if (courseMatch && regionMatch) {
                    races.add(race);
                }
            }
        }
        List<SimRace> page = races.subList(Math.min(skip, races.size()), Math.min(skip + limit, races.size()));
        List<Map.Entry<String, String>> echo = query.stream()
                .filter(e -> !e.getKey().equals("limit") && !e.getKey().equals("skip"))
                .toList();
        ObjectNode body = SandboxJson.resultsPage(page, races.size(), limit, skip, echo);
        return new Answer(200, SandboxJson.write(body));
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

    private static List<String> values(List<Map.Entry<String, String>> query, String key) {
        return query.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    private static String single(List<Map.Entry<String, String>> query, String key) {
        List<String> v = values(query, key);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }

    private static LocalDate date(List<Map.Entry<String, String>> query, String key, LocalDate fallback) {
        String v = single(query, key);
        if (v == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw InvalidParameter.of(key, "invalid date format", v);
        }
    }

    private static int integer(List<Map.Entry<String, String>> query, String key, int fallback, int min, int max) {
        String v = single(query, key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw InvalidParameter.of(key, "value is not a valid integer", v);
        }
        if (n < min) {
            throw InvalidParameter.of(key, "ensure this value is greater than or equal to " + min, v);
        }
        if (n > max) {
            throw InvalidParameter.of(key, "ensure this value is less than or equal to " + max, v);
        }
        return n;
    }

    /** A 422 in the shape the live API sends (FastAPI with Pydantic v1 messages). */
    private static final class InvalidParameter extends RuntimeException {
        private final String body;

        private InvalidParameter(String body) {
            super(null, null, false, false);
            this.body = body;
        }

        static InvalidParameter of(String param, String msg, String input) {
            ObjectNode root = SandboxJson.JSON.createObjectNode();
            ObjectNode error = root.putArray("detail").addObject();
            ArrayNode loc = error.putArray("loc");
            loc.add("query").add(param);
            error.put("msg", msg).put("type", "value_error").put("input", input);
            return new InvalidParameter(SandboxJson.write(root));
        }

        String body() {
            return body;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
