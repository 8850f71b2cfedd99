package dev.furlong.validate;

import dev.furlong.api.RequestLimits;
import dev.furlong.config.Settings;
import dev.furlong.lake.DeltaTables;
import dev.furlong.lake.Lake;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Runs every check of {@code furlong validate} against the lake and, when it can be read, the serving Postgres. Reads only. */
public final class ValidateJob {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final SparkSession spark;
    private final Lake lake;
    private final Settings settings;

    public ValidateJob(SparkSession spark, Lake lake, Settings settings) {
        this.spark = spark;
        this.lake = lake;
        this.settings = settings;
    }

    /**
     * The checks. {@code database} is null, with {@code databaseProblem} saying why, when Postgres cannot be read; the checks it
     * would have answered then fail with that reason, and the lake's still run.
     */
    public Validation run(Connection database, String databaseName, String databaseProblem) throws SQLException {
        LocalDate today = settings.run().today();
        Instant now = settings.run().now().atZone(LONDON).toInstant();
        List<Check> checks = new ArrayList<>();
        List<Validation.Series> series = new ArrayList<>();
        String problem = databaseProblem;
        if (problem == null && !hasFurlongTables(database)) {
            problem = "nothing published yet: schema " + settings.pgSchema() + " has no Furlong tables (./furlong publish)";
        }
        if (problem != null) {
            checks.add(Check.unmeasured("database", Severity.ERROR, "published tables to check", problem));
        } else {
            try (Statement s = database.createStatement()) {
                s.execute("SET search_path TO \"" + settings.pgSchema() + "\"");
            }
            LocalDate earliest = settings.historicalResults() ? RequestLimits.HISTORICAL_RESULTS_START
                    : today.minusDays(RequestLimits.STANDARD_RESULTS_DAYS);
            DatabaseChecks db = new DatabaseChecks(database, settings.validation(), now, today, earliest).run();
            checks.addAll(db.checks());
            series.addAll(db.series());
        }
        if (!DeltaTables.exists(spark, lake.apiResponses())) {
            checks.add(Check.unmeasured("lake", Severity.ERROR, "answers in bronze",
                    "the lake at " + lake.root() + " holds no answers yet (./furlong backfill, or ./furlong demo)"));
        } else {
            LakeChecks lakeChecks = new LakeChecks(spark, lake, settings.regions(), settings.validation()).duplicateKeys().bronzeAgainstSilver();
            if (problem == null) {
                lakeChecks.againstPostgres(database);
            }
            checks.addAll(lakeChecks.checks());
        }
        return new Validation(settings.run().now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), lake.root(), databaseName, checks, series);
    }

    private boolean hasFurlongTables(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('\"" + settings.pgSchema()
                + "\".etl_watermarks') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
