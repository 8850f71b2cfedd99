package dev.furlong.validate;

import dev.furlong.config.ValidationThresholds;
import dev.furlong.publish.PublishedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The checks Postgres answers: what analysts query. Reads only; the connection's search path is the schema. */
final class DatabaseChecks {

    /** Tables an empty copy of which means the data is missing; the others may be empty in a small lake. */
    private static final Set<String> REQUIRED = Set.of("ra_mst_regions", "ra_mst_courses", "ra_mst_jockeys", "ra_mst_trainers",
            "ra_mst_owners", "ra_mst_horses", "ra_races", "ra_runners", "ra_race_results");

    /** Each reference a row makes that must lead somewhere: the child, its column, the parent and its key. */
    private static final List<String[]> REFERENCES = List.of(
            new String[]{"ra_runners", "race_id", "ra_races", "race_id"},
            new String[]{"ra_runners", "horse_id", "ra_mst_horses", "id"},
            new String[]{"ra_runners", "jockey_id", "ra_mst_jockeys", "id"},
            new String[]{"ra_runners", "trainer_id", "ra_mst_trainers", "id"},
            new String[]{"ra_runners", "owner_id", "ra_mst_owners", "id"},
            new String[]{"ra_races", "course_id", "ra_mst_courses", "id"},
            new String[]{"ra_race_results", "race_id", "ra_races", "race_id"},
            new String[]{"ra_horse_pedigree", "horse_id", "ra_mst_horses", "id"});

    private final Connection db;
    private final ValidationThresholds limits;
    private final Instant now;
    private final LocalDate today;
    private final LocalDate earliestFetchable;
    private final List<Check> checks = new ArrayList<>();
    private final List<Validation.Series> series = new ArrayList<>();

    /**
     * @param earliestFetchable the first date whose results the account can fetch: coverage is not judged before it
     */
    DatabaseChecks(Connection db, ValidationThresholds limits, Instant now, LocalDate today, LocalDate earliestFetchable) {
        this.db = db;
        this.limits = limits;
        this.now = now;
        this.today = today;
        this.earliestFetchable = earliestFetchable;
    }

    List<Check> checks() {
        return checks;
    }

    List<Validation.Series> series() {
        return series;
    }

    DatabaseChecks run() throws SQLException {
        rows();
        LocalDate lastResult = date("SELECT max(r.race_date) FROM ra_races r JOIN ra_race_results x USING (race_id)");
        LocalDate first = date("SELECT min(race_date) FROM ra_races");
        if (first == null) {
            checks.add(Check.unmeasured("coverage", Severity.ERROR, "races from the first date fetched to today", "ra_races is empty"));
        } else {
            years(first.isBefore(earliestFetchable) ? earliestFetchable : first, lastResult);
            runnersPerRaceByMonth();
        }
        horses();
        orphans();
        nullRates();
        freshness();
        return this;
    }

    private void rows() throws SQLException {
        for (String table : PublishedTable.ALL.stream().map(PublishedTable::pgTable).distinct().toList()) {
            long n = scalar("SELECT count(*) FROM " + table);
            boolean required = REQUIRED.contains(table);
            checks.add(Check.of("rows." + table, required ? Severity.ERROR : Severity.INFO, required ? "> 0" : "", String.format("%,d", n),
                    (double) n, n > 0, ""));
        }
    }

    /** Per year from {@code from} to today: races and courses against the neighbouring years, runners per race, results. */
    private void years(LocalDate from, LocalDate lastResult) throws SQLException {
        // Finished races count for the result coverage up to the latest result: a tail without results is freshness's to judge.
        String sql = """
                WITH n AS (SELECT race_id, count(*) AS runners FROM ra_runners GROUP BY race_id)
                SELECT extract(year FROM r.race_date)::int, count(*), count(DISTINCT r.course_id), coalesce(sum(n.runners), 0),
                       count(*) FILTER (WHERE f.finished), count(x.race_id) FILTER (WHERE f.finished)
                FROM ra_races r LEFT JOIN n USING (race_id) LEFT JOIN ra_race_results x USING (race_id),
                     LATERAL (SELECT NOT coalesce(r.is_abandoned, false) AND r.race_date < ? AND r.race_date <= ? AS finished) f
                WHERE r.race_date BETWEEN ? AND ?
                GROUP BY 1 ORDER BY 1""";
        Map<Integer, long[]> byYear = new TreeMap<>();
        for (int y = from.getYear(); y <= today.getYear(); y++) {
            byYear.put(y, new long[5]);
        }
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setObject(1, today);
            s.setObject(2, lastResult == null ? LocalDate.MIN : lastResult);
            s.setObject(3, from);
            s.setObject(4, today);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] v = byYear.computeIfAbsent(rs.getInt(1), y -> new long[5]);
                    for (int i = 0; i < 5; i++) {
                        v[i] = rs.getLong(i + 2);
                    }
                }
            }
        }
        Map<String, Double> races = new LinkedHashMap<>();
        Map<String, Double> runners = new LinkedHashMap<>();
        Map<String, Double> perRace = new LinkedHashMap<>();
        Map<String, Double> coverage = new LinkedHashMap<>();
        Map<Integer, Double> racesPerDay = new TreeMap<>();
        Map<Integer, Double> courses = new TreeMap<>();
        java.util.Set<Integer> wholeYears = new java.util.HashSet<>();
        long allRaces = 0;
        long allRunners = 0;
        long finished = 0;
        long resulted = 0;
        for (var e : byYear.entrySet()) {
            int y = e.getKey();
            long[] v = e.getValue();
            LocalDate start = from.getYear() == y ? from : LocalDate.of(y, 1, 1);
            LocalDate end = today.getYear() == y ? today : LocalDate.of(y, 12, 31);
            long days = ChronoUnit.DAYS.between(start, end) + 1;
            racesPerDay.put(y, v[0] / (double) days);
            if (days == start.lengthOfYear()) {
                wholeYears.add(y);
            }
            courses.put(y, (double) v[1]);
            races.put(Integer.toString(y), (double) v[0]);
            runners.put(Integer.toString(y), (double) v[2]);
            perRace.put(Integer.toString(y), v[0] == 0 ? 0 : v[2] / (double) v[0]);
            if (v[3] > 0) {
                coverage.put(Integer.toString(y), 100.0 * v[4] / v[3]);
            }
            allRaces += v[0];
            allRunners += v[2];
            finished += v[3];
            resulted += v[4];
        }
        String range = from + " to " + today;
        checks.add(againstNeighbours("races_per_year", "races per day", racesPerDay, racesPerDay.keySet(), range));
        // A part of a year races at fewer courses than a whole one: only whole years are compared, the others need one.
        checks.add(againstNeighbours("courses_per_year", "courses", courses, wholeYears, range));
        double overall = allRaces == 0 ? 0 : allRunners / (double) allRaces;
        String band = fmt(limits.runnersPerRaceMin()) + " to " + fmt(limits.runnersPerRaceMax());
        checks.add(Check.of("runners_per_race", Severity.WARN, band, String.format("%.2f", overall), overall, inBand(overall),
                String.format("%,d runners in %,d races, %s", allRunners, allRaces, range)));
        String worst = null;
        double worstValue = overall;
        for (var e : perRace.entrySet()) {
            if (!inBand(e.getValue()) && (worst == null || distance(e.getValue()) > distance(worstValue))) {
                worst = e.getKey();
                worstValue = e.getValue();
            }
        }
        checks.add(Check.of("runners_per_race_by_year", Severity.WARN, "every year " + band,
                worst == null ? "all in band" : String.format("%s: %.2f", worst, worstValue), worst == null ? 0 : worstValue, worst == null,
                worst == null ? perRace.size() + (perRace.size() == 1 ? " year" : " years") : "years outside: " + String.join(", ", perRace.entrySet().stream()
                        .filter(e -> !inBand(e.getValue())).map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).toList())));
        double share = finished == 0 ? 1 : resulted / (double) finished;
        checks.add(Check.of("result_coverage", Severity.ERROR, ">= " + pct(limits.resultCoverageMin()), pct(share), share,
                share >= limits.resultCoverageMin(), String.format("%,d of %,d finished races have a result", resulted, finished)));
        series.add(new Validation.Series("races_per_year", "Races per year", "races", races));
        series.add(new Validation.Series("runners_per_year", "Runners per year", "runners", runners));
        series.add(new Validation.Series("result_coverage_by_year", "Finished races with a result, per year", "%", coverage));
    }

    /**
     * Fails when a year falls below the configured share of the mean of the years either side of it (a missing year is 0). Only
     * {@code comparable} years are compared, with comparable neighbours; the others fail only at 0.
     */
    private Check againstNeighbours(String name, String what, Map<Integer, Double> byYear, java.util.Set<Integer> comparable,
                                    String range) {
        List<String> low = new ArrayList<>();
        double worst = Double.MAX_VALUE;
        String worstText = "";
        for (var e : byYear.entrySet()) {
            int y = e.getKey();
            double sum = 0;
            int n = 0;
            for (int neighbour : new int[]{y - 1, y + 1}) {
                if (comparable.contains(neighbour) && comparable.contains(y)) {
                    sum += byYear.get(neighbour);
                    n++;
                }
            }
            double ratio = n == 0 || sum == 0 ? (e.getValue() > 0 ? 1 : 0) : e.getValue() / (sum / n);
            if (ratio < worst) {
                worst = ratio;
                worstText = String.format("%d: %.1f %s, %.0f%% of its neighbours'", y, e.getValue(), what, 100 * ratio);
            }
            if (ratio < limits.yearMinShare()) {
                low.add(Integer.toString(y));
            }
        }
        return Check.of(name, Severity.ERROR, "each year >= " + pct(limits.yearMinShare()) + " of its neighbours'", worstText, worst,
                low.isEmpty(), (low.isEmpty() ? byYear.size() + (byYear.size() == 1 ? " year, " : " years, ") : "below: " + String.join(", ", low) + "; ") + range);
    }

    private void runnersPerRaceByMonth() throws SQLException {
        Map<String, Double> months = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("""
                WITH n AS (SELECT race_id, count(*) AS runners FROM ra_runners GROUP BY race_id)
                SELECT to_char(r.race_date, 'YYYY-MM'), coalesce(sum(n.runners), 0)::float8 / count(*)
                FROM ra_races r LEFT JOIN n USING (race_id) WHERE r.race_date <= ? GROUP BY 1 ORDER BY 1""")) {
            s.setObject(1, today);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    months.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        series.add(new Validation.Series("runners_per_race_by_month", "Runners per race, by month", "runners per race", months));
    }

    private void horses() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*), count(p.horse_id), count(*) FILTER (WHERE h.dob IS NOT NULL OR h.enriched_at IS NOT NULL)
                FROM ra_mst_horses h LEFT JOIN ra_horse_pedigree p ON p.horse_id = h.id""")) {
            rs.next();
            long horses = rs.getLong(1);
            double pedigree = horses == 0 ? 1 : rs.getLong(2) / (double) horses;
            double details = horses == 0 ? 1 : rs.getLong(3) / (double) horses;
            checks.add(Check.of("horses_with_pedigree", Severity.WARN, ">= " + pct(limits.pedigreeMin()), pct(pedigree), pedigree,
                    pedigree >= limits.pedigreeMin(), String.format("%,d of %,d horses; %,d wait for one", rs.getLong(2), horses,
                            horses - rs.getLong(2))));
            checks.add(Check.of("horses_with_details", Severity.WARN, ">= " + pct(limits.detailsMin()), pct(details), details,
                    details >= limits.detailsMin(), String.format("%,d of %,d horses; %,d wait for sync --scope horses",
                            rs.getLong(3), horses, horses - rs.getLong(3))));
        }
    }

    private void orphans() throws SQLException {
        long total = 0;
        List<String> found = new ArrayList<>();
        for (String[] r : REFERENCES) {
            long n = scalar("SELECT count(*) FROM " + r[0] + " c WHERE c." + r[1] + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + r[2]
                    + " p WHERE p." + r[3] + " = c." + r[1] + ")");
            if (n > 0) {
                found.add(String.format("%,d %s.%s not in %s", n, r[0], r[1], r[2]));
                total += n;
            }
        }
        checks.add(Check.of("orphaned_references", Severity.ERROR, "0", String.format("%,d", total), (double) total, total == 0,
                found.isEmpty() ? REFERENCES.size() + " references checked" : String.join("; ", found)));
    }

    private void nullRates() throws SQLException {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (var e : new TreeMap<>(limits.nullRateMax()).entrySet()) {
            String[] tc = e.getKey().split("\\.");
            String name = "null_rate." + e.getKey();
            String threshold = "<= " + pct(e.getValue());
            if (scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '"
                    + tc[0] + "' AND column_name = '" + tc[1] + "'") == 0) {
                checks.add(Check.unmeasured(name, Severity.ERROR, threshold, "no such column (furlong.validate.null-rate-max)"));
                continue;
            }
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE \"" + tc[1]
                    + "\" IS NULL) FROM " + tc[0])) {
                rs.next();
                long rows = rs.getLong(1);
                double rate = rows == 0 ? 0 : rs.getLong(2) / (double) rows;
                rates.put(e.getKey(), 100 * rate);
                checks.add(Check.of(name, Severity.ERROR, threshold, pct(rate), rate, rate <= e.getValue(),
                        String.format("%,d of %,d rows", rs.getLong(2), rows)));
            }
        }
        series.add(new Validation.Series("null_rates", "NULLs in key columns", "% of rows", rates));
    }

    private void freshness() throws SQLException {
        Map<String, Double> hours = new LinkedHashMap<>();
        // A race is finished half an hour after its off; its result should follow within the configured lag.
        try (PreparedStatement s = db.prepareStatement("""
                SELECT max(r.off_time) FILTER (WHERE r.off_time <= ? AND NOT coalesce(r.is_abandoned, false)),
                       max(r.off_time) FILTER (WHERE x.race_id IS NOT NULL)
                FROM ra_races r LEFT JOIN ra_race_results x USING (race_id)""")) {
            s.setTimestamp(1, Timestamp.from(now.minus(Duration.ofMinutes(30))));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp finished = rs.getTimestamp(1);
                Timestamp resulted = rs.getTimestamp(2);
                String threshold = "<= " + limits.resultsLagMax().toHours() + " h";
                if (finished == null) {
                    checks.add(Check.unmeasured("freshness.results", Severity.ERROR, threshold, "no finished race in ra_races"));
                } else {
                    double lag = resulted == null ? Double.MAX_VALUE
                            : Math.max(0, Duration.between(resulted.toInstant(), finished.toInstant()).toMinutes() / 60.0);
                    if (resulted != null) {
                        hours.put("results", lag);
                    }
                    checks.add(Check.of("freshness.results", Severity.ERROR, threshold, resulted == null ? "no result" : String.format("%.1f h", lag),
                            lag, lag * 60 <= limits.resultsLagMax().toMinutes(), "latest finished race off " + finished.toInstant()
                                    + ", latest with a result off " + (resulted == null ? "never" : resulted.toInstant())));
                }
            }
        }
        LocalDate card = date("SELECT max(race_date) FROM ra_races WHERE has_racecard");
        String cardThreshold = "<= " + limits.racecardsBehindMax() + " days before today";
        if (card == null) {
            checks.add(Check.unmeasured("freshness.racecards", Severity.WARN, cardThreshold, "no racecard in ra_races"));
        } else {
            long behind = ChronoUnit.DAYS.between(card, today);
            hours.put("racecards", Math.max(0, behind) * 24.0);
            checks.add(Check.of("freshness.racecards", Severity.WARN, cardThreshold, behind + " days", (double) behind,
                    behind <= limits.racecardsBehindMax(), "latest racecard " + card + ", today " + today));
        }
        Timestamp stats;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT max(ended_at) FROM etl_runs WHERE stage = 'stats' AND outcome = 'succeeded'")) {
            rs.next();
            stats = rs.getTimestamp(1);
        }
        String statsThreshold = "<= " + limits.statisticsAgeMax().toHours() + " h";
        if (stats == null) {
            checks.add(Check.unmeasured("statistics_age", Severity.WARN, statsThreshold, "no statistics run in etl_runs"));
        } else {
            // A run's clock may stand a little after --now: a run ended since is no age.
            double age = Math.max(0, Duration.between(stats.toInstant(), now).toSeconds() / 3600.0);
            hours.put("statistics", age);
            checks.add(Check.of("statistics_age", Severity.WARN, statsThreshold, String.format("%.1f h", age), age,
                    age * 60 <= limits.statisticsAgeMax().toMinutes(), "last computed " + stats.toInstant()));
        }
        series.add(new Validation.Series("freshness", "Hours behind", "hours", hours));
    }

    private boolean inBand(double v) {
        return v >= limits.runnersPerRaceMin() && v <= limits.runnersPerRaceMax();
    }

    private double distance(double v) {
        return v < limits.runnersPerRaceMin() ? limits.runnersPerRaceMin() - v : v - limits.runnersPerRaceMax();
    }

    private LocalDate date(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, LocalDate.class);
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String pct(double share) {
        return String.format("%.1f%%", 100 * share);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
