package dev.furlong.status;

import java.util.List;
import java.util.Map;

/**
 * What {@code furlong status} reports: what the lake holds and what Postgres serves, the last run of each stage, what is
 * still to fetch, and today's API use. Plain values (text, numbers, ISO times), so it prints as text and as JSON alike.
 *
 * @param lake      the lake root, and why it holds nothing when it does not ({@code lakeEmpty})
 * @param database  the Postgres target, and what is wrong with it when it cannot be read ({@code databaseProblem})
 */
public record Status(String lake, String lakeEmpty, String database, String databaseProblem, List<Table> tables,
                     List<Year> years, List<LastRun> runs, Backlog backlog, List<ApiUse> apiToday) {

    /**
     * One published table: rows and version in the lake, rows in Postgres and the lake version they were published from
     * (null when not published; -1 when published from an earlier table at that path, one since rebuilt).
     */
    public record Table(String lakeTable, String pgTable, Long lakeRows, Long lakeVersion, Long pgRows, Long publishedVersion) {
    }

    /** Races, runners and results of one year: in the lake, and in Postgres (null when not published). */
    public record Year(int year, long lakeRaces, long lakeRunners, long lakeResults, Long pgRaces, Long pgRunners, Long pgResults) {
    }

    /** The latest successful run of a command's stage, and the latest failure when it came after. */
    public record LastRun(String command, String stage, String succeededAt, Double seconds, String failedAt, String failure) {
    }

    /**
     * What is still to fetch.
     *
     * @param failedUnits   units whose latest attempt failed, by endpoint: the next run of their scope retries them
     * @param horsesWaiting horses seen in results that no horse-details answer describes yet
     */
    public record Backlog(Map<String, Long> failedUnits, long horsesWaiting) {
    }

    /**
     * One endpoint's calls today (Europe/London), its busiest ten seconds of the fetch log (units logged per second), and its
     * documented rate.
     */
    public record ApiUse(String endpoint, long calls, double peakPerSecond, double documentedPerSecond) {
    }

    /** The status as text for a person. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("lake: ").append(lake).append('\n');
        if (lakeEmpty != null) {
            s.append("  ").append(lakeEmpty).append('\n');
        }
        s.append("Postgres: ").append(database).append('\n');
        if (databaseProblem != null) {
            s.append("  ").append(databaseProblem).append('\n');
        }
        s.append("\ntables (rows in the lake at its version; rows in Postgres, published from version):\n");
        String row = "  %-32s %12s %8s %12s %10s%n";
        s.append(String.format(row, "table", "lake rows", "version", "pg rows", "published"));
        for (Table t : tables) {
            s.append(String.format(row, t.lakeTable(), number(t.lakeRows()), number(t.lakeVersion()), number(t.pgRows()),
                    t.publishedVersion() == null ? "never" : t.publishedVersion() < 0 ? "rebuilt" : t.publishedVersion()
                            + (t.publishedVersion().equals(t.lakeVersion()) ? "" : " (behind)")));
        }
        if (!years.isEmpty()) {
            s.append("\nby year (lake / Postgres):\n");
            String y = "  %-6s %17s %21s %19s%n";
            s.append(String.format(y, "year", "races", "runners", "results"));
            for (Year r : years) {
                s.append(String.format(y, r.year(), pair(r.lakeRaces(), r.pgRaces()), pair(r.lakeRunners(), r.pgRunners()),
                        pair(r.lakeResults(), r.pgResults())));
            }
        }
        s.append("\nlast runs:\n");
        if (runs.isEmpty()) {
            s.append("  none recorded yet\n");
        }
        for (LastRun r : runs) {
            s.append(String.format("  %-10s %-18s %s%s%n", r.command(), r.stage(),
                    r.succeededAt() == null ? "never succeeded" : "succeeded " + r.succeededAt() + String.format(" in %.0f s", r.seconds()),
                    r.failedAt() == null ? "" : "; failed since, " + r.failedAt() + (r.failure() == null ? "" : ": " + r.failure())));
        }
        s.append("\nbacklog: ").append(backlog.failedUnits().isEmpty() ? "no failed units"
                : "failed units waiting for a retry " + backlog.failedUnits()).append("; ")
                .append(String.format("%,d horses waiting for their details", backlog.horsesWaiting())).append('\n');
        s.append("\nAPI today (Europe/London):");
        if (apiToday.isEmpty()) {
            s.append(" no calls\n");
        } else {
            s.append('\n');
            for (ApiUse a : apiToday) {
                s.append(String.format("  %-16s %,8d calls, busiest 10 s %.1f units/s (documented rate %.0f/s)%n",
                        a.endpoint(), a.calls(), a.peakPerSecond(), a.documentedPerSecond()));
            }
        }
        return s.toString();
    }

    private static String number(Long n) {
        return n == null ? "-" : String.format("%,d", n);
    }

    private static String pair(long lake, Long pg) {
        return String.format("%,d / %s", lake, number(pg));
    }
}
