package dev.furlong.transform;

import java.util.List;

/**
 * The transform's run report: which answers it read and how they were found, per table counts, and whether the runner
 * invariant held.
 */
public record TransformReport(String answersRead, List<TableCounts> tables, long runnersInBronze, boolean invariantHolds,
                              String invariantDetail) {

    /** A run that had nothing to read. */
    public static TransformReport nothing(String why) {
        return new TransformReport(why, List.of(), 0, true, why);
    }

    public String render() {
        StringBuilder s = new StringBuilder(answersRead).append('\n').append(String.format("%-15s %9s %9s %9s %9s %9s %11s %8s%n", "table", "rows in",
                "inserted", "updated", "deleted", "unchanged", "quarantined", "outside"));
        for (TableCounts t : tables) {
            s.append(String.format("%-15s %9d %9d %9d %9d %9d %11d %8d%n", t.table(), t.rowsIn(), t.inserted(), t.updated(),
                    t.deleted(), t.unchanged(), t.quarantined(), t.outsideRegions()));
        }
        s.append(invariantHolds ? "invariant holds: " : "INVARIANT BROKEN: ").append(invariantDetail).append('\n');
        return s.toString();
    }
}
