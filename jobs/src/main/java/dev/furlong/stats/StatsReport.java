package dev.furlong.stats;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a statistics run did: the profile and as-of date, the runs it counted and those some tables could not use, and the
 * rows written to each gold table.
 *
 * @param runs            runs on or before the as-of date
 * @param goingOther      of them, runs whose going is in no going group (counted under "other")
 * @param withoutCode     runs of a race type that is neither flat nor jumps (left out of the distance and venue tables)
 * @param withoutDistance runs of a race with no distance (left out of the distance table)
 * @param preparedSeconds seconds spent reading silver and working out the runs every table starts from
 * @param written         gold table → what was written
 */
public record StatsReport(StatsProfile profile, LocalDate asOf, long runs, long goingOther, long withoutCode,
                          long withoutDistance, double preparedSeconds, Map<String, Written> written) {

    /** Rows of a gold table inserted, updated or deleted (a row whose figures did not change is left alone), and the seconds it took. */
    public record Written(long rows, double seconds) {
    }

    public String render() {
        StringBuilder s = new StringBuilder(String.format("statistics, profile %s, as of %s: %,d runs counted%n", profile, asOf,
                runs));
        if (goingOther > 0) {
            s.append(String.format("  %,d runs on going outside the going groups (counted as \"other\")%n", goingOther));
        }
        if (withoutCode > 0) {
            s.append(String.format("  %,d runs of races neither flat nor jumps: not in performance by distance or venue%n",
                    withoutCode));
        }
        if (withoutDistance > 0) {
            s.append(String.format("  %,d runs of races without a distance: not in performance by distance%n", withoutDistance));
        }
        s.append(String.format("%-24s %,12d runs %6.0f s%n", "silver read and prepared", runs, preparedSeconds));
        written.forEach((table, w) -> s.append(String.format("%-24s %,12d rows changed %6.0f s%n", table, w.rows(), w.seconds())));
        return s.toString();
    }
}
