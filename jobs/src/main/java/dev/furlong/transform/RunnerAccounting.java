package dev.furlong.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where every runner record of the answers read went, per source: each is in a race that could not be read, in a race outside
 * the configured regions, in silver, or quarantined alone. Also counts the races quarantined or outside the regions, and the
 * single fields quarantined from rows that did reach silver.
 */
public record RunnerAccounting(Map<PageSource, RunnerRecords> bySource, long racesQuarantined, long racesOutside,
                               long fieldsQuarantined) {

    public RunnerAccounting {
        bySource = Collections.unmodifiableMap(new EnumMap<>(bySource));
    }

    /** The runner records of one source's answers, by where they went. */
    public record RunnerRecords(long inAnswers, long inUnreadableRaces, long outsideRegions, long inSilver, long quarantined) {
        public boolean balances() {
            return inAnswers == inSilver + quarantined + inUnreadableRaces + outsideRegions;
        }
    }

    public long runnersInAnswers() {
        return bySource.values().stream().mapToLong(RunnerRecords::inAnswers).sum();
    }

    public long runnersQuarantined() {
        return bySource.values().stream().mapToLong(r -> r.inUnreadableRaces() + r.quarantined()).sum();
    }

    public long runnersOutside() {
        return bySource.values().stream().mapToLong(RunnerRecords::outsideRegions).sum();
    }

    public boolean balances() {
        return bySource.values().stream().allMatch(RunnerRecords::balances);
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        bySource.forEach((s, r) -> parts.add(String.format("%s: %d runner records = %d in silver + %d quarantined + %d outside regions",
                s.endpoint(), r.inAnswers(), r.inSilver(), r.inUnreadableRaces() + r.quarantined(), r.outsideRegions())));
        return String.join("; ", parts);
    }
}
