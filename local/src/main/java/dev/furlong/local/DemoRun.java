package dev.furlong.local;

import dev.furlong.api.Credentials;
import dev.furlong.config.Settings;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.Pipeline;
import dev.furlong.pipeline.RunContext;
import dev.furlong.publish.PgTarget;
import dev.furlong.sandbox.SandboxConfig;
import dev.furlong.sandbox.SandboxServer;
import dev.furlong.sandbox.SimRace;
import dev.furlong.stats.StatsProfile;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * {@code furlong demo}: the whole pipeline over the last N days against the in-process sandbox, an embedded Postgres and a
 * local lake, all under the demo root, then a summary of what was published and how to query it.
 */
final class DemoRun {

    private final Settings base;
    private final Console console;
    private final Map<String, String> env;

    DemoRun(Settings base, Console console, Map<String, String> env) {
        this.base = base;
        this.console = console;
        this.env = env;
    }

    int run(int days) throws IOException, SQLException {
        Settings settings = base.withDemoStorage();
        LocalDate to = settings.run().today().minusDays(1);
        LocalDate from = settings.run().today().minusDays(days);
        SandboxConfig sandboxConfig = SandboxConfig.defaults(settings.run().today()).withSeed(settings.demoSeed());
        try (SandboxServer sandbox = SandboxServer.start(sandboxConfig, 0)) {
            console.info("sandbox (seed " + settings.demoSeed() + ") serving The Racing API at " + sandbox.baseUrl());
            Settings run = settings.withApiUrl(sandbox.baseUrl());
            try (RunContext ctx = RunContext.withCredentials(run, console,
                    new Credentials(sandboxConfig.username(), sandboxConfig.password()), env).recordedAs("demo", from + ".." + to)) {
                Pipeline pipeline = new Pipeline(ctx);
                var fetch = pipeline.fetch(from, to, false);
                pipeline.transform();
                pipeline.stats(StatsProfile.STANDARD, settings.run().today());
                pipeline.publish(false);
                summary(ctx.database(), sandbox, from, to);
                return fetch.failedUnits() == 0 ? 0 : 1;
            }
        }
    }

    private void summary(PgTarget db, SandboxServer sandbox, LocalDate from, LocalDate to) throws SQLException {
        long servedRaces = 0;
        long servedRunners = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (SimRace race : sandbox.world().racesOn(d)) {
                servedRaces++;
                servedRunners += race.runners().size();
            }
        }
        StringBuilder s = new StringBuilder("\nPublished to Postgres:\n");
        long races;
        long runners;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + "\"" + db.schema() + "\"");
            races = count(st, "SELECT count(*) FROM ra_races");
            long rows = count(st, "SELECT count(*) FROM ra_runners");
            runners = count(st, "SELECT count(*) FROM ra_runners WHERE NOT is_non_runner");
            s.append("ra_races ").append(races).append('\n');
            s.append("ra_runners ").append(rows).append(" (").append(runners).append(" ran, ").append(rows - runners)
                    .append(" declared non-runners)\n");
            s.append(String.format(Locale.ROOT, "runners per race %.2f (the sandbox served %d races, %d runners: %.2f per race)%n",
                    races == 0 ? 0.0 : (double) runners / races, servedRaces, servedRunners,
                    servedRaces == 0 ? 0.0 : (double) servedRunners / servedRaces));
            s.append("\nRaces per day:\n");
            try (ResultSet rs = st.executeQuery("SELECT race_date, count(*) FROM ra_races GROUP BY race_date ORDER BY race_date")) {
                while (rs.next()) {
                    s.append(String.format("  %s %s %4d%n", rs.getDate(1).toLocalDate(),
                            rs.getDate(1).toLocalDate().getDayOfWeek().toString().substring(0, 3), rs.getLong(2)));
                }
            }
        }
        s.append("\nQuery it:\n")
                .append("  ./furlong sql --demo \"SELECT race_date, course_name, race_name FROM ra_races ORDER BY off_time DESC LIMIT 10\"\n")
                .append("  ./furlong db serve --demo     # keeps the demo's Postgres running and prints its connection string\n");
        console.result(s.toString());
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
