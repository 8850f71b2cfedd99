package dev.furlong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.cli.Furlong;
import java.time.LocalDate;
import java.util.Map;

/** Sandbox race days fetched and transformed into a lake by the CLI, as a user would. */
public final class SandboxLake {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    public static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox",
            "PG_USER", "postgres");

    private SandboxLake() {
    }

    public static void fetchAndTransform(String apiUrl, String lake, LocalDate from, LocalDate to) {
        String[] common = {"--api-url", apiUrl, "--lake", lake, "--today", TODAY.toString(), "--historical-results", "-q",
                "--pg-url", TestPostgres.url()};
        assertEquals(0, Furlong.run(ENV, concat(new String[]{"fetch", "--from", from.toString(), "--to", to.toString()}, common)));
        assertEquals(0, Furlong.run(ENV, concat(new String[]{"transform"}, common)));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
