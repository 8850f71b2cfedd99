package dev.furlong.validate;

/**
 * One named check and its outcome.
 *
 * @param name      a stable name ("result_coverage", "rows.ra_runners")
 * @param severity  how much a failure matters
 * @param threshold what passes, in words ("&gt;= 98%")
 * @param measured  the measured value, in words
 * @param value     the measured value as a number, for machines (null when not measured)
 * @param passed    whether it passes
 * @param detail    what lies behind the figure (the worst year, the tables that differ), or ""
 */
public record Check(String name, Severity severity, String threshold, String measured, Double value, boolean passed, String detail) {

    static Check of(String name, Severity severity, String threshold, String measured, Double value, boolean passed, String detail) {
        return new Check(name, severity, threshold, measured, value, severity == Severity.INFO || passed, detail == null ? "" : detail);
    }

    /** A check that could not be measured: it fails, saying why. */
    static Check unmeasured(String name, Severity severity, String threshold, String why) {
        return new Check(name, severity, threshold, "not measured", null, false, why);
    }

    /** Whether this failure counts at {@code level} ({@code ERROR}: errors only; {@code WARN}: errors and warnings). */
    public boolean failsAt(Severity level) {
        return !passed && severity.ordinal() <= level.ordinal();
    }
}
