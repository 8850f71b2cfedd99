package dev.furlong.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.furlong.bench.FetchPlanBench;
import dev.furlong.config.InvalidSettingException;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"The benchmark harness: runs stages against a generated sandbox world and writes a report (JSON and "
                + "Markdown). Figures are counts and ratios first; times are noted as machine-dependent.",
                "Stages: fetch-plan (API calls of a long backfill against the minimum, and its wall time at the documented limits)."})
final class BenchCommand implements Callable<Integer> {

    static final List<String> STAGES = List.of("fetch-plan");
    static final List<String> NOT_BUILT = List.of("transform", "stats", "publish");

    @Mixin
    CommonOptions common;

    @Option(names = "--stages", split = ",", paramLabel = "S", description = "Stages to run (default all built: fetch-plan).")
    List<String> stages;

    @Option(names = "--years", paramLabel = "N", description = "Years of racing to backfill (default 10).")
    int years = 10;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sandbox world (default 20150101).")
    long seed = SandboxConfig.DEFAULT_SEED;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default ./furlong-data/bench).")
    Path out = Path.of("furlong-data", "bench");

    @Override
    public Integer call() throws Exception {
        var settings = common.settings();
        if (years < 1 || years > 40) {
            throw new InvalidSettingException("--years must be between 1 and 40, got " + years);
        }
        List<String> run = stages == null ? STAGES : stages;
        for (String s : run) {
            if (NOT_BUILT.contains(s)) {
                return NotBuilt.say("bench --stages " + s);
            }
            if (!STAGES.contains(s)) {
                throw new InvalidSettingException("--stages takes " + String.join(",", STAGES) + "; got '" + s + "'");
            }
        }
        Console console = Console.of(common);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seed", seed);
        report.put("today", settings.today().toString());
        StringBuilder md = new StringBuilder("# Furlong benchmark\n\nSandbox world seed " + seed + ", today " + settings.today()
                + ". Counts and ratios are exact for this world; seconds are planned at the documented limits, not measured.\n");
        long started = System.nanoTime();
        FetchPlanBench.Figures f = FetchPlanBench.run(new SandboxWorld(seed), settings.today(), years, settings.globalRatePerSecond(),
                console::info);
        report.put("fetch_plan", f.asMap());
        md.append("\n## fetch-plan: a ").append(years).append("-year backfill (").append(f.from()).append(" to ").append(f.to())
                .append(")\n\n| figure | value |\n|---|---|\n");
        f.asMap().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nGoal: ratio_to_minimum ≤ 1.02. Pricing took ").append((System.nanoTime() - started) / 1_000_000_000)
                .append(" s on this machine.\n");
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), report);
        Files.writeString(out.resolve("bench.md"), md.toString());
        console.result(md.toString());
        console.info("report written to " + out.resolve("bench.json") + " and " + out.resolve("bench.md"));
        return Furlong.OK;
    }
}
