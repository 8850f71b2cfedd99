package dev.furlong.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code furlong validate} found: every check, and the series the HTML report draws.
 *
 * @param asOf     the moment the data was judged at (Europe/London)
 * @param lake     the lake's root
 * @param database the database's name (its URL without credentials, or the embedded one's folder) and schema
 * @param checks   every check, in the order they ran
 * @param series   the report's charts, each a title and its points in order
 */
public record Validation(String asOf, String lake, String database, List<Check> checks, List<Series> series) {

    /** One chart's data: a category (a year, a month, a column) → a value in {@code unit}. */
    public record Series(String name, String title, String unit, Map<String, Double> points) {
        public Series {
            points = new LinkedHashMap<>(points);
        }
    }

    public long failed(Severity severity) {
        return checks.stream().filter(c -> !c.passed() && c.severity() == severity).count();
    }

    /** Whether any check fails at {@code level} or worse. */
    public boolean failsAt(Severity level) {
        return checks.stream().anyMatch(c -> c.failsAt(level));
    }

    /** The console table: one line per check, failures marked, then a summary. */
    public String render() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"", "check", "severity", "measured", "threshold", "detail"});
        for (Check c : checks) {
            String mark = c.passed() ? (c.severity() == Severity.INFO ? "  " : "ok") : c.severity() == Severity.ERROR ? "!!" : "! ";
            rows.add(new String[]{mark, c.name(), c.severity().name().toLowerCase(), c.measured(), c.threshold(), c.detail()});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder("Validation of " + database + " and the lake at " + lake + ", as of " + asOf + "\n\n");
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(String.format("%-" + width[i] + "s  ", r[i]));
            }
            s.append((line + r[5]).stripTrailing()).append('\n');
        }
        long judged = checks.stream().filter(c -> c.severity() != Severity.INFO).count();
        long errors = failed(Severity.ERROR);
        long warnings = failed(Severity.WARN);
        s.append('\n').append(judged - errors - warnings).append(" of ").append(judged).append(" checks passed; ").append(errors)
                .append(errors == 1 ? " error, " : " errors, ").append(warnings).append(warnings == 1 ? " warning" : " warnings")
                .append('\n');
        return s.toString();
    }
}
