package dev.furlong.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.cli.Furlong;
import dev.furlong.config.Schedule;
import dev.furlong.config.SettingsLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI contract: every command registered, exit codes 0 / 1 / 2, one-line errors. The local jar has them all; the cluster
 * jar has all but those that run the sandbox in process.
 */
class CliTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(Map<String, String> env, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = LocalFurlong.run(env, args);
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static final List<String> COMMANDS = List.of("demo", "backfill", "sync", "fetch", "transform", "stats", "publish", "validate",
            "status", "schedule", "sandbox", "sql", "db", "maintain", "bench");

    static final List<String> SANDBOX_COMMANDS = List.of("demo", "sandbox", "bench");

    @Test
    void theClusterCliHasEveryCommandButThoseThatRunTheSandbox() {
        List<String> cluster = new ArrayList<>(Furlong.commandLine(List.of()).getSubcommands().keySet());
        cluster.remove("help");
        assertEquals(COMMANDS.stream().filter(c -> !SANDBOX_COMMANDS.contains(c)).sorted().toList(), cluster.stream().sorted().toList());
    }

    @Test
    void everyCommandOfTheContractHasHelp() {
        for (String command : COMMANDS) {
            Outcome o = run(Map.of(), command, "--help");
            assertEquals(0, o.code(), command);
            assertTrue(o.out().contains("Usage: furlong " + command), command + ": " + o.out());
        }
        assertEquals(0, run(Map.of(), "db", "serve", "--help").code());
    }

    @Test
    void benchWritesItsFiguresAndTheMachineTheyCameFromAsJsonBesideTheMarkdown(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Outcome o = run(Map.of(), "bench", "--stages", "fetch-plan", "--years", "1", "--today", "2026-11-28", "--out", dir.toString(), "-q");
        assertEquals(0, o.code(), o.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        assertEquals("2026-11-28", json.at("/today").asText());
        assertTrue(json.at("/fetch_plan/ratio_to_minimum").asDouble() >= 1.0, json.toString());
        assertEquals(Runtime.getRuntime().availableProcessors(), json.at("/machine/cpus").asInt());
        assertTrue(json.at("/machine/java").asText().endsWith(System.getProperty("java.version")), json.toString());
        assertTrue(Files.readString(dir.resolve("bench.md")).contains("Machine: {cpus=" + Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void statusOnAnEmptyLakeAndADatabaseNeverCreatedSaysSoPlainly(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path conf = dir.resolve("furlong.conf");
        Files.writeString(conf, "furlong.postgres.embedded-data-dir = \"" + dir.resolve("pg") + "\"\n");
        String[] args = {"status", "--conf", conf.toString(), "--lake", dir.resolve("lake").toString()};
        Outcome text = run(Map.of(), args);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("the lake at " + dir.resolve("lake") + " holds no answers yet"), text.out());
        assertTrue(text.out().contains("nothing published yet: the embedded Postgres has not been created"), text.out());
        assertFalse(Files.exists(dir.resolve("pg")), "status creates no database");
        Outcome json = run(Map.of(), concat(args, "--json"));
        assertEquals(0, json.code(), json.err());
        var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertTrue(status.at("/lakeEmpty").asText().contains("holds no answers yet"), json.out());
        assertEquals(0, status.at("/backlog/horsesWaiting").asLong());
    }

    @Test
    void validateOnAnEmptyLakeAndADatabaseNeverCreatedSaysSoPlainlyAndFails(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path conf = dir.resolve("furlong.conf");
        Files.writeString(conf, "furlong.postgres.embedded-data-dir = \"" + dir.resolve("pg") + "\"\n");
        Path json = dir.resolve("validation.json");
        Outcome o = run(Map.of(), "validate", "--conf", conf.toString(), "--lake", dir.resolve("lake").toString(), "--json",
                json.toString(), "--report", dir.resolve("validation.html").toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("the lake at " + dir.resolve("lake") + " holds no answers yet"), o.out());
        assertTrue(o.out().contains("nothing published yet: the embedded Postgres has not been created"), o.out());
        assertTrue(o.out().contains("0 of 2 checks passed; 2 errors"), o.out());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(dir.resolve("pg")), "validate creates no database");
        var checks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("checks");
        assertEquals("database", checks.get(0).get("name").asText());
        assertEquals("lake", checks.get(1).get("name").asText());
        assertTrue(Files.readString(dir.resolve("validation.html")).contains("holds no answers yet"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void commandsNotBuiltYetSaySoAndFail() {
        Outcome statsRange = run(Map.of(), "stats", "--from", "2026-11-01");
        assertEquals(1, statsRange.code());
        assertTrue(statsRange.err().contains("not built yet"), statsRange.err());
    }

    @Test
    void checkArgsChecksACommandLineWithoutRunningIt() {
        Outcome ok = run(Map.of(), "sync", "--scope", "transactions", "--now", "2026-03-29T06:00", "--pg-url", "jdbc:postgresql://db:5432/racing",
                "--check-args");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("furlong sync: arguments accepted", ok.out().strip());
        assertEquals(2, run(Map.of(), "sync", "--scope", "transactions", "--bogus", "--check-args").code(), "an unknown option");
        assertEquals(2, run(Map.of(), "fetch", "--from", "2026-02-30", "--check-args").code(), "a date that does not exist");
        Outcome badConf = run(Map.of(), "publish", "--pg-url", "mysql://x", "--check-args");
        assertEquals(2, badConf.code());
        assertTrue(badConf.err().contains("the Postgres URL must look like jdbc:postgresql://"), badConf.err());
    }

    /** One schedule (conf/schedule.conf): the DAGs' module, the README's table and docs/cli.md's are its printouts. */
    @Test
    void theDagsAndTheDocsCarryTheScheduleAsTheScheduleFileGeneratesIt() throws IOException {
        Outcome python = run(Map.of(), "schedule", "--airflow");
        assertEquals(0, python.code(), python.err());
        assertEquals(Files.readString(Path.of("../airflow-dags/furlong_dags/schedule.py")), python.out(),
                "regenerate: ./furlong schedule --airflow > airflow-dags/furlong_dags/schedule.py");
        Outcome table = run(Map.of(), "schedule", "--markdown");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("| `transactions` | `0 6,10,14,18,22 * * *` | `furlong sync --scope transactions` | "
                + "`furlong_sync_transactions` |"), table.out());
        for (String doc : List.of("../README.md", "../docs/cli.md")) {
            assertTrue(Files.readString(Path.of(doc)).contains(table.out()), doc + " carries ./furlong schedule --markdown");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run(Map.of(), "backfill", "--from", "yesterday").code());
        assertEquals(2, run(Map.of(), "backfill", "--from", "2026-11-10", "--to", "2026-11-01").code());
        assertEquals(2, run(Map.of(), "frobnicate").code());
        assertEquals(2, run(Map.of(), "demo", "--days", "0").code());
        assertEquals(2, run(Map.of(), "stats", "--profile", "best").code());
        assertEquals(2, run(Map.of(), "stats", "--profile", "high_quality", "--min-runs", "3").code()); // custom or named
        assertEquals(2, run(Map.of(), "stats", "--min-runs-runner", "-1").code());
        assertEquals(2, run(Map.of(), "stats", "--as-of", "2026-13-01").code());
        assertEquals(2, run(Map.of(), "sync", "--scope", "everything").code());
        assertEquals(2, run(Map.of(), "backfill", "--from", "2026-11-01", "--enrich", "-1").code());
        assertEquals(2, run(Map.of(), "backfill", "--from", "2026-11-01", "--tables", "ra_races").code()); // no such option
        assertEquals(2, run(Map.of(), "fetch", "--from", "2026-11-01", "--lock-timeout", "soon").code());
        assertEquals(2, run(Map.of(), "sync", "--now", "2026-11-28 14:00").code());
        assertEquals(2, run(Map.of(), "sync", "--now", "2026-11-28T14:00", "--today", "2026-11-27").code());    }

    @Test
    void missingCredentialsAreOneLineNotAStackTrace() {
        Outcome o = run(Map.of(), "backfill", "--from", "2026-11-01", "--api-url", "http://127.0.0.1:9");
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("RACING_API_USERNAME"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() {
        Outcome o = run(Map.of("RACING_API_USERNAME", "u", "RACING_API_PASSWORD", "p"),
                "fetch", "--from", "2026-11-01", "--api-url", "http://example.com");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("loopback"), o.err());
    }

    @Test
    void everyScheduledRunIsACommandLineTheCliAccepts() {
        Schedule schedule = SettingsLoader.load(new SettingsLoader.Overrides(null, null, null, null, null, null, null, null, null, null,
                false, 0), Map.of()).schedule();
        assertEquals(9, schedule.entries().size());
        for (Schedule.Entry e : schedule.entries()) {
            CommandLine.ParseResult parsed = LocalFurlong.commandLine().parseArgs(e.arguments().toArray(new String[0]));
            assertEquals(e.furlongCommand(), parsed.subcommand().commandSpec().name(), e.name());
        }
    }

    @Test
    void theCrontabRunsEachRunAtItsLondonTimesOnAMachineInAnyZone() {
        Outcome o = run(Map.of("FURLONG_LAUNCHER", "/opt/furlong/furlong"), "schedule", "--crontab");
        assertEquals(0, o.code(), o.err());
        String here = Path.of("").toAbsolutePath().toString();
        assertTrue(o.out().contains("\n0 * * * * cd " + here + " && mkdir -p furlong-data/logs furlong-data/locks && TZ=Europe/London "
                + "date '+\\%H \\%d \\%m \\%u' | grep -qE '^(06|10|14|18|22) [0-9]+ [0-9]+ [0-9]+$' && flock -n "
                + "furlong-data/locks/transactions.lock /opt/furlong/furlong sync --scope transactions >> furlong-data/logs/transactions.log "
                + "2>&1\n"), o.out());
        assertFalse(o.out().contains("CRON_TZ"), "Debian's cron ignores it");
        Schedule schedule = Schedule.from(com.typesafe.config.ConfigFactory.parseFile(new java.io.File("../conf/furlong.conf")).resolve()
                .getConfig("furlong"));
        Map<String, String> lines = new java.util.HashMap<>();
        o.out().lines().filter(l -> l.contains("/opt/furlong/furlong")).forEach(l ->
                lines.put(l.replaceAll(".*furlong-data/locks/(.*)\\.lock.*", "$1"), l));
        assertEquals(9, lines.size(), o.out());
        // Every quarter of an hour of the weeks around both clock changes of 2026, on a machine in UTC: a line goes on exactly
        // when its run's cron expression fires in London.
        java.time.format.DateTimeFormatter date = java.time.format.DateTimeFormatter.ofPattern("HH dd MM e", java.util.Locale.UK);
        Map<String, Integer> fired = new java.util.TreeMap<>();
        for (String week : List.of("2026-03-25T00:00:00Z", "2026-10-21T00:00:00Z", "2026-05-28T00:00:00Z")) {
            for (java.time.Instant t = java.time.Instant.parse(week); t.isBefore(java.time.Instant.parse(week).plus(java.time.Duration.ofDays(8)));
                 t = t.plus(java.time.Duration.ofMinutes(15))) {
                java.time.ZonedDateTime london = t.atZone(java.time.ZoneId.of("Europe/London"));
                String printed = london.format(date).replaceAll(" (\\d)$", " " + london.getDayOfWeek().getValue());
                for (Schedule.Entry e : schedule.entries()) {
                    String line = lines.get(e.name());
                    String[] field = line.split(" ");
                    boolean minute = field[0].equals("*") || field[0].startsWith("*/") && t.atZone(java.time.ZoneOffset.UTC).getMinute()
                            % Integer.parseInt(field[0].substring(2)) == 0 || field[0].equals(Integer.toString(t.atZone(java.time.ZoneOffset.UTC).getMinute()));
                    String pattern = line.replaceAll(".*grep -qE '([^']*)'.*", "$1");
                    boolean goesOn = minute && printed.matches(pattern);
                    java.time.Instant now = t;
                    boolean fires = e.lastTimeAtOrBefore(london).map(f -> f.toInstant().equals(now)).orElse(false);
                    assertEquals(fires, goesOn, e.name() + " at " + london + " (date prints " + printed + ")");
                    fired.merge(e.name(), goesOn ? 1 : 0, Integer::sum);
                }
            }
        }
        // Three spans of 8 days: five transactions and 44 live runs a day, the weekly runs three times, the 1st of April and of June.
        assertEquals(Map.of("amendments", 3, "horses", 24, "live", 24 * 44, "maintain", 3, "people", 3, "static", 2, "statistics", 24,
                "statistics-weekly", 3, "transactions", 24 * 5), fired);
    }

    @Test
    void aDryRunPrintsThePlanAndTouchesNothing() {
        Outcome o = run(Map.of("RACING_API_USERNAME", "u", "RACING_API_PASSWORD", "p"), "fetch", "--from", "2026-11-01",
                "--to", "2026-11-03", "--today", "2026-11-28", "--dry-run", "--api-url", "http://127.0.0.1:9", "--lake",
                "target/never-created");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("RESULTS=3"), o.out());
        assertFalse(new java.io.File("target/never-created").exists());
    }

    /** The CLI reference for users ({@code docs/cli.md}, beside the module) names every command and every option it has. */
    @Test
    void theCliReferenceNamesEveryCommandAndOption() throws IOException {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        List<String> missing = new ArrayList<>();
        collectUndocumented(LocalFurlong.commandLine(), doc, missing);
        assertEquals(List.of(), missing, "named by the CLI but not in docs/cli.md");
    }

    private static void collectUndocumented(CommandLine command, String doc, List<String> missing) {
        String path = command.getCommandSpec().qualifiedName(" ");
        if (!doc.contains("`" + path.replaceFirst("^furlong ?", ""))) {
            missing.add(path);
        }
        for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
            for (String name : option.names()) {
                if (!doc.contains(name)) {
                    missing.add(path + " " + name);
                }
            }
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collectUndocumented(sub, doc, missing));
    }
}
