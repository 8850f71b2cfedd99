package dev.furlong.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.furlong.bench.FetchPlanBench;
import dev.furlong.bench.PublishBench;
import dev.furlong.bench.StatsBench;
import dev.furlong.bench.SyncBench;
import dev.furlong.bench.TransformBench;
import dev.furlong.cli.CommonOptions;
import dev.furlong.cli.Furlong;
import dev.furlong.config.InvalidSettingException;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import dev.furlong.pipeline.Console;
import dev.furlong.publish.EmbeddedDatabase;
import dev.furlong.publish.PasswordFile;
import dev.furlong.publish.PgTarget;
import dev.furlong.sandbox.SandboxArchive;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxWorld;
import dev.furlong.spark.SparkSessions;
import dev.furlong.transform.TransformJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"The benchmark harness: runs stages against a generated sandbox world and writes a report (JSON and "
                + "Markdown). Figures are counts and ratios first; times are noted as machine-dependent.",
                "Stages: fetch-plan (API calls of a long backfill against the minimum, and its wall time at the documented limits);",
                "transform (years of sandbox answers written to bronze, then the full and one daily bronze → silver transform, timed);",
                "stats (every statistic of those years: furlong stats for the standard and high_quality profiles, each in a JVM capped "
                        + "at -Xmx2g, timed);",
                "publish (ra_runners of those years into a fresh embedded Postgres: first load, all rows changed and no change, "
                        + "against a raw COPY of the same rows into an identical table);",
                "sync (one race day on top of those years: the day's sync --scope transactions against the sandbox, each step "
                        + "timed, and the calls of a live run after it)."})
final class BenchCommand implements Callable<Integer> {

    static final List<String> STAGES = List.of("fetch-plan", "transform", "stats", "publish", "sync");

    @Mixin
    CommonOptions common;

    @Option(names = "--stages", split = ",", paramLabel = "S", description = "Stages to run (default all: fetch-plan,transform,stats,publish,sync).")
    List<String> stages;

    @Option(names = "--years", paramLabel = "N", description = "Years of racing to backfill (default 10).")
    int years = 10;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sandbox world (default 20150101).")
    long seed = SandboxConfig.DEFAULT_SEED;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default ./furlong-data/bench).")
    Path out = Path.of("furlong-data", "bench");

    @Option(names = "--keep-lake", description = "Keep the bench lake (<out>/bench-lake) afterwards, and let the stats, publish and sync "
            + "stages reuse a kept one instead of landing and transforming again (the transform stage always starts afresh).")
    boolean keepLake;

    private static void table(StringBuilder md, Map<String, Object> figures) {
        md.append("| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    }

    /** Lands and transforms the bench's years of sandbox racing, unless an earlier stage of this run did. */
    private void silver(SparkSession spark, Lake lake, java.time.LocalDate today, Console console) {
        if (!DeltaTables.exists(spark, lake.silver("runners"))) {
            console.info("landing and transforming " + years + " years of sandbox racing first ...");
            TransformBench.land(spark, lake, new SandboxArchive(seed, today), today.minusYears(years), today.minusDays(2), today,
                    console::info);
            new TransformJob(spark, lake, List.of("gb", "ire"), "bench").run();
        }
    }

    /** What a bench stage measures against a fresh embedded Postgres, which is deleted afterwards. */
    private interface DatabaseStage {
        Map<String, Object> run(PgTarget db) throws Exception;
    }

    private Map<String, Object> inFreshDatabase(DatabaseStage stage) throws Exception {
        Path pgDir = out.resolve("bench-pg").toAbsolutePath();
        deleteRecursively(pgDir);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(pgDir)) {
            return stage.run(db.target("bench"));
        } finally {
            deleteRecursively(pgDir);
            Files.deleteIfExists(PasswordFile.beside(pgDir).path());
        }
    }

    /** What the seconds were measured on: cores, memory, processor, system, Java and the heap it was given. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        String model = "unknown";
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
        } catch (IOException | java.io.UncheckedIOException e) {
            // not Linux: the model stays unknown
        }
        m.put("cpu_model", model);
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory_gb", Math.round(os.getTotalMemorySize() / 1e9));
        }
        m.put("heap_gb", Math.round(Runtime.getRuntime().maxMemory() / 1e9));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        return m;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        var settings = common.settings();
        if (years < 1 || years > 40) {
            throw new InvalidSettingException("--years must be between 1 and 40, got " + years);
        }
        List<String> run = stages == null ? STAGES : stages;
        for (String s : run) {
            if (!STAGES.contains(s)) {
                throw new InvalidSettingException("--stages takes " + String.join(",", STAGES) + "; got '" + s + "'");
            }
        }
        Console console = common.console();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seed", seed);
        report.put("today", settings.run().today().toString());
        Map<String, Object> machine = machine();
        report.put("machine", machine);
        StringBuilder md = new StringBuilder("# Furlong benchmark\n\nSandbox world seed " + seed + ", today " + settings.run().today()
                + ". Counts and ratios are exact for this world; fetch-plan seconds are planned at the documented limits, transform seconds are measured.\n"
                + "\nMachine: " + machine + "\n");
        if (run.contains("fetch-plan")) {
            long started = System.nanoTime();
            FetchPlanBench.Figures f = FetchPlanBench.run(new SandboxWorld(seed), settings.run().today(), years,
                    settings.globalRatePerSecond(), console::info);
            report.put("fetch_plan", f.asMap());
            md.append("\n## fetch-plan: a ").append(years).append("-year backfill (").append(f.from()).append(" to ").append(f.to())
                    .append(")\n\n");
            table(md, f.asMap());
            md.append("\nGoal: ratio_to_minimum ≤ 1.02. Pricing took ").append((System.nanoTime() - started) / 1_000_000_000)
                    .append(" s on this machine.\n");
        }
        Path lakeDir = out.resolve("bench-lake").toAbsolutePath();
        if (!keepLake || run.contains("transform")) {
            deleteRecursively(lakeDir);
        }
        Lake lake = new Lake(lakeDir.toString());
        try (SparkSession spark = run.contains("transform") || run.contains("stats") || run.contains("publish") || run.contains("sync")
                ? SparkSessions.create(settings.sparkMaster(), settings.shufflePartitions()) : null) {
            if (run.contains("transform")) {
                Map<String, Object> t = TransformBench.run(spark, lake, seed, settings.run().today(), years, console::info);
                report.put("transform", t);
                md.append("\n## transform: bronze → silver for ").append(years).append(" years of sandbox racing\n\n");
                table(md, t);
                md.append("\nGoals on a 2-core machine: full_transform_seconds < 180 for ten years, daily_transform_seconds < 30. "
                        + "Seconds are measured on this machine.\n");
            }
            if (run.contains("stats")) {
                silver(spark, lake, settings.run().today(), console);
                Map<String, Object> st = StatsBench.run(spark, lake, settings.run().today(), out.toAbsolutePath(), console::info);
                report.put("stats", st);
                md.append("\n## stats: every statistic of ").append(years).append(" years of sandbox racing\n\n");
                table(md, st);
                md.append("\nGoals on a 2-core machine, for ten years: under 180 s, driver heap under 2 GB. Each profile runs as "
                        + "`furlong stats` in a JVM capped at -Xmx2g, which in local mode holds the driver and executors together; "
                        + "its seconds include starting the JVM and Spark.\n");
            }
            if (run.contains("publish")) {
                silver(spark, lake, settings.run().today(), console);
                Map<String, Object> p = inFreshDatabase(db -> PublishBench.run(spark, lake, db, console::info));
                report.put("publish", p);
                md.append("\n## publish: ra_runners of ").append(years).append(" years into a fresh embedded Postgres\n\n");
                table(md, p);
                md.append("\nGoals: first_load_ratio_to_raw_copy ≥ 0.6, all_changed_ratio_to_raw_copy ≥ 0.4, "
                        + "no_change_rows_written = 0.\n");
            }
            if (run.contains("sync")) {
                silver(spark, lake, settings.run().today(), console);
                Map<String, Object> s = inFreshDatabase(db -> SyncBench.run(spark, lake, db, seed, settings.run().today(), console::info));
                report.put("sync", s);
                md.append("\n## sync: one race day on top of ").append(years).append(" years, end to end\n\n");
                table(md, s);
                md.append("\nGoals on a 2-core machine: sync_seconds ≤ 90 (stretch 60), live_api_calls ≤ 3. Each step's seconds "
                        + "are its stage in the run history; fetch includes its plan, measured alone as plan_seconds.\n");
            }
        } finally {
            if (!keepLake) {
                deleteRecursively(lakeDir);
            }
        }
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), report);
        Files.writeString(out.resolve("bench.md"), md.toString());
        console.result(md.toString());
        console.info("report written to " + out.resolve("bench.json") + " and " + out.resolve("bench.md"));
        return Furlong.OK;
    }
}
