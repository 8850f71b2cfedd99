package dev.furlong.local;

import dev.furlong.cli.CommonOptions;
import dev.furlong.cli.Furlong;
import dev.furlong.config.InvalidSettingException;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Runs the simulator of The Racing API standalone on 127.0.0.1 until stopped (Ctrl-C).")
final class SandboxCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "P", description = "Port (default 8089; 0 picks a free one).")
    int port = 8089;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the simulated world (default 20150101).")
    long seed = SandboxConfig.DEFAULT_SEED;

    @Option(names = "--user", paramLabel = "U", description = "Username the sandbox accepts (default sandbox).")
    String user = SandboxConfig.DEFAULT_USER;

    @Option(names = "--password", paramLabel = "P", description = "Password the sandbox accepts (default sandbox).")
    String password = SandboxConfig.DEFAULT_PASSWORD;

    @Option(names = "--no-rate-limits", description = "Answer every request: no per-endpoint limits and no edge limit (for benchmarks).")
    boolean noRateLimits;

    @Option(names = "--no-corrections", description = "Serve every result final from the start (no next-day ratings or stewards' changes).")
    boolean noCorrections;

    @Option(names = "--text-distances", description = "Inject a fault of the real feed: some beaten distances sent as words (\"nk\", \"dht\").")
    boolean textDistances;

    @Override
    public Integer call() throws Exception {
        var settings = common.settings();
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException("--port must be 0-65535, got " + port);
        }
        if (user.isBlank() || password.isEmpty()) {
            throw new InvalidSettingException("--user and --password must not be empty");
        }
        SandboxConfig config = SandboxConfig.defaults(settings.run().now()).withSeed(seed).withCredentials(user, password)
                .withHistoricalResults(settings.historicalResults()).withRateLimits(!noRateLimits).withCorrections(!noCorrections)
                .withTextDistances(textDistances);
        try (SandboxServer server = SandboxServer.start(config, port)) {
            System.out.println("sandbox of The Racing API at " + server.baseUrl() + " (seed " + seed + ", clock stopped at "
                    + settings.run().now().withSecond(0).withNano(0)
                    + ", results " + (settings.historicalResults() ? "from 1988" : "for the last 365 days")
                    + ", racecards " + "2023-01-23 to " + settings.run().today().plusDays(7)
                    + (noRateLimits ? ", no rate limits" : ", rate limits as documented") + ")");
            System.out.println("try: curl -u " + user + ":**** '" + server.baseUrl() + "/v1/results?start_date="
                    + settings.run().today().minusDays(1) + "&end_date=" + settings.run().today().minusDays(1) + "&limit=2'");
            System.out.println("Ctrl-C stops it.");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return Furlong.OK;
    }
}
