package dev.furlong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.furlong.cli.Furlong;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Furlong's CLI run in this JVM against a sandbox started for that one run, on a test's lake and Postgres schema. */
public final class SandboxCli {

    public static final Map<String, String> ENV = Map.of("RACING_API_USERNAME", "sandbox", "RACING_API_PASSWORD", "sandbox",
            "PG_USER", "postgres");

    private SandboxCli() {
    }

    /**
     * Runs a command against the sandbox as of {@code today} at 22:45, its rate limits off (the setting, not what is tested),
     * with {@code --today} unless the command names {@code --now}; expects its exit code and returns what it printed.
     */
    public static String run(int expected, Path lake, String schema, LocalDate today, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--now")) {
            all.addAll(List.of("--today", today.toString()));
        }
        return run(expected, SandboxConfig.defaults(today.atTime(22, 45)).withRateLimits(false), lake, schema,
                all.toArray(new String[0]));
    }

    /** Runs a command against a sandbox of {@code world}; expects its exit code and returns what it printed. */
    public static String run(int expected, SandboxConfig world, Path lake, String schema, String... args) {
        try (SandboxServer sandbox = SandboxServer.start(world, 0)) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--api-url", sandbox.baseUrl(), "--lake", lake.toString(), "--pg-url", TestPostgres.url(),
                    "--pg-schema", schema));
            Printed printed = Printed.by(() -> Furlong.run(ENV, all.toArray(new String[0])));
            assertEquals(expected, printed.code(), String.join(" ", args) + "\n" + printed.text());
            return printed.text();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
